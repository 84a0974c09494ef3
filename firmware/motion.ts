// Locking and unlocking with SPEC 6 jam handling, built on strokes. A jam while locking drives the
// bolt back to retracted (the door stays unlocked); a jam while unlocking waits, retries once, and
// then gives up with the door still locked.
import type { BoltState, Drive } from "../hal/types";
import type { LockConfig } from "./config";
import type { Handing } from "./record";
import { createStroke } from "./stroke";
import type { BoltEnd, MotorRun } from "./stroke";
import type { Effects } from "./types";

export type Goal = "lock" | "unlock";

export interface MotionResult {
  ok: boolean;
  jam: boolean;
  /** what the lock reports afterwards */
  locked: boolean;
}

export interface Motion extends MotorRun<MotionResult> {
  start(goal: Goal, handing: Handing, bolt: BoltState, now: number, fx: Effects): void;
  /** the motor is on now: loaded battery readings apply */
  strokeRunning(): boolean;
}

/** A stroke that takes this much longer than twice the learned time counts as a jam. */
const JAM_MARGIN_MS = 500;

const IDLE = 0;
const FIRST = 1; // the stroke toward the goal
const BACK = 2; // locking jammed: driving back to retracted
const PAUSE = 3; // unlocking jammed: motor off until the retry
const RETRY = 4; // the one unlock retry

export function createMotion(config: LockConfig): Motion {
  const stroke = createStroke(config);
  const seen: BoltState = { retracted: false, extended: false };
  let phase = IDLE;
  let locking = true;
  let extendDrive: Drive = "A";
  let extendMs = 0;
  let retractMs = 0;
  let retryAt = 0;
  let outcome: MotionResult | undefined;

  function limitFor(learnedMs: number): number {
    if (!(learnedMs > 0)) return config.strokeLimitMs;
    return Math.min(config.strokeLimitMs, learnedMs * 2 + JAM_MARGIN_MS);
  }

  function strokeTo(target: BoltEnd, now: number, fx: Effects) {
    if (target === "extended") stroke.start(target, extendDrive, seen, limitFor(extendMs), now, fx);
    else stroke.start(target, extendDrive === "A" ? "B" : "A", seen, limitFor(retractMs), now, fx);
  }

  function finish(ok: boolean, locked: boolean, fx: Effects) {
    phase = IDLE;
    outcome = { ok: ok, jam: !ok, locked: locked };
    if (!ok) fx.push({ t: "log", msg: "jam while " + (locking ? "locking" : "unlocking") });
  }

  /** After each stroke call: act on a stroke that has just ended (it may end at once on start). */
  function settle(now: number, fx: Effects) {
    let r = stroke.result();
    while (r && (phase === FIRST || phase === BACK || phase === RETRY)) {
      if (phase === FIRST && r.ok) finish(true, locking, fx);
      else if (phase === FIRST && locking) {
        fx.push({ t: "log", msg: "lock stroke " + r.reason + " after " + r.ms + " ms" });
        phase = BACK;
        strokeTo("retracted", now, fx);
      } else if (phase === FIRST) {
        fx.push({ t: "log", msg: "unlock stroke " + r.reason + " after " + r.ms + " ms" });
        phase = PAUSE;
        retryAt = now + config.jamRetryDelayMs;
      } else if (phase === BACK) {
        if (!r.ok) fx.push({ t: "log", msg: "drive back " + r.reason });
        finish(false, false, fx);
      } else finish(r.ok, !r.ok, fx);
      r = stroke.result();
    }
  }

  return {
    start: function (goal: Goal, handing: Handing, bolt: BoltState, now: number, fx: Effects) {
      stroke.abort(fx);
      locking = goal === "lock";
      extendDrive = handing.extend;
      extendMs = handing.extendMs;
      retractMs = handing.retractMs;
      seen.retracted = bolt.retracted;
      seen.extended = bolt.extended;
      outcome = undefined;
      phase = FIRST;
      strokeTo(locking ? "extended" : "retracted", now, fx);
      settle(now, fx);
    },
    bolt: function (state: BoltState, now: number, fx: Effects) {
      seen.retracted = state.retracted;
      seen.extended = state.extended;
      stroke.bolt(state, now, fx);
      settle(now, fx);
    },
    sample: function (amps: number, now: number, fx: Effects) {
      stroke.sample(amps, now, fx);
      settle(now, fx);
    },
    tick: function (now: number, fx: Effects) {
      if (phase === PAUSE) {
        if (now < retryAt) return;
        phase = RETRY;
        strokeTo("retracted", now, fx);
      } else stroke.tick(now, fx);
      settle(now, fx);
    },
    deadline: function () {
      return phase === PAUSE ? retryAt : stroke.deadline();
    },
    running: function () {
      return phase !== IDLE;
    },
    strokeRunning: function () {
      return stroke.running();
    },
    result: function () {
      return outcome;
    },
    abort: function (fx: Effects) {
      stroke.abort(fx);
      phase = IDLE;
      outcome = undefined;
    },
  };
}
