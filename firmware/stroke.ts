// One motor stroke toward an end switch (SPEC 6): the only code that switches the motor on. It ends
// when the target switch closes, at its time limit, after a sustained stall current, or when the
// switches say the bolt went the wrong way; every ending switches the motor off (coast). The motor
// never starts straight after a run: it coasts at least coastMs first, so it is never reversed while
// it still turns. Every motor-on effect carries the stroke's limit, which the driver enforces on its
// own as well (driver.ts), so the limit holds even if this code is never called again.
import type { Drive } from "../hal/types";
import { batteryReading } from "./battery";
import { L } from "./state";

/** How a stroke ended (StrokeState.result). */
export const enum StrokeEnd {
  RUNNING = 0,
  /** the target switch closed */
  DONE = 1,
  /** the time limit passed */
  TIMEOUT = 2,
  /** the current stayed above the stall threshold for stallMs */
  STALL = 3,
  /** both switches closed at once */
  FAULT = 4,
  /** the other end's switch closed: the bolt was moved back, by a person or a wrong drive */
  REVERSED = 5,
}

/** For log lines: `(StrokeEnds.NAMES as string).split("|")[end]` (the string stays in flash until then). */
export const enum StrokeEnds {
  NAMES = "|done|timeout|stall|fault|reversed",
}

/** Motor off (if on) and the stroke's result; its lowest pack voltage becomes a loaded reading. */
export function strokeFinish(end: StrokeEnd) {
  const st = L.st;
  if (st.on) {
    L.fx.push({ t: "motor", drive: "stop", limitMs: 0 });
    st.stoppedAt = L.now;
    const min = L.bat.strokeMin;
    L.bat.strokeMin = NaN;
    if (!isNaN(min)) batteryReading(min, false);
  }
  st.on = false;
  st.waitUntil = -1;
  st.result = end;
  st.resultMs = L.now - st.startedAt;
}

/** Starts a stroke toward the extended or retracted end with `drive`, for at most limitMs of driving. */
export function strokeStart(toExtended: boolean, drive: Drive, limitMs: number) {
  const st = L.st;
  const b = L.bolt;
  strokeFinish(StrokeEnd.RUNNING);
  st.toExtended = toExtended;
  st.drive = drive;
  st.limitMs = limitMs;
  st.startedAt = L.now;
  st.wasRetracted = b.retracted;
  st.wasExtended = b.extended;
  st.moved = false;
  if (b.retracted && b.extended) return strokeFinish(StrokeEnd.FAULT);
  if (toExtended ? b.extended : b.retracted) return strokeFinish(StrokeEnd.DONE);
  // the drive starts once the motor has coasted coastMs since it last stopped (at once if it has)
  st.waitUntil = Math.max(L.now, st.stoppedAt + CFG.coastMs);
  strokeStep(NaN, NaN);
}

/**
 * Brings the stroke up to date after any event: the bolt switches as L.bolt has them, the time, and a
 * reading (motor amps, NaN = none or no current sense; pack volts, NaN = none).
 */
export function strokeStep(amps: number, volts: number) {
  const st = L.st;
  const b = L.bolt;
  const now = L.now;
  if (st.waitUntil >= 0 && now >= st.waitUntil) {
    st.waitUntil = -1;
    st.on = true;
    st.startedAt = now;
    st.stallSince = -1;
    L.bat.strokeMin = NaN;
    L.fx.push({ t: "motor", drive: st.drive, limitMs: st.limitMs });
  }
  if (!st.on && st.waitUntil < 0) return;
  if (b.retracted !== st.wasRetracted || b.extended !== st.wasExtended) {
    st.moved = true;
    const reachedRetracted = b.retracted && !st.wasRetracted;
    const reachedExtended = b.extended && !st.wasExtended;
    st.wasRetracted = b.retracted;
    st.wasExtended = b.extended;
    if (b.retracted && b.extended) return strokeFinish(StrokeEnd.FAULT);
    if (st.toExtended ? b.extended : b.retracted) return strokeFinish(StrokeEnd.DONE);
    if (st.toExtended ? reachedRetracted : reachedExtended) return strokeFinish(StrokeEnd.REVERSED);
  }
  if (!st.on) return;
  const ran = now - st.startedAt;
  if (ran >= st.limitMs) return strokeFinish(StrokeEnd.TIMEOUT);
  // SPEC 7: the loaded voltage is the lowest reading, ignoring the inrush
  if (ran >= CFG.loadIgnoreMs && volts >= CFG.minPackV && volts <= CFG.maxPackV && !(volts >= L.bat.strokeMin)) L.bat.strokeMin = volts;
  // no reading (no current sense, or a missed one) neither starts nor breaks a run of stall current;
  // the inrush of the first stallIgnoreMs never counts
  if (isNaN(amps)) return;
  if (amps > CFG.stallCurrentA && ran >= CFG.stallIgnoreMs) {
    if (st.stallSince < 0) st.stallSince = now;
    if (now - st.stallSince >= CFG.stallMs) strokeFinish(StrokeEnd.STALL);
  } else st.stallSince = -1;
}
