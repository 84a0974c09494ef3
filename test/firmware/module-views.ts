// The firmware's modules are plain functions over the lock's state (firmware/state.ts). These tests
// talk to one module at a time through a small object view of it, the shape the motor rig and the
// feedback recorder drive: start, bolt, sample, tick, deadline, result. Each view owns a fresh lock
// state; effects come back in the caller's list. A motor-on effect also starts sampling, as the driver
// does (firmware/driver.ts), which the views say as a `sample` effect for the motor rig to check.
import type { BatteryLevel } from "../../firmware/battery";
import { batteryReading } from "../../firmware/battery";
import type { LockConfig } from "../../firmware/config";
import { feedbackTick, play, statusFlash } from "../../firmware/feedback";
import { handingStart, handingStep } from "../../firmware/handing";
import { deadline, lockStatus, newLock } from "../../firmware/lock";
import { motionStart, motionStep, RunOutcome, RunPhase } from "../../firmware/motion";
import { Pattern } from "../../firmware/patterns";
import { defaultRecord } from "../../firmware/record";
import type { Handing } from "../../firmware/record";
import { use } from "../../firmware/state";
import type { Lock } from "../../firmware/state";
import { StrokeEnd, StrokeEnds, strokeFinish, strokeStart, strokeStep } from "../../firmware/stroke";
import type { Effect } from "../../firmware/types";
import type { BoltState, Drive } from "../../hal/types";
import { useConfig } from "../support/config";

/** Effects as the tests see them: the driver's sampling made explicit, the outputs one effect each. */
export type Effects = Array<Effect | { t: "sample"; ms: number } | { t: "led"; red: boolean; green: boolean } | { t: "buzz"; on: boolean }>;

function lockFor(config?: LockConfig): Lock {
  if (config) useConfig(config);
  return newLock(defaultRecord(), { bolt: { retracted: false, extended: false }, programHeld: false }, 0);
}

const shown = new WeakMap<Lock, { red: boolean; green: boolean; buzz: boolean }>();

/** Runs fn at `now` with `bolt` (if given), and copies what it caused into fx. */
function at(L: Lock, now: number, fx: Effects, fn: () => void, bolt?: BoltState) {
  use(L, now);
  if (bolt) L.bolt = { retracted: bolt.retracted, extended: bolt.extended };
  fn();
  for (const e of L.fx) {
    if (e.t === "out") {
      // the LEDs and the buzzer apart, each when it changed
      const was = shown.get(L) || { red: false, green: false, buzz: false };
      if (e.red !== was.red || e.green !== was.green) fx.push({ t: "led", red: e.red, green: e.green });
      if (e.buzz !== was.buzz) fx.push({ t: "buzz", on: e.buzz });
      shown.set(L, { red: e.red, green: e.green, buzz: e.buzz });
      continue;
    }
    fx.push(e);
    if (e.t === "motor") fx.push({ t: "sample", ms: e.drive === "stop" ? 0 : CFG.sampleMs });
  }
}

function abort(L: Lock, now: number, fx: Effects) {
  at(L, now, fx, () => {
    strokeFinish(StrokeEnd.RUNNING);
    L.run.phase = RunPhase.IDLE;
    L.run.outcome = RunOutcome.RUNNING;
  });
}

export interface StrokeResult {
  ok: boolean;
  reason: string;
  ms: number;
  moved: boolean;
}

export function createStroke(config?: LockConfig) {
  const L = lockFor(config);
  let now = 0;
  return {
    start(target: "extended" | "retracted", drive: Drive, bolt: BoltState, limitMs: number, t: number, fx: Effects) {
      now = t;
      at(L, t, fx, () => strokeStart(target === "extended", drive, limitMs), bolt);
    },
    bolt: (state: BoltState, t: number, fx: Effects) => at(L, (now = t), fx, () => strokeStep(NaN, NaN), state),
    sample: (amps: number, t: number, fx: Effects) => at(L, (now = t), fx, () => strokeStep(amps, NaN)),
    tick: (t: number, fx: Effects) => at(L, (now = t), fx, () => strokeStep(NaN, NaN)),
    deadline: () => deadline(L),
    running: () => L.st.on || L.st.waitUntil >= 0,
    result(): StrokeResult | undefined {
      const st = L.st;
      if (st.result === StrokeEnd.RUNNING) return undefined;
      return { ok: st.result === StrokeEnd.DONE, reason: (StrokeEnds.NAMES as string).split("|")[st.result], ms: st.resultMs, moved: st.moved };
    },
    abort: (fx: Effects) => abort(L, now, fx),
  };
}

export type Goal = "lock" | "unlock";
export interface MotionResult {
  ok: boolean;
  jam: boolean;
  locked: boolean;
}

export function createMotion(config?: LockConfig) {
  const L = lockFor(config);
  let now = 0;
  return {
    start(goal: Goal, handing: Handing, bolt: BoltState, t: number, fx: Effects) {
      now = t;
      at(L, t, fx, () => motionStart(goal === "lock", handing), bolt);
    },
    bolt: (state: BoltState, t: number, fx: Effects) => at(L, (now = t), fx, () => motionStep(NaN, NaN), state),
    sample: (amps: number, t: number, fx: Effects) => at(L, (now = t), fx, () => motionStep(amps, NaN)),
    tick: (t: number, fx: Effects) => at(L, (now = t), fx, () => motionStep(NaN, NaN)),
    deadline: () => deadline(L),
    running: () => L.run.phase !== RunPhase.IDLE,
    strokeRunning: () => L.st.on,
    result(): MotionResult | undefined {
      const run = L.run;
      if (run.outcome === RunOutcome.RUNNING) return undefined;
      const ok = run.outcome === RunOutcome.OK;
      return { ok, jam: !ok, locked: ok ? run.locking : !run.locking };
    },
    abort: (fx: Effects) => abort(L, now, fx),
  };
}

export type HandingResult = { ok: true; handing: Handing } | { ok: false; reason: string };

export function createHanding(config?: LockConfig) {
  const L = lockFor(config);
  let now = 0;
  return {
    start: (bolt: BoltState, t: number, fx: Effects) => at(L, (now = t), fx, () => handingStart(), bolt),
    bolt: (state: BoltState, t: number, fx: Effects) => at(L, (now = t), fx, () => handingStep(NaN, NaN), state),
    sample: (amps: number, t: number, fx: Effects) => at(L, (now = t), fx, () => handingStep(amps, NaN)),
    tick: (t: number, fx: Effects) => at(L, (now = t), fx, () => handingStep(NaN, NaN)),
    deadline: () => deadline(L),
    running: () => L.run.phase !== RunPhase.IDLE,
    strokeRunning: () => L.st.on,
    result(): HandingResult | undefined {
      const run = L.run;
      if (run.outcome === RunOutcome.RUNNING) return undefined;
      if (run.outcome === RunOutcome.OK) return { ok: true, handing: { extend: run.extendDrive, extendMs: run.extendMs, retractMs: run.retractMs } };
      return { ok: false, reason: run.failure };
    },
    abort: (fx: Effects) => abort(L, now, fx),
  };
}

const PATTERNS = {
  OK: Pattern.OK,
  WRONG: Pattern.WRONG,
  FAIL: Pattern.FAIL,
  PROGRAM: Pattern.PROGRAM,
  PROGRAM_MASTER: Pattern.PROGRAM_MASTER,
  TIMEOUT: Pattern.TIMEOUT,
  LOCKOUT: Pattern.LOCKOUT,
  LOW_BATTERY: Pattern.LOW_BATTERY,
  JAM: Pattern.JAM,
  RESET_READY: Pattern.RESET_READY,
  RESET_DONE: Pattern.RESET_DONE,
  HANDING_OK: Pattern.HANDING_OK,
  HANDING_FAILED: Pattern.HANDING_FAILED,
  SETTING_OFF: Pattern.SETTING_OFF,
  RED_FLASH: Pattern.RED_FLASH,
};
export type PatternName = keyof typeof PATTERNS;

export function createFeedback() {
  const L = lockFor();
  return {
    play: (name: PatternName, audio: boolean, t: number, fx: Effects) => at(L, t, fx, () => play(PATTERNS[name], audio)),
    tick: (t: number, fx: Effects) => at(L, t, fx, () => feedbackTick()),
    deadline: () => (L.fb.phase ? L.fb.end : undefined),
    busy: () => L.fb.phase !== 0,
    statusFlash: (red: boolean, green: boolean, t: number, fx: Effects) => at(L, t, fx, () => statusFlash(red, green)),
  };
}
export type Feedback = ReturnType<typeof createFeedback>;

/** The battery monitor: rest readings, and strokes whose samples make loaded readings. */
export function createBatteryMonitor(config?: LockConfig) {
  const L = lockFor(config);
  const none: Effects = [];
  return {
    rest: (volts: number) => at(L, L.now, none, () => batteryReading(volts, true)),
    strokeStart(t: number) {
      L.st.on = true;
      L.st.startedAt = t;
      L.st.limitMs = Infinity;
      L.bat.strokeMin = NaN;
    },
    sample: (volts: number, t: number) => at(L, t, none, () => strokeStep(NaN, volts)),
    strokeEnd: () => at(L, L.now, none, () => strokeFinish(StrokeEnd.DONE)),
    level: () => L.bat.level as BatteryLevel,
    summary: () => lockStatus(L).battery,
  };
}
export type BatteryMonitor = ReturnType<typeof createBatteryMonitor>;
