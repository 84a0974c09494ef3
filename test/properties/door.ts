// The real proto-pico image at the door, for tests that tell a story: a lock set up as its owner
// would (handed, one user code, locked), a person's key presses, what the lock showed and logged, and
// what the hardware did (motor runs, flash writes) as seen from outside the image.
import { strict as assert } from "assert";
import type { Simulation } from "../../sim/engine";
import { moments } from "../../sim/record/feedback";
import { LockDriver } from "./driver";
import { boardAndImage, espruinoOf, motorPinsLow } from "./image";

export const CODE = "1234";

/** handed, user code 1234, bolt extended (locked); `autoLock` turns that setting on first */
export function lockedLock(options: { autoLock?: boolean } = {}): Simulation {
  const driver = new LockDriver({ hand: "right", bolt: 0, userCode: CODE, master: "" });
  driver.start(() => undefined);
  if (options.autoLock) driver.run({ kind: "program", op: { op: "setting", digit: 1 }, wrongMaster: false });
  assert.ok(driver.sim.mechanism.position > 0.98, "the lock starts locked");
  return driver.sim;
}

/** keys tapped as a person types: held 100 ms, 150 ms apart */
export function press(sim: Simulation, keys: string): void {
  for (const key of keys) {
    sim.tap(key, 100);
    sim.advance(150);
  }
}

export interface MotorRun {
  start: number;
  ms: number;
}

/** motor runs (any drive) that started at or after `since`, with their lengths (one still on: up to now) */
export function motorRuns(sim: Simulation, since: number): MotorRun[] {
  const runs: MotorRun[] = [];
  let open: number | undefined;
  for (const c of sim.timeline.motorChanges()) {
    if (c.on && open === undefined) open = c.t;
    else if (!c.on && open !== undefined) {
      if (open >= since) runs.push({ start: open, ms: c.t - open });
      open = undefined;
    }
  }
  if (open !== undefined && open >= since) runs.push({ start: open, ms: sim.now() - open });
  return runs;
}

export function logsSince(sim: Simulation, since: number): string[] {
  return sim.timeline.logs(since).map((l) => l.text);
}

/** the feedback patterns the lock played (complete ones), starting at or after `since` */
export function patternsSince(sim: Simulation, since: number): string[] {
  return moments(sim.timeline, sim.now())
    .flatMap((m) => m.played)
    .filter((p) => p.start >= since)
    .map((p) => p.name ?? "?");
}

/** the lock's own word (Latchkey.status() at its console): a lockout runs */
export function lockedOut(sim: Simulation): boolean {
  return (sim.status() as { lockedOut: boolean }).lockedOut;
}

/** a short Program press, then `keys`, then long enough for the verdict */
export function program(sim: Simulation, keys: string): void {
  sim.setProgram(true);
  sim.advance(200);
  sim.setProgram(false);
  sim.advance(500);
  press(sim, keys);
  sim.advance(3000);
}

/** every motor run since `since` (at least one, unless `mayNotRun`) lasted at most limitMs, and the motor pins are low now */
export function assertRunsWithin(sim: Simulation, since: number, limitMs: number, what: string, mayNotRun = false): void {
  const runs = motorRuns(sim, since);
  assert.ok(mayNotRun || runs.length > 0, `${what}: the stroke started`);
  for (const run of runs) assert.ok(run.ms <= limitMs, `${what}: the motor ran ${Math.round(run.ms)} ms from ${run.start} ms (limit ${limitMs} ms)`);
  assert.ok(motorPinsLow(sim), `${what}: both motor pins are low at the end`);
}

/** the valid code opens the lock within 4 s */
export function assertCodeOpens(sim: Simulation): void {
  press(sim, CODE + "#");
  sim.advance(4000);
  assert.ok(sim.mechanism.position < 0.02, `the next valid code retracts the bolt (at ${Math.round(sim.mechanism.position * 100)}%)`);
}

/**
 * The pack reads a steady `volts` from now on, as a 12-bit ADC gives a steady load (the model's pack
 * otherwise sags a little more at every sample, a new lowest reading each time that wakes the lock).
 */
export function steadyPack(sim: Simulation, volts: number): void {
  const battery = sim.board.wiring.battery;
  const vref = typeof sim.board.wiring.vref === "number" ? sim.board.wiring.vref : 3.3;
  espruinoOf(sim)?.setAnalog(battery.pin, volts / battery.dividerRatio / vref);
}

/** Someone sets the lock's clock (Espruino's setTime at its console) `seconds` forward or back. */
export function setClock(sim: Simulation, seconds: number): void {
  sim.console(`setTime(getTime() + ${seconds})`);
}

/**
 * Every motor start since power-on came after at least coastMs with the motor off, and no drive ever
 * turned straight into the other (the pin histories keep the exact times).
 */
export function assertMotorCoasts(sim: Simulation): void {
  const coastMs = boardAndImage().board.config.coastMs;
  let stoppedAt: number | undefined;
  let drive = "stop";
  for (const e of sim.timeline.events) {
    if (e.kind === "power") {
      stoppedAt = undefined;
      drive = "stop";
    }
    if (e.kind !== "motor" || e.drive === drive) continue;
    if (e.drive === "stop") stoppedAt = e.t;
    else {
      assert.equal(drive, "stop", `at ${e.t} ms the motor went from ${drive} straight to ${e.drive}`);
      if (stoppedAt !== undefined) {
        assert.ok(e.t - stoppedAt >= coastMs, `at ${e.t} ms the motor started ${e.t - stoppedAt} ms after it stopped (coast ${coastMs} ms)`);
      }
    }
    drive = e.drive;
  }
}
