// The lock: one state machine that takes events with the time and returns effects (QP style). It does
// no IO and reads no clock, so every timing of SPEC.md is a deterministic test. Modes are explicit;
// lockout, feedback, battery, auto-lock and the status LED run beside them with deadlines of their
// own. The driver (driver.ts) arms one timer for the earliest deadline, and none when idle.
//
// Changes to the record are saved before they are confirmed: the machine emits `save` and shows OK
// (or HANDING_OK, RESET_DONE) only when the `saved` answer says the record was written; otherwise FAIL,
// and the record in flash, which the answer carries, is the lock's state again.
import type { InputState, Key } from "../hal/types";
import { BatteryLevel, batteryReading } from "./battery";
import { findCode } from "./codes";
import { feedbackTick, play, statusFlash } from "./feedback";
import { handingStart, handingStep } from "./handing";
import { lockoutFrom, lockoutWrong } from "./lockout";
import { motionStart, motionStep, RunOutcome, RunPhase } from "./motion";
import { Pattern } from "./patterns";
import { Outcome, progBegin, progKey } from "./programming";
import { defaultRecord, Setting } from "./record";
import type { LockRecord } from "./record";
import { L, log, logEvent, Mode, use } from "./state";
import type { Lock } from "./state";
import { StrokeEnd, strokeFinish } from "./stroke";
import { EventKind } from "./types";
import type { Effect, LockEvent } from "./types";

export interface LockStatus {
  mode: string;
  locked: boolean;
  handed: boolean;
  codes: number;
  lockedOut: boolean;
  battery: { level: string; rest: number; loaded: number };
}

/** Power-up steps (SPEC 8). */
const enum PowerUp {
  NONE = 0,
  /** Program held since power-up */
  HELD = 1,
  /** released before the reset hold: a press now starts handing */
  WAIT_HANDING = 2,
  /** held for the reset hold: waiting for the release */
  RESET_READY = 3,
  /** released after RESET_READY: a press now erases everything */
  WAIT_RESET = 4,
}

/** Who asked for a stroke: decides the feedback and the event. */
const enum By {
  CODE = 1,
  ONE_TOUCH = 2,
  AUTO_LOCK = 3,
}

/** What a save confirms when it answers. */
export const enum Verdict {
  /** nothing to show (a lockout, a cleared escalation, a forgotten handing) */
  SILENT = 0,
  /** a programming change: its pattern, or FAIL */
  PROGRAM = 1,
  /** a factory reset: RESET_DONE and door handing, or FAIL and a normal start */
  RESET = 2,
  /** door handing learned: HANDING_OK, or HANDING_FAILED */
  HANDING = 3,
}

/** The lock as it is at power-up, `now`, before powerUp(). */
export function newLock(stored: LockRecord, inputs: InputState, now: number): Lock {
  return {
    now: now,
    fx: [],
    rec: stored,
    mode: Mode.READY,
    bolt: inputs.bolt,
    locked: inputs.bolt.extended && !inputs.bolt.retracted,
    digits: "",
    overflow: false,
    entryUntil: 0,
    codeSlot: 0,
    programDown: inputs.programHeld,
    programDownAt: 0,
    programHoldDone: true,
    powerUp: PowerUp.NONE,
    powerUpUntil: 0,
    by: 0,
    awaitingRest: false,
    verdictPattern: 0,
    autoLockAt: 0,
    statusAt: 0,
    fb: { queue: [], steps: "", pos: 0, step: "", repeats: 0, audio: true, phase: 0, end: 0, red: false, green: false, buzz: false },
    lo: lockoutFrom(stored.lockout, now),
    bat: { level: BatteryLevel.OK, rest: NaN, loaded: NaN, restRuns: 0, loadedRuns: 0, strokeMin: NaN },
    st: { on: false, drive: "stop", waitUntil: -1, toExtended: true, limitMs: 0, startedAt: 0, wasRetracted: false, wasExtended: false, moved: false, stallSince: -1, stoppedAt: -1e9, result: 0, resultMs: 0 },
    run: { phase: 0, locking: false, extendDrive: "A", extendMs: 0, retractMs: 0, retryAt: 0, probeDrive: "A", measureStrokes: 0, fromRetracted: false, fromExtended: false, failure: "", outcome: 0 },
    pg: { step: 0, cleared: false, masterOk: false, remembered: "", until: 0, event: 0, eventArg: 0 },
  };
}

function show(pattern: Pattern) {
  play(pattern, (L.rec.settings & Setting.AUDIO) !== 0);
}

/** Writes the record (with the lockout as it is now); the `saved` answer carries the verdict back. */
function requestSave(verdict: Verdict) {
  L.rec.lockout = { active: L.lo.until !== 0, lastMs: L.lo.lastMs };
  L.fx.push({ t: "save", record: L.rec, verdict: verdict });
}

/** SPEC 7: LOW or worse, LOW_BATTERY after every keypad operation. */
function afterKeypadOperation() {
  if (L.bat.level >= BatteryLevel.LOW) show(Pattern.LOW_BATTERY);
}

function clearEntry() {
  L.digits = "";
  L.overflow = false;
  L.entryUntil = 0;
}

function autoLockPossible(): boolean {
  return (L.rec.settings & Setting.AUTO_LOCK) !== 0 && L.rec.codes.length > 0 && L.rec.handing !== null && !L.locked;
}

function ready() {
  L.mode = Mode.READY;
  if (!(L.rec.settings & Setting.STATUS_LED)) L.statusAt = 0;
  else if (!L.statusAt) L.statusAt = L.now + CFG.statusIntervalMs;
}

function startHanding() {
  clearEntry();
  L.autoLockAt = 0;
  L.mode = Mode.HANDING;
  log("handing");
  handingStart();
  runEnded();
}

function normalStart() {
  L.powerUp = PowerUp.NONE;
  L.powerUpUntil = 0;
  if (!L.rec.handing) startHanding();
  else ready();
}

/** The running motion or door handing has ended (if it has): what the lock reports, shows and logs. */
function runEnded() {
  const run = L.run;
  if (run.outcome === RunOutcome.RUNNING) return;
  const ok = run.outcome === RunOutcome.OK;
  run.outcome = RunOutcome.RUNNING;
  if (L.mode === Mode.HANDING) {
    if (ok) {
      L.rec.handing = { extend: run.extendDrive, extendMs: run.extendMs, retractMs: run.retractMs };
      L.locked = false;
      log("handing ok: extend " + run.extendDrive + " " + run.extendMs + "/" + run.retractMs + " ms");
      requestSave(Verdict.HANDING);
    } else {
      // until handing succeeds, no stroke runs
      if (L.rec.handing) {
        L.rec.handing = null;
        requestSave(Verdict.SILENT);
      }
      L.locked = L.bolt.extended && !L.bolt.retracted;
      show(Pattern.HANDING_FAILED);
      log("handing failed: " + run.failure);
      logEvent(EventKind.HANDING_FAILED, 0);
    }
    return ready();
  }
  L.locked = ok ? run.locking : !run.locking;
  if (!ok) show(Pattern.JAM);
  else if (L.by !== By.AUTO_LOCK) show(Pattern.OK);
  if (L.by !== By.AUTO_LOCK) afterKeypadOperation();
  log((ok ? "" : "jam, ") + (L.locked ? "locked" : "unlocked"));
  if (!ok) logEvent(EventKind.JAM, run.locking ? 1 : 0);
  else if (!run.locking) logEvent(EventKind.UNLOCK_CODE, L.codeSlot);
  else logEvent(L.by === By.AUTO_LOCK ? EventKind.LOCK_AUTO : EventKind.LOCK_ONE_TOUCH, 0);
  // after a jam, auto-lock does not try again by itself (it would grind into the same obstacle)
  if (L.locked || !ok) L.autoLockAt = 0;
  else L.autoLockAt = autoLockPossible() ? L.now + CFG.autoLockDelayMs : 0;
  ready();
}

function requestStroke(locking: boolean, by: By) {
  if (!L.rec.handing) {
    // SPEC 6: until handing succeeds a valid code gives FAIL and the motor does not run
    if (by !== By.AUTO_LOCK) {
      show(Pattern.FAIL);
      afterKeypadOperation();
    }
    return;
  }
  if (L.bat.level >= BatteryLevel.DEAD) return show(Pattern.LOW_BATTERY);
  L.mode = Mode.MOTION;
  L.by = by;
  L.autoLockAt = 0;
  L.run.locking = locking;
  L.run.phase = RunPhase.IDLE;
  L.run.outcome = RunOutcome.RUNNING;
  if (L.now - L.st.stoppedAt >= CFG.restIdleMs) {
    // SPEC 7: a rest reading before each stroke, the motor idle for at least restIdleMs
    L.awaitingRest = true;
    L.fx.push({ t: "measureRest" });
  } else {
    motionStart(locking, L.rec.handing);
    runEnded();
  }
}

/** A wrong code at the keypad, or a wrong mastercode: `pattern`, or LOCKOUT when it starts one. */
function wrongCode(pattern: Pattern) {
  if (lockoutWrong()) {
    // one write: the LOCKOUT event is the persisted lockout too (journal.ts)
    show(Pattern.LOCKOUT);
    log("lockout " + L.lo.lastMs / 1000 + " s");
    logEvent(EventKind.LOCKOUT, Math.ceil(L.lo.lastMs / 1000));
  } else {
    show(pattern);
    logEvent(EventKind.WRONG_CODE, 0);
  }
}

function endProgramming(outcome: number) {
  const pattern = outcome & 255;
  clearEntry();
  if (outcome & Outcome.WRONG_MASTER) wrongCode(pattern);
  else if (outcome & Outcome.CHANGED) {
    // the pattern shows when the save answers
    L.verdictPattern = pattern;
    requestSave(Verdict.PROGRAM);
  } else show(pattern);
  if (BOARD.radio === "paired" && outcome & Outcome.PAIR) {
    L.fx.push({ t: "pair", passkey: L.rec.passkey as string });
    logEvent(EventKind.PAIRING_OPEN, 0);
  }
  if (!(outcome & Outcome.CHANGED)) afterKeypadOperation();
  if (!L.rec.codes.length || !(L.rec.settings & Setting.AUTO_LOCK)) L.autoLockAt = 0;
  else if (!L.autoLockAt && autoLockPossible()) L.autoLockAt = L.now + CFG.autoLockDelayMs;
  ready();
}

function enterProgramming(hold: boolean) {
  clearEntry();
  if (L.bat.level >= BatteryLevel.CRITICAL) {
    L.pg.step = 0;
    show(Pattern.FAIL);
    return ready();
  }
  L.mode = Mode.PROGRAMMING;
  show(progBegin(hold));
}

function onKey(key: Key) {
  if (L.mode === Mode.PROGRAMMING) {
    const outcome = progKey(key);
    if (outcome) endProgramming(outcome);
    return;
  }
  if (L.mode !== Mode.READY) return;
  if (L.lo.until) return show(Pattern.RED_FLASH);
  // any key press restarts the auto-lock delay
  if (L.autoLockAt) L.autoLockAt = L.now + CFG.autoLockDelayMs;
  if (key === "C") return clearEntry();
  if (key === "L") {
    // LOCK submits the entry
    const hadDigits = L.digits !== "" || L.overflow;
    const code = L.overflow ? "" : L.digits;
    clearEntry();
    if (!hadDigits) {
      // one-touch locking: LOCK alone while unlocked
      if (!L.locked && L.rec.settings & Setting.ONE_TOUCH) requestStroke(true, By.ONE_TOUCH);
      return;
    }
    // the mastercode is not among the user codes: at the keypad it is a wrong code, it never unlocks
    const slot = findCode(L.rec, code);
    if (!slot) {
      wrongCode(Pattern.WRONG);
      return afterKeypadOperation();
    }
    // a valid code clears the wrong-code count and, once no lockout runs, the escalation
    L.lo.wrong = [];
    if (L.lo.lastMs && !L.lo.until) {
      L.lo.lastMs = 0;
      requestSave(Verdict.SILENT);
    }
    L.codeSlot = slot;
    if (L.locked) return requestStroke(false, By.CODE);
    show(L.rec.handing ? Pattern.OK : Pattern.FAIL);
    afterKeypadOperation();
    L.autoLockAt = autoLockPossible() ? L.now + CFG.autoLockDelayMs : 0;
    return;
  }
  // a digit: at most maxCodeLength are kept, a longer entry is wrong when submitted
  if (L.digits.length < CFG.maxCodeLength) L.digits += key;
  else L.overflow = true;
  L.entryUntil = L.now + CFG.entryTimeoutMs;
}

function onProgram(down: boolean) {
  const wasDown = L.programDown;
  L.programDown = down;
  if (L.mode === Mode.POWERUP) {
    if (down && L.powerUp === PowerUp.WAIT_HANDING) {
      L.powerUp = PowerUp.NONE;
      startHanding();
    } else if (down && L.powerUp === PowerUp.WAIT_RESET) {
      // the factory reset: confirmed once it is saved (onSaved)
      L.powerUp = PowerUp.NONE;
      L.rec = defaultRecord();
      L.lo = lockoutFrom(L.rec.lockout, L.now);
      L.statusAt = 0;
      L.autoLockAt = 0;
      log("factory reset");
      requestSave(Verdict.RESET);
    } else if (!down && wasDown && (L.powerUp === PowerUp.HELD || L.powerUp === PowerUp.RESET_READY)) {
      L.powerUp = L.powerUp === PowerUp.HELD ? PowerUp.WAIT_HANDING : PowerUp.WAIT_RESET;
      L.powerUpUntil = L.now + CFG.powerUpWindowMs;
    }
    return;
  }
  if (L.mode !== Mode.READY && L.mode !== Mode.PROGRAMMING) {
    L.programHoldDone = true;
    return;
  }
  if (down) {
    L.programDownAt = L.now;
    L.programHoldDone = false;
  } else if (wasDown && !L.programHoldDone) {
    L.programHoldDone = true;
    if (L.now - L.programDownAt < CFG.programShortPressMs) enterProgramming(false);
  }
}

function onSaved(ok: boolean, verdict: number, stored: LockRecord | undefined) {
  if (!ok) {
    if (stored) L.rec = stored;
    log("save failed: the change is not kept");
  }
  if (verdict === Verdict.PROGRAM) {
    if (ok) logEvent(L.pg.event, L.pg.eventArg);
    show(ok ? L.verdictPattern : Pattern.FAIL);
    afterKeypadOperation();
  } else if (verdict === Verdict.RESET) {
    if (!ok) {
      L.lo = lockoutFrom(L.rec.lockout, L.now);
      show(Pattern.FAIL);
      return normalStart();
    }
    logEvent(EventKind.FACTORY_RESET, 0);
    show(Pattern.RESET_DONE);
    startHanding();
  } else if (verdict === Verdict.HANDING) {
    show(ok ? Pattern.HANDING_OK : Pattern.HANDING_FAILED);
    logEvent(ok ? EventKind.HANDING_OK : EventKind.HANDING_FAILED, ok && L.rec.handing && L.rec.handing.extend === "B" ? 1 : 0);
  }
}

/**
 * Everything whose time has come, in a fixed order. A running motion or door handing takes every
 * event: it is brought up to date with the bolt switches (L.bolt), the time and the reading (motor
 * amps and pack volts; NaN when the event is not a reading).
 */
function expire(amps: number, volts: number) {
  const now = L.now;
  if (L.fb.phase && now >= L.fb.end) feedbackTick();
  if (L.entryUntil && now >= L.entryUntil) clearEntry(); // a partial entry goes silently
  if (L.lo.until && now >= L.lo.until) {
    // not written: see lockout.ts
    L.lo.until = 0;
    log("lockout over");
  }
  if (L.mode === Mode.POWERUP && L.powerUpUntil && now >= L.powerUpUntil) {
    L.powerUpUntil = 0;
    if (L.powerUp === PowerUp.HELD) {
      L.powerUp = PowerUp.RESET_READY;
      show(Pattern.RESET_READY);
    } else {
      // no press: nothing is erased
      if (L.powerUp === PowerUp.WAIT_RESET) show(Pattern.FAIL);
      normalStart();
    }
  }
  if (L.mode === Mode.MOTION || L.mode === Mode.HANDING) {
    if (L.mode === Mode.MOTION) motionStep(amps, volts);
    else handingStep(amps, volts);
    runEnded();
  }
  if ((L.mode === Mode.READY || L.mode === Mode.PROGRAMMING) && L.programDown && !L.programHoldDone && now >= L.programDownAt + CFG.programHoldMs) {
    L.programHoldDone = true;
    enterProgramming(true);
  }
  if (L.mode === Mode.PROGRAMMING && L.pg.step && now >= L.pg.until) {
    L.pg.step = 0;
    endProgramming(Pattern.TIMEOUT);
  }
  if (L.autoLockAt && now >= L.autoLockAt) {
    L.autoLockAt = 0;
    if (L.mode === Mode.READY && autoLockPossible()) requestStroke(true, By.AUTO_LOCK);
    else if (autoLockPossible()) L.autoLockAt = now + CFG.autoLockDelayMs;
  }
  if (L.statusAt && now >= L.statusAt) {
    L.statusAt = now + CFG.statusIntervalMs;
    // a short flash: red low battery, else red and green locked, green unlocked
    const low = L.bat.level >= BatteryLevel.LOW;
    statusFlash(low || L.locked, !low);
  }
}

/** When the machine next needs a `tick`; undefined when nothing is timed. */
export function deadline(lock: Lock): number | undefined {
  const st = lock.st;
  const times = [
    // a motion or handing run: the unlock retry, the motor's coast or its limit
    lock.run.phase === RunPhase.PAUSE ? lock.run.retryAt : st.waitUntil >= 0 ? st.waitUntil : st.on ? st.startedAt + st.limitMs : 0,
    lock.fb.phase ? lock.fb.end : 0,
    lock.entryUntil,
    lock.lo.until,
    lock.mode === Mode.POWERUP ? lock.powerUpUntil : 0,
    (lock.mode === Mode.READY || lock.mode === Mode.PROGRAMMING) && lock.programDown && !lock.programHoldDone ? lock.programDownAt + CFG.programHoldMs : 0,
    lock.mode === Mode.PROGRAMMING && lock.pg.step ? lock.pg.until : 0,
    lock.autoLockAt,
    lock.statusAt,
  ];
  let due: number | undefined;
  for (let i = 0; i < times.length; i++) if (times[i] && (due === undefined || times[i] < due)) due = times[i];
  return due;
}

/**
 * Handles one event at `now`: the machine's only entry. It starts with "powerUp" (once) and takes a
 * "fault" whenever something threw: motor off, whatever was running ends, the lock stays operable.
 */
export function handle(lock: Lock, event: LockEvent, now: number): Effect[] {
  const fx = use(lock, now);
  if (event.type === "powerUp") {
    fx.push({ t: "motor", drive: "stop", limitMs: 0 });
    fx.push({ t: "measureRest" }); // SPEC 7: a rest reading at power-up
    logEvent(EventKind.POWER_UP, 0);
    if (!L.programDown) normalStart();
    else {
      L.mode = Mode.POWERUP;
      L.powerUp = PowerUp.HELD;
      L.powerUpUntil = now + CFG.powerUpResetHoldMs;
      log("power-up with Program held");
    }
    return fx;
  }
  if (event.type === "fault") {
    strokeFinish(StrokeEnd.RUNNING);
    fx.push({ t: "motor", drive: "stop", limitMs: 0 });
    L.st.stoppedAt = now;
    L.run.phase = RunPhase.IDLE;
    L.run.outcome = RunOutcome.RUNNING;
    L.pg.step = 0;
    L.awaitingRest = false;
    clearEntry();
    if (L.mode !== Mode.POWERUP) ready();
    log("error: " + event.why);
    log("fault: motor stopped");
    logEvent(EventKind.FAULT, 0);
    return fx;
  }
  const running = L.mode === Mode.MOTION || L.mode === Mode.HANDING;
  if (event.type === "bolt") L.bolt = event.state;
  if (event.type === "sample") expire(event.amps, event.volts);
  else expire(NaN, NaN);
  if (event.type === "key") onKey(event.key);
  else if (event.type === "program") onProgram(event.down);
  else if (event.type === "bolt" && !running) {
    // no motor run: the key or thumbturn moved the bolt. Follow it, never fight it
    const state = event.state;
    if (state.extended && !state.retracted && !L.locked) {
      L.locked = true;
      L.autoLockAt = 0;
      log("locked by hand");
      logEvent(EventKind.LOCK_KEY, 0);
    } else if (state.retracted && !state.extended && L.locked) {
      L.locked = false;
      log("unlocked by hand");
      logEvent(EventKind.UNLOCK_KEY, 0);
      L.autoLockAt = autoLockPossible() ? L.now + CFG.autoLockDelayMs : 0;
    }
  } else if (event.type === "rest") {
    batteryReading(event.volts, true);
    if (L.awaitingRest) {
      // the rest reading before a stroke (SPEC 7): with the battery DEAD, no stroke starts
      L.awaitingRest = false;
      if (L.bat.level < BatteryLevel.DEAD && L.rec.handing) {
        motionStart(L.run.locking, L.rec.handing);
        runEnded();
      } else {
        show(Pattern.LOW_BATTERY);
        ready();
      }
    }
  } else if (event.type === "saved") onSaved(event.ok, event.verdict, event.record);
  return fx;
}

export function lockStatus(lock: Lock): LockStatus {
  return {
    mode: ["", "powerup", "handing", "ready", "programming", "motion"][lock.mode],
    locked: lock.locked,
    handed: lock.rec.handing !== null,
    codes: lock.rec.codes.filter(function (code) {
      return code !== "";
    }).length,
    lockedOut: lock.lo.until !== 0,
    battery: { level: ["OK", "LOW", "CRITICAL", "DEAD"][lock.bat.level], rest: lock.bat.rest, loaded: lock.bat.loaded },
  };
}
