// How long a person at the keypad needs to find one programmed code by trying codes, under the lockout
// policy of SPEC 3 as configured (firmware/config.ts, board overrides): the wrong code that makes
// `wrongCodesForLockout` within `wrongCodeWindowMs` starts a `lockoutMs` lockout; after a lockout, each
// further wrong code starts the next at once, twice as long, up to `maxLockoutMs`; only a valid code
// clears the escalation, and the person never has one. Plus a check of that schedule against the image.
import type { ValidatedBoard } from "../boards/load";
import type { LockConfig } from "../../firmware/config";
import { createBenchSimulation } from "./harness";
import { press, setUpLock, USER_CODE } from "./person";

export type LockoutPolicy = Pick<LockConfig, "wrongCodesForLockout" | "wrongCodeWindowMs" | "lockoutMs" | "maxLockoutMs">;

/** the assumed pace of a person trying codes: typing one and reading the answer */
export const SECONDS_PER_ATTEMPT = 3;

/**
 * The lockout (ms) each wrong attempt starts, for attempts 1..n made back to back `secondsPerAttempt`
 * apart (0: none). A person too slow to make the lockout count within the window is never locked out.
 */
export function lockoutSchedule(policy: LockoutPolicy, attempts: number, secondsPerAttempt = SECONDS_PER_ATTEMPT): number[] {
  const first = policy.wrongCodesForLockout;
  const reachesCount = (first - 1) * secondsPerAttempt * 1000 < policy.wrongCodeWindowMs;
  const out: number[] = [];
  for (let k = 1; k <= attempts; k++) {
    if (!reachesCount || k < first) out.push(0);
    else out.push(Math.min(policy.lockoutMs * Math.pow(2, k - first), policy.maxLockoutMs));
  }
  return out;
}

export interface BruteForceResult {
  codes: number;
  /** attempts until the code is found, on average: (codes + 1) / 2 */
  expectedAttempts: number;
  expectedSeconds: number;
  /** the last code tried is the right one */
  worstSeconds: number;
  secondsPerAttempt: number;
}

/**
 * Trying distinct codes in any order, the right one is equally likely to be attempt 1..N (N = 10^digits).
 * Finding it at attempt n takes n attempts plus the lockouts started by attempts 1..n-1:
 *   T(n) = n*a + sum_{k<n} L(k),   E[T] = (1/N) * sum_{n=1..N} T(n).
 */
export function bruteForceTime(policy: LockoutPolicy, digits = 4, secondsPerAttempt = SECONDS_PER_ATTEMPT): BruteForceResult {
  const codes = Math.pow(10, digits);
  const lockouts = lockoutSchedule(policy, codes, secondsPerAttempt);
  let lockedSoFar = 0; // seconds of lockout before attempt n
  let sum = 0;
  let worst = 0;
  for (let n = 1; n <= codes; n++) {
    const t = n * secondsPerAttempt + lockedSoFar;
    sum += t;
    worst = t;
    lockedSoFar += lockouts[n - 1] / 1000;
  }
  return { codes, expectedAttempts: (codes + 1) / 2, expectedSeconds: sum / codes, worstSeconds: worst, secondsPerAttempt };
}

export interface ScheduleCheck {
  attempts: number;
  /** lockout lengths the image showed ("lockout N s" to "lockout over" in its log), ms */
  observedMs: number[];
  expectedMs: number[];
  matches: boolean;
  /** virtual ms from the first attempt to the end of the last lockout */
  elapsedMs: number;
}

const MATCH_TOLERANCE_MS = 50;

/** Wrong codes, `attempts` of them, at the assumed pace, against the real image; each lockout waited out. */
export function checkLockoutSchedule(board: ValidatedBoard, image: string, attempts = 20): ScheduleCheck {
  const bench = createBenchSimulation({ board, image, imageName: `build/${board.name}/firmware.js` });
  const sim = bench.sim;
  setUpLock(sim, bench.armedTimers, { autoLock: false });
  const start = sim.now();
  const logs = () => sim.timeline.logs(start);
  const observed: number[] = [];
  let seen = 0;
  let code = 0;
  for (let k = 1; k <= attempts; k++) {
    const attemptStart = sim.now();
    let guess = String(code++).padStart(4, "0");
    if (guess === USER_CODE) guess = String(code++).padStart(4, "0");
    press(sim, guess + "#");
    sim.advance(Math.max(0, attemptStart + SECONDS_PER_ATTEMPT * 1000 - sim.now()));
    const started = logs().slice(seen).find((l) => /^\[latchkey\] lockout \d/.test(l.text));
    if (!started) continue;
    const limit = sim.now() + board.config.maxLockoutMs + 10000;
    let over: { t: number } | undefined;
    while (!over && sim.now() < limit) {
      sim.advance(1000);
      over = logs().find((l) => l.t > started.t && l.text === "[latchkey] lockout over");
    }
    if (!over) throw new Error(`${board.name}: the lockout after attempt ${k} did not end`);
    observed.push(over.t - started.t);
    seen = logs().length;
  }
  const expected = lockoutSchedule(board.config, attempts).filter((ms) => ms > 0);
  const matches = observed.length === expected.length && observed.every((ms, i) => Math.abs(ms - expected[i]) <= MATCH_TOLERANCE_MS);
  return { attempts, observedMs: observed, expectedMs: expected, matches, elapsedMs: sim.now() - start };
}
