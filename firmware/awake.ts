// The awake lock on a board, made at each wake-up (shell.ts). The build wraps this file's code in the
// function it exports, so its closures exist only while the lock is awake: asleep, they cost no RAM,
// and their code stays in flash.
import { config } from "latchkey:board";
import type { BoardWiring } from "../hal/board";
import { createEspruinoOutputs } from "../hal/espruino/index";
import { createStorageKv } from "../hal/espruino/kv";
import { wakeEngine } from "./engine";
import type { LockEngine, LockShellMemory } from "./engine";
import { createRecordStore } from "./store";

export function log(msg: string) {
  console.log("[latchkey] " + msg);
}

/** `wiring` is the board's, which main.ts keeps for the inputs anyway: one copy in RAM, not two. */
export function wakeLock(wiring: BoardWiring<Pin>, memory: LockShellMemory, sleep: () => void): LockEngine {
  const kv = createStorageKv();
  const parts = { hal: createEspruinoOutputs(wiring, kv), config: config, store: createRecordStore(kv, config, memory.store) };
  return wakeEngine(parts, memory, log, sleep);
}
