// Helpers that read like the spec: what a person at the door sees since some moment.
import { LockRig } from "./rig";
import type { RigOptions } from "./rig";

export interface Seen {
  red: number;
  green: number;
  beeps: number;
  longBeeps: number;
}

/** flashes and beeps that started at or after `since` (ms) */
export function seen(rig: LockRig, since: number, until = Infinity): Seen {
  const beeps = rig.buzz.filter((p) => p.start >= since && p.start < until);
  return {
    red: rig.count(rig.red, since, until),
    green: rig.count(rig.green, since, until),
    beeps: beeps.filter((p) => p.end - p.start < 800).length,
    longBeeps: beeps.filter((p) => p.end - p.start >= 800).length,
  };
}

/** Runs `act`, lets the lock settle for `settleMs`, and returns what was seen meanwhile. */
export function watch(rig: LockRig, act: () => void, settleMs = 15000): Seen {
  const from = rig.clock.now();
  act();
  rig.wait(settleMs);
  return seen(rig, from);
}

/** A lock that has learned its door and holds user code 1234 (plus `codes`), bolt as asked. */
export function installedLock(options: RigOptions & { codes?: string[]; bolt?: "locked" | "unlocked" } = {}): LockRig {
  const rig = new LockRig(options).powerOn();
  rig.wait(15000); // first power-up: door handing runs by itself
  for (const code of ["1234", ...(options.codes || [])]) {
    rig.program().press(code + "#").wait(4000);
  }
  if (options.bolt === "locked") rig.press("#").wait(6000);
  return rig;
}
