// Device entry point: the image runs this from .bootcde at every power-up. It starts the board's
// inputs, enables the watchdog, and starts the lock. `Latchkey` is left on the console for engineers
// on the bench: Latchkey.status(), Latchkey.battery().
import { board } from "latchkey:board";
import { wakeLock } from "./awake";
import { createEspruinoInputs } from "../hal/espruino/index";
import { startLock } from "./shell";

declare var Latchkey: unknown;

// self-kicking: it bites only if the interpreter stops returning to idle (a hang)
if (board.watchdogSeconds > 0) E.enableWatchdog(board.watchdogSeconds, true);

// E.getErrorFlags() clears the flags it returns: one line per time Espruino ran short of memory
function memoryWarning() {
  const flags = E.getErrorFlags();
  if (flags && flags.indexOf("LOW_MEMORY") >= 0) console.log("[latchkey] LOW MEMORY: the lock keeps working; report this build");
}
// checked at power-up, after every key press, and at Latchkey.status()
const shell = startLock(
  createEspruinoInputs(board),
  function (memory, sleep) {
    // The last awake lock is garbage by now, held in reference cycles (closures and their scopes) that
    // only Espruino's collector frees, and it runs by itself only when RAM is nearly full: collect it
    // (process.memory() does) before making the next, so two never fill RAM together. Only a hint: a
    // host without it (a bare test harness) must still get a working lock.
    try {
      process.memory();
    } catch (e) {}
    return wakeLock(board, memory, sleep);
  },
  memoryWarning,
);
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
