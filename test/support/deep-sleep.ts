// The built proto-pico image in the simulator, with deep sleep in force, and the check that the idle lock
// stays in it: no timer or interval armed, and a stretch of idle time spent entirely in STOP with no
// wake-up. Today's image does not call setDeepSleep(1) itself: until it does, the test turns deep sleep on
// from the console right after power-up, as the image would, so that everything else is checked already.
import { createSimulation, Simulation } from "../../sim/engine";
import { resolveBoard } from "../../sim/scenario/run";
import { setUpLock } from "../../tools/bench/person";

export const IDLE_CHECK_MS = 10 * 60 * 1000;

export interface PicoLock {
  sim: Simulation;
  image: string;
  /** the image itself called setDeepSleep(1) at power-up */
  imageEnablesDeepSleep: boolean;
}

/** does this image call setDeepSleep at all (the firmware of issue 13)? */
export function imageUsesDeepSleep(image: string): boolean {
  return image.includes("setDeepSleep");
}

/**
 * Power-up, door handing, the user code 1234 programmed, auto-lock as asked, locked and settled, with deep
 * sleep in force. `patch` appends code to the image (to plant a fault the check must catch).
 */
export function picoLock(options: { autoLock?: boolean; usb?: boolean; patch?: string } = {}): PicoLock {
  const { board, image: built, imageName } = resolveBoard("proto-pico");
  const image = options.patch ? built + "\n" + options.patch + "\n" : built;
  const sim = createSimulation({ board, image, imageName });
  if (options.usb) sim.setUsbConnected(true);
  sim.powerOn();
  const power = sim.power();
  if (!power) throw new Error("the lock did not power up");
  const imageEnablesDeepSleep = power.deepSleepEnabled();
  if (!imageEnablesDeepSleep) sim.console("setDeepSleep(1)");
  setUpLock(sim, () => sim.armedTimers(), { autoLock: options.autoLock ?? false, poweredOn: true });
  return { sim, image, imageEnablesDeepSleep };
}

/**
 * What keeps the idle lock out of deep sleep over the next `ms`: empty when nothing does. Waits `settleMs`
 * first for the last activity to end (patterns, the rest reading after a stroke).
 */
export function idleProblems(sim: Simulation, settleMs = 60000, ms = IDLE_CHECK_MS): string[] {
  sim.advance(settleMs);
  const power = sim.power();
  if (!power) return ["the lock is off"];
  const problems: string[] = [];
  if (sim.armedTimers() > 0) problems.push(`${sim.armedTimers()} timer(s) or interval(s) armed while idle`);
  const blockers = power.blockers();
  power.reset();
  sim.advance(ms);
  const t = power.times();
  if (t.deepSleep !== ms) {
    problems.push(`only ${t.deepSleep} of ${ms} ms in deep sleep (running ${t.running} ms, ordinary sleep ${t.sleep} ms)` +
      (blockers.length ? `: ${blockers.join("; ")}` : ""));
  }
  if (power.callbacks() > 0) problems.push(`${power.callbacks()} callback(s) woke the idle lock`);
  if (sim.uncaught().length) problems.push(...sim.uncaught());
  return problems;
}
