// One motor stroke toward an end switch (SPEC 6): the only code that switches the motor on.
// It ends when the target switch closes, at its time limit, after a sustained stall current, or
// when the switches say the bolt went the wrong way; every ending switches the motor off (coast)
// and stops sampling, so the motor never runs without a stroke in progress.
import type { BoltState, Drive } from "../hal/types";
import type { LockConfig } from "./config";
import type { Effects } from "./types";

export type BoltEnd = "extended" | "retracted";

/**
 * done: the target switch closed. timeout: the time limit passed. stall: the current stayed above
 * the stall threshold for stallMs. fault: both switches closed at once. reversed: the other end's
 * switch closed (the bolt was moved back, by a person or a wrong drive).
 */
export type StrokeReason = "done" | "timeout" | "stall" | "fault" | "reversed";

export interface StrokeResult {
  ok: boolean;
  reason: StrokeReason;
  /** from start to the end of the stroke */
  ms: number;
  /** a switch opened or closed during the stroke: the bolt left or reached an end */
  moved: boolean;
}

/** What runs the motor (a stroke, a lock or unlock with its jam handling, door handing): it takes the
 * switch changes, the current samples and its deadline's ticks, and tells when it has a result. */
export interface MotorRun<Result> {
  bolt(state: BoltState, now: number, fx: Effects): void;
  /** motor amps; NaN = no current sense (ignored) */
  sample(amps: number, now: number, fx: Effects): void;
  tick(now: number, fx: Effects): void;
  /** when tick must come; undefined when nothing is timed */
  deadline(): number | undefined;
  running(): boolean;
  /** undefined while running, after abort, and before the first start */
  result(): Result | undefined;
  /** motor off now; the run is forgotten (no result) */
  abort(fx: Effects): void;
}

export interface Stroke extends MotorRun<StrokeResult> {
  start(target: BoltEnd, drive: Drive, bolt: BoltState, limitMs: number, now: number, fx: Effects): void;
}

export function createStroke(config: LockConfig): Stroke {
  let on = false;
  let towardExtended = true;
  let startedAt = 0;
  let limitAt = 0;
  let wasRetracted = false;
  let wasExtended = false;
  let moved = false;
  /** time of the first sample of the current run of stall-level samples; -1 = none */
  let stallSince = -1;
  let outcome: StrokeResult | undefined;

  function motorOff(fx: Effects) {
    if (!on) return;
    on = false;
    fx.push({ t: "motor", drive: "stop" });
    fx.push({ t: "sample", ms: 0 });
  }

  function finish(ok: boolean, reason: StrokeReason, now: number, fx: Effects) {
    motorOff(fx);
    outcome = { ok: ok, reason: reason, ms: now - startedAt, moved: moved };
  }

  function atTarget(state: BoltState): boolean {
    return towardExtended ? state.extended : state.retracted;
  }

  function start(target: BoltEnd, drive: Drive, bolt: BoltState, limitMs: number, now: number, fx: Effects) {
    motorOff(fx);
    towardExtended = target === "extended";
    startedAt = now;
    limitAt = now + limitMs;
    wasRetracted = bolt.retracted;
    wasExtended = bolt.extended;
    moved = false;
    stallSince = -1;
    outcome = undefined;
    if (bolt.retracted && bolt.extended) {
      finish(false, "fault", now, fx);
      return;
    }
    if (atTarget(bolt)) {
      finish(true, "done", now, fx);
      return;
    }
    on = true;
    fx.push({ t: "motor", drive: drive });
    fx.push({ t: "sample", ms: config.sampleMs });
  }

  function bolt(state: BoltState, now: number, fx: Effects) {
    if (!on) return;
    if (state.retracted !== wasRetracted || state.extended !== wasExtended) moved = true;
    const reachedRetracted = state.retracted && !wasRetracted;
    const reachedExtended = state.extended && !wasExtended;
    wasRetracted = state.retracted;
    wasExtended = state.extended;
    if (state.retracted && state.extended) finish(false, "fault", now, fx);
    else if (atTarget(state)) finish(true, "done", now, fx);
    else if (towardExtended ? reachedRetracted : reachedExtended) finish(false, "reversed", now, fx);
  }

  function sample(amps: number, now: number, fx: Effects) {
    if (!on) return;
    if (now >= limitAt) {
      finish(false, "timeout", now, fx);
      return;
    }
    if (isNaN(amps)) return;
    if (amps > config.stallCurrentA) {
      if (stallSince < 0) stallSince = now;
      if (now - stallSince >= config.stallMs) finish(false, "stall", now, fx);
    } else stallSince = -1;
  }

  function tick(now: number, fx: Effects) {
    if (on && now >= limitAt) finish(false, "timeout", now, fx);
  }

  return {
    start: start,
    bolt: bolt,
    sample: sample,
    tick: tick,
    deadline: function () {
      return on ? limitAt : undefined;
    },
    running: function () {
      return on;
    },
    result: function () {
      return outcome;
    },
    abort: function (fx: Effects) {
      motorOff(fx);
      outcome = undefined;
    },
  };
}
