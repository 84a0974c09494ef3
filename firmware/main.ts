// Device entry point: the image runs this from .bootcde at every power-up. (Its very first statement,
// put there by the build, drives the motor pins low.) It enables the watchdog, starts the lock, and
// leaves `Latchkey` on the console for engineers on the bench: status(), battery(), log(n), setTime(t).
import { espruinoHal } from "../hal/espruino/index";
import { startLock, status } from "./driver";
import { journalEvent, journalLog } from "./journal";
import { EventKind } from "./types";

declare var Latchkey: unknown;

/** E.getErrorFlags() clears the flags it returns: one line per time Espruino ran short of memory. */
function memoryWarning() {
  const flags = E.getErrorFlags();
  if (flags && flags.indexOf("LOW_MEMORY") >= 0) console.log("[latchkey] LOW MEMORY: the lock keeps working; report this build");
}

if (typeof Latchkey !== "undefined") {
  // a state saved with save() was restored, and its lock already runs: a second one would fight it
  console.log('[latchkey] a lock is already running (restored from save()): not starting another. Clear it with require("Storage").erase(".varimg") and power-cycle.');
} else {
  // self-kicking: it bites only if the interpreter stops returning to idle (a hang)
  if (BOARD.watchdogSeconds > 0) E.enableWatchdog(BOARD.watchdogSeconds, true);
  if (BOARD.deepSleep && typeof setDeepSleep === "function") {
    // STM32: STOP mode whenever the lock is idle (a reset turns it off, so at every power-up). Espruino
    // cannot enter it while USB is connected: say so once, so a bench reading of the current makes sense.
    // The USB sense pin is read by name: a model of the board that does not wire it must not stop the lock.
    setDeepSleep(1);
    try {
      if (BOARD.usbSense && digitalRead(BOARD.usbSense)) print("[latchkey] USB connected: no deep sleep while it is (about 11 mA idle instead of 0.02)");
    } catch (e) {}
  }
  espruinoHal.afterKey = memoryWarning;
  startLock(espruinoHal);
  memoryWarning();
  Latchkey = {
    status: function () {
      memoryWarning();
      return status();
    },
    battery: function () {
      return status().battery;
    },
    // the last n events, one line each (no code digits, no passkey); make log reads them
    log: journalLog,
    // the wall clock for the event log: Unix seconds now (Espruino's own clock is left as it is)
    setTime: function (t: number) {
      return journalEvent(EventKind.TIME, t, 0);
    },
  };
}
