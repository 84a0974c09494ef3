// Locking and unlocking with SPEC 6 jam handling, built on strokes. A jam while locking drives the
// bolt back to retracted (the door stays unlocked); a jam while unlocking waits, retries once, and
// then gives up with the door still locked.
import type { Handing } from "./record";
import { L, log } from "./state";
import { StrokeEnd, StrokeEnds, strokeStart, strokeStep } from "./stroke";

/** Phases of a run (motion here, door handing in handing.ts). */
export const enum RunPhase {
  IDLE = 0,
  /** motion: the stroke toward the goal */
  FIRST = 1,
  /** motion: locking jammed, driving back to retracted */
  BACK = 2,
  /** motion: unlocking jammed, motor off until the retry */
  PAUSE = 3,
  /** motion: the one unlock retry */
  RETRY = 4,
  /** handing: finding which drive moves the bolt which way */
  PROBE = 5,
  /** handing: end-to-end strokes, timed */
  MEASURE = 6,
  /** handing failed with the bolt out: driving it back to retracted before reporting */
  RETURN = 7,
}

/** How a run ended (RunState.outcome). */
export const enum RunOutcome {
  RUNNING = 0,
  OK = 1,
  FAILED = 2,
}

/** A stroke that takes this much longer than twice the learned time counts as a jam. */
const enum Limit {
  JAM_MARGIN_MS = 500,
}

/** A stroke to one end with the learned drive and a limit from the learned time. */
function strokeTo(toExtended: boolean) {
  const run = L.run;
  const learned = toExtended ? run.extendMs : run.retractMs;
  const limit = learned > 0 ? Math.min(CFG.strokeLimitMs, learned * 2 + Limit.JAM_MARGIN_MS) : CFG.strokeLimitMs;
  // retracting is the other drive
  strokeStart(toExtended, toExtended ? run.extendDrive : run.extendDrive === "A" ? "B" : "A", limit);
}

/** Locks (extends the bolt) or unlocks with the learned handing. */
export function motionStart(locking: boolean, handing: Handing) {
  const run = L.run;
  run.locking = locking;
  run.extendDrive = handing.extend;
  run.extendMs = handing.extendMs;
  run.retractMs = handing.retractMs;
  run.outcome = 0;
  run.phase = RunPhase.FIRST;
  strokeTo(locking);
  motionStep(NaN, NaN);
}

/** Brings the run up to date after any event (see strokeStep); sets run.outcome when it has ended. */
export function motionStep(amps: number, volts: number) {
  const run = L.run;
  const st = L.st;
  if (run.phase === RunPhase.PAUSE) {
    if (L.now < run.retryAt) return;
    run.phase = RunPhase.RETRY;
    strokeTo(false);
  }
  strokeStep(amps, volts);
  // act on a stroke that has just ended (the next may end at once)
  while (st.result !== StrokeEnd.RUNNING && run.phase !== RunPhase.IDLE && run.phase !== RunPhase.PAUSE) {
    const ok = st.result === StrokeEnd.DONE;
    const why = (StrokeEnds.NAMES as string).split("|")[st.result] + " after " + st.resultMs + " ms";
    let outcome = 0;
    if (run.phase === RunPhase.FIRST && ok) outcome = RunOutcome.OK;
    else if (run.phase === RunPhase.FIRST && run.locking) {
      log("lock stroke " + why);
      run.phase = RunPhase.BACK;
      strokeTo(false);
    } else if (run.phase === RunPhase.FIRST) {
      log("unlock stroke " + why);
      run.phase = RunPhase.PAUSE;
      run.retryAt = L.now + CFG.jamRetryDelayMs;
      st.result = StrokeEnd.RUNNING;
    } else if (run.phase === RunPhase.BACK) {
      // the door stays unlocked, whether or not the bolt made it back
      if (!ok) log("drive back " + (StrokeEnds.NAMES as string).split("|")[st.result]);
      outcome = RunOutcome.FAILED;
    } else outcome = ok ? RunOutcome.OK : RunOutcome.FAILED;
    if (outcome) {
      run.phase = RunPhase.IDLE;
      run.outcome = outcome;
      if (outcome === RunOutcome.FAILED) log("jam while " + (run.locking ? "locking" : "unlocking"));
    }
  }
}
