// Door handing (SPEC 6): learn which drive extends the bolt, and the normal stroke time each way,
// from any starting position on either hand of door, ending with the bolt retracted.
//
// Probe: drive "A" toward the far end (from in between: toward "extended"). The first switch that
// opens or closes tells which way "A" moves the bolt. If no switch changes, "A" pushes into an end
// stop or an obstacle: probe with "B". Measure: then stroke end to end until both directions have
// a full-stroke time and the bolt rests retracted. Failing that, the bolt is driven back to
// retracted when possible and the run ends with ok:false and a reason.
import type { BoltState, Drive } from "../hal/types";
import type { LockConfig } from "./config";
import type { Handing } from "./record";
import { createStroke } from "./stroke";
import type { BoltEnd, MotorRun } from "./stroke";
import type { Effects } from "./types";

export type HandingResult = { ok: true; handing: Handing } | { ok: false; reason: string };

export interface HandingRun extends MotorRun<HandingResult> {
  start(bolt: BoltState, now: number, fx: Effects): void;
  /** the motor is on now: loaded battery readings apply */
  strokeRunning(): boolean;
}

// Constants are const enums: the build writes their values in place, so they take no RAM on the board.
const enum Limit {
  /** End-to-end strokes after the probe: from anywhere, at most retract, extend, retract. */
  MAX_MEASURE_STROKES = 4,
}

const enum Phase {
  IDLE = 0,
  PROBE = 1,
  MEASURE = 2,
  RETURN = 3, // failed with the bolt out: driving it back to retracted before reporting
}

export function createHanding(config: LockConfig): HandingRun {
  function otherDrive(drive: Drive): Drive {
    return drive === "A" ? "B" : "A";
  }

  const stroke = createStroke(config);
  const seen: BoltState = { retracted: false, extended: false };
  let phase = Phase.IDLE;
  let probeDrive: Drive = "A";
  /** "stop" until the probe has seen the bolt move */
  let extendDrive: Drive = "stop";
  let extendMs = 0;
  let retractMs = 0;
  let measureStrokes = 0;
  /** where the running stroke started: a time counts only for a stroke from the other end */
  let fromRetracted = false;
  let fromExtended = false;
  let target: BoltEnd = "extended";
  let failure = "";
  let outcome: HandingResult | undefined;

  function run(to: BoltEnd, drive: Drive, now: number, fx: Effects) {
    fromRetracted = seen.retracted;
    fromExtended = seen.extended;
    target = to;
    stroke.start(to, drive, seen, config.strokeLimitMs, now, fx);
  }

  function fail(reason: string, fx: Effects) {
    phase = Phase.IDLE;
    outcome = { ok: false, reason: reason };
    fx.push({ t: "log", msg: "handing: " + reason });
  }

  function probe(now: number, fx: Effects) {
    run(seen.extended ? "retracted" : "extended", probeDrive, now, fx);
  }

  function measureNext(now: number, fx: Effects) {
    if (seen.retracted && extendMs > 0 && retractMs > 0) {
      phase = Phase.IDLE;
      outcome = { ok: true, handing: { extend: extendDrive, extendMs: extendMs, retractMs: retractMs } };
      return;
    }
    measureStrokes++;
    if (measureStrokes > Limit.MAX_MEASURE_STROKES) fail("the bolt does not settle at an end", fx);
    else if (seen.retracted) run("extended", extendDrive, now, fx);
    else run("retracted", otherDrive(extendDrive), now, fx);
  }

  /** The probe learns the direction from the first switch that changes under the motor. */
  function learnDirection(state: BoltState) {
    if ((state.extended && !seen.extended) || (!state.retracted && seen.retracted)) extendDrive = probeDrive;
    else if ((state.retracted && !seen.retracted) || (!state.extended && seen.extended))
      extendDrive = otherDrive(probeDrive);
  }

  function strokeEnded(now: number, fx: Effects) {
    const r = stroke.result();
    if (!r) {
      fail("stroke lost", fx);
      return;
    }
    if (seen.retracted && seen.extended) {
      fail("both bolt switches closed", fx);
      return;
    }
    if (phase === Phase.RETURN) {
      fail(failure, fx);
      return;
    }
    if (phase === Phase.PROBE && extendDrive === "stop") {
      if (probeDrive === "A") {
        probeDrive = "B";
        probe(now, fx);
      } else fail("the motor does not move the bolt", fx);
      return;
    }
    // a time counts only for a stroke from one end to the other
    if (r.ok && target === "extended" && fromRetracted) extendMs = r.ms;
    if (r.ok && target === "retracted" && fromExtended) retractMs = r.ms;
    // a probe that learned the direction but did not reach an end fails like a measuring stroke,
    // so the motor never runs on past one stroke's limit ("reversed": it reached the other end)
    if (!r.ok && (phase === Phase.MEASURE || r.reason !== "reversed")) {
      failure = "the bolt does not reach the " + target + " end (" + r.reason + ")";
      if (target === "extended" && !seen.retracted) {
        phase = Phase.RETURN;
        run("retracted", otherDrive(extendDrive), now, fx);
      } else fail(failure, fx);
      return;
    }
    phase = Phase.MEASURE;
    measureNext(now, fx);
  }

  /** After each stroke call: act on a stroke that has just ended (the next may end at once). */
  function settle(now: number, fx: Effects) {
    while (phase !== Phase.IDLE && !stroke.running()) strokeEnded(now, fx);
  }

  return {
    start: function (bolt: BoltState, now: number, fx: Effects) {
      stroke.abort(fx);
      seen.retracted = bolt.retracted;
      seen.extended = bolt.extended;
      probeDrive = "A";
      extendDrive = "stop";
      extendMs = 0;
      retractMs = 0;
      measureStrokes = 0;
      failure = "";
      outcome = undefined;
      if (bolt.retracted && bolt.extended) {
        fail("both bolt switches closed", fx);
        return;
      }
      phase = Phase.PROBE;
      probe(now, fx);
      settle(now, fx);
    },
    bolt: function (state: BoltState, now: number, fx: Effects) {
      if (phase === Phase.PROBE && extendDrive === "stop" && stroke.running()) learnDirection(state);
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
      stroke.tick(now, fx);
      settle(now, fx);
    },
    deadline: function () {
      return stroke.deadline();
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
