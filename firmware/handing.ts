// Door handing (SPEC 6): learn which drive extends the bolt, and the normal stroke time each way,
// from any starting position on either hand of door, ending with the bolt retracted.
//
// Probe: drive "A" toward the far end (from in between: toward "extended"). The first switch that
// opens or closes tells which way "A" moves the bolt. If no switch changes, "A" pushes into an end
// stop or an obstacle: probe with "B". Measure: then stroke end to end until both directions have
// a full-stroke time and the bolt rests retracted. Failing that, the bolt is driven back to
// retracted when possible and the run ends FAILED with a reason (RunState.failure).
import type { Drive } from "../hal/types";
import { RunOutcome, RunPhase } from "./motion";
import { L, log } from "./state";
import { StrokeEnd, StrokeEnds, strokeStart, strokeStep } from "./stroke";

/** End-to-end strokes after the probe: from anywhere, at most retract, extend, retract. */
const enum Limit {
  MAX_MEASURE_STROKES = 4,
}

/** A stroke to one end; `reverse`: with the drive other than `drive`. */
function runTo(toExtended: boolean, drive: Drive, reverse: boolean) {
  L.run.fromRetracted = L.bolt.retracted;
  L.run.fromExtended = L.bolt.extended;
  strokeStart(toExtended, reverse ? (drive === "A" ? "B" : "A") : drive, CFG.strokeLimitMs);
}

function fail(reason: string) {
  L.run.phase = RunPhase.IDLE;
  L.run.outcome = RunOutcome.FAILED;
  L.run.failure = reason;
  log("handing: " + reason);
}

/** Starts door handing from wherever the bolt is. */
export function handingStart() {
  const run = L.run;
  run.probeDrive = "A";
  run.extendDrive = "stop";
  run.extendMs = 0;
  run.retractMs = 0;
  run.measureStrokes = 0;
  run.failure = "";
  run.outcome = 0;
  if (L.bolt.retracted && L.bolt.extended) return fail("both bolt switches closed");
  run.phase = RunPhase.PROBE;
  runTo(!L.bolt.extended, "A", false);
  handingStep(NaN, NaN);
}

/** Brings handing up to date after any event (see strokeStep); sets run.outcome when it has ended. */
export function handingStep(amps: number, volts: number) {
  const run = L.run;
  const st = L.st;
  const b = L.bolt;
  // while probing, the first switch change under the motor tells the direction
  if (run.phase === RunPhase.PROBE && run.extendDrive === "stop" && st.on) {
    if ((b.extended && !st.wasExtended) || (!b.retracted && st.wasRetracted)) run.extendDrive = run.probeDrive;
    else if ((b.retracted && !st.wasRetracted) || (!b.extended && st.wasExtended)) run.extendDrive = run.probeDrive === "A" ? "B" : "A";
  }
  strokeStep(amps, volts);
  // each stroke that ends: learn from it, then start the next or end the run (the next may end at once)
  while (run.phase !== RunPhase.IDLE && st.result !== StrokeEnd.RUNNING) {
    const ok = st.result === StrokeEnd.DONE;
    if (b.retracted && b.extended) fail("both bolt switches closed");
    else if (run.phase === RunPhase.RETURN) fail(run.failure);
    else if (run.phase === RunPhase.PROBE && run.extendDrive === "stop") {
      if (run.probeDrive === "B") fail("the motor does not move the bolt");
      else {
        run.probeDrive = "B";
        runTo(!b.extended, "B", false);
      }
    } else {
      // a time counts only for a stroke from one end to the other
      if (ok && st.toExtended && run.fromRetracted) run.extendMs = st.resultMs;
      if (ok && !st.toExtended && run.fromExtended) run.retractMs = st.resultMs;
      if (!ok && (run.phase === RunPhase.MEASURE || st.result !== StrokeEnd.REVERSED)) {
        // a probe that learned the direction but did not reach an end fails like a measuring stroke,
        // so the motor never runs on past one stroke's limit ("reversed": it reached the other end)
        run.failure = "the bolt does not reach the " + (st.toExtended ? "extended" : "retracted") + " end (" + (StrokeEnds.NAMES as string).split("|")[st.result] + ")";
        if (st.toExtended && !b.retracted) {
          run.phase = RunPhase.RETURN;
          runTo(false, run.extendDrive, true);
        } else fail(run.failure);
      } else {
        run.phase = RunPhase.MEASURE;
        if (b.retracted && run.extendMs > 0 && run.retractMs > 0) {
          run.phase = RunPhase.IDLE;
          run.outcome = RunOutcome.OK;
        } else if (++run.measureStrokes > Limit.MAX_MEASURE_STROKES) fail("the bolt does not settle at an end");
        else runTo(b.retracted, run.extendDrive, !b.retracted);
      }
    }
  }
}
