// The awake lock on a board, made at each wake-up (shell.ts): its HAL outputs, config, store and
// engine exist only while the lock is awake. Asleep they cost no RAM; their code stays in flash.
import { config } from "latchkey:board";
import type { BoardWiring } from "../hal/board";
import { createEspruinoOutputs } from "../hal/espruino/index";
import { createStorageKv } from "../hal/espruino/kv";
import { wakeEngine } from "./engine";
import type { LockEngine, LockShellMemory } from "./engine";
import { createRecordStore } from "./store";

/** `wiring` is the board's, which main.ts keeps for the inputs anyway: one copy in RAM, not two. */
export function wakeLock(wiring: BoardWiring<Pin>, memory: LockShellMemory, sleep: () => void): LockEngine {
  const kv = createStorageKv();
  const lockConfig = config();
  const parts = { hal: createEspruinoOutputs(wiring, kv), config: lockConfig, store: createRecordStore(kv, lockConfig, memory.store) };
  return wakeEngine(
    parts,
    memory,
    function (msg: string) {
      console.log("[latchkey] " + msg);
    },
    sleep,
  );
}
