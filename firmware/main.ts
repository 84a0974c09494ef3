// Device entry point: the image runs this from .bootcde at every power-up. It builds the HAL for the
// board the image was built for, enables the watchdog, and starts the lock. `Latchkey` is left on the
// console for engineers on the bench: Latchkey.status(), Latchkey.battery().
import { board, config } from "latchkey:board";
import { createEspruinoHal } from "../hal/espruino/index";
import { createStorageKv } from "../hal/espruino/kv";
import { startLock } from "./shell";
import { createRecordStore } from "./store";

declare var Latchkey: unknown;

function log(msg: string) {
  console.log("[latchkey] " + msg);
}

const kv = createStorageKv();
const hal = createEspruinoHal(board, kv);
// self-kicking: it bites only if the interpreter stops returning to idle (a hang)
if (board.watchdogSeconds > 0) E.enableWatchdog(board.watchdogSeconds, true);

// E.getErrorFlags() clears the flags it returns: one line per time Espruino ran short of memory
function memoryWarning() {
  const flags = E.getErrorFlags();
  if (flags && flags.indexOf("LOW_MEMORY") >= 0) log("LOW MEMORY: the lock keeps working; report this build");
}
// checked at power-up, after every key press, and at Latchkey.status()
const shell = startLock(hal, config, createRecordStore(kv, config), log, memoryWarning);
memoryWarning();

Latchkey = {
  status: function () {
    memoryWarning();
    return shell.status();
  },
  battery: function () {
    return shell.status().battery;
  },
};
