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

// Constants are const enums: the build writes their values in place, so they take no RAM on the board.
const enum Limit {
  /** A stroke that takes this much longer than twice the learned time counts as a jam. */
  JAM_MARGIN_MS = 500,
}

const enum Phase {
  IDLE = 0,
  FIRST = 1, // the stroke toward the goal
  BACK = 2, // locking jammed: driving back to retracted
  PAUSE = 3, // unlocking jammed: motor off until the retry
  RETRY = 4, // the one unlock retry
}

export function createMotion(config: LockConfig): Motion {
  const stroke = createStroke(config);
  const seen: BoltState = { retracted: false, extended: false };
  let phase = Phase.IDLE;
  let locking = true;
  let extendDrive: Drive = "A";
  let extendMs = 0;
  let retractMs = 0;
  let retryAt = 0;
  let outcome: MotionResult | undefined;

  function limitFor(learnedMs: number): number {
    if (!(learnedMs > 0)) return config.strokeLimitMs;
    return Math.min(config.strokeLimitMs, learnedMs * 2 + Limit.JAM_MARGIN_MS);
  }

  function strokeTo(target: BoltEnd, now: number, fx: Effects) {
    if (target === "extended") stroke.start(target, extendDrive, seen, limitFor(extendMs), now, fx);
    else stroke.start(target, extendDrive === "A" ? "B" : "A", seen, limitFor(retractMs), now, fx);
  }

  function finish(ok: boolean, locked: boolean, fx: Effects) {
    phase = Phase.IDLE;
    outcome = { ok: ok, jam: !ok, locked: locked };
    if (!ok) fx.push({ t: "log", msg: "jam while " + (locking ? "locking" : "unlocking") });
  }

  /** After each stroke call: act on a stroke that has just ended (it may end at once on start). */
  function settle(now: number, fx: Effects) {
    let r = stroke.result();
    while (r && (phase === Phase.FIRST || phase === Phase.BACK || phase === Phase.RETRY)) {
      if (phase === Phase.FIRST && r.ok) finish(true, locking, fx);
      else if (phase === Phase.FIRST && locking) {
        fx.push({ t: "log", msg: "lock stroke " + r.reason + " after " + r.ms + " ms" });
        phase = Phase.BACK;
        strokeTo("retracted", now, fx);
      } else if (phase === Phase.FIRST) {
        fx.push({ t: "log", msg: "unlock stroke " + r.reason + " after " + r.ms + " ms" });
        phase = Phase.PAUSE;
        retryAt = now + config.jamRetryDelayMs;
      } else if (phase === Phase.BACK) {
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
      phase = Phase.FIRST;
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
      if (phase === Phase.PAUSE) {
        if (now < retryAt) return;
        phase = Phase.RETRY;
        strokeTo("retracted", now, fx);
      } else stroke.tick(now, fx);
      settle(now, fx);
    },
    deadline: function () {
      return phase === Phase.PAUSE ? retryAt : stroke.deadline();
    },
    running: function () {
      return phase !== Phase.IDLE;
    },
    strokeRunning: function () {
      return stroke.running();
    },
    result: function () {
      return outcome;
    },
    abort: function (fx: Effects) {
      stroke.abort(fx);
      phase = Phase.IDLE;
      outcome = undefined;
    },
  };
}
