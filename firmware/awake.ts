// The awake lock on a board, made at each wake-up (shell.ts). The build wraps this file's code in the
// function it exports, so its closures exist only while the lock is awake: asleep, they cost no RAM,
// and their code stays in flash.
import { board, config } from "latchkey:board";
import { createEspruinoOutputs } from "../hal/espruino/index";
import { createStorageKv } from "../hal/espruino/kv";
import { wakeEngine } from "./engine";
import type { LockEngine, LockShellMemory } from "./engine";
import { createRecordStore } from "./store";

export function log(msg: string) {
  console.log("[latchkey] " + msg);
}

export function wakeLock(memory: LockShellMemory, sleep: () => void): LockEngine {
  const kv = createStorageKv();
  const parts = { hal: createEspruinoOutputs(board, kv), config: config, store: createRecordStore(kv, config, memory.store) };
  return wakeEngine(parts, memory, log, sleep);
}
