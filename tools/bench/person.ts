// A person at the door, for the bench's runs: key presses timed as the scenario language times them
// (sim/scenario/run.ts), the Program button, and the setup every run starts from.
import type { Simulation } from "../../sim/engine";
import { KEY_GAP_MS, KEY_HOLD_MS, PROGRAM_TAP_MS } from "../../sim/scenario/run";

/** the user code every bench run programs */
export const USER_CODE = "1234";

export function status(sim: Simulation): { mode: string; locked: boolean; handed: boolean; codes: number; lockedOut: boolean } {
  return JSON.parse(String(sim.console("JSON.stringify(Latchkey.status())")));
}

/** keys as typed: `#` LOCK, `*` CLEAR; each tapped 100 ms, 150 ms apart */
export function press(sim: Simulation, keys: string): void {
  [...keys].forEach((key, i) => {
    if (i > 0) sim.advance(KEY_GAP_MS);
    sim.tap(key, KEY_HOLD_MS);
  });
}

export function pressProgram(sim: Simulation): void {
  sim.setProgram(true);
  sim.advance(PROGRAM_TAP_MS);
  sim.setProgram(false);
}

function waitFor(sim: Simulation, what: string, limitMs: number, done: () => boolean): void {
  const until = sim.now() + limitMs;
  while (!done()) {
    if (sim.now() >= until) throw new Error(`the lock did not ${what} within ${limitMs / 1000} s: ${JSON.stringify(status(sim))}`);
    sim.advance(100);
  }
}

/**
 * Power-up on a fresh lock (door handing runs by itself), then the user code programmed, and auto-lock
 * turned on when asked. Ends idle and locked, with no timer armed. `poweredOn`: the caller has just powered
 * it up (to do something at power-up first).
 */
export function setUpLock(sim: Simulation, armedTimers: () => number, options: { autoLock: boolean; poweredOn?: boolean }): void {
  if (!options.poweredOn) sim.powerOn();
  waitFor(sim, "finish door handing", 60000, () => status(sim).mode === "ready" && status(sim).handed);
  sim.advance(3000);
  pressProgram(sim);
  sim.advance(1000);
  press(sim, USER_CODE + "#");
  sim.advance(3000);
  if (status(sim).codes !== 1) throw new Error(`programming the user code failed: ${JSON.stringify(status(sim))}`);
  if (options.autoLock) {
    pressProgram(sim);
    sim.advance(1000);
    press(sim, "*1#");
    sim.advance(3000);
  }
  if (!status(sim).locked) {
    press(sim, "#");
    waitFor(sim, "lock by one-touch", 10000, () => status(sim).locked);
  }
  waitFor(sim, "settle with no timer armed", 60000, () => armedTimers() === 0);
}
