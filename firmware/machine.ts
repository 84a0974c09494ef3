// The lock: one state machine that takes events with the time and returns effects (STYLE.md, QP).
// It does no IO and reads no clock, so every timing of SPEC.md is a deterministic test. Modes are
// explicit; lockout, feedback, battery, auto-lock and the status LED run beside them as regions with
// their own deadlines. The shell arms one timer for the earliest deadline, and none when idle.
import type { BoltState, Key } from "../hal/types";
import { BatteryLevel, createBatteryMonitor, newBatteryMemory } from "./battery";
import type { BatteryMemory } from "./battery";
import { isUserCode } from "./codes";
import type { LockConfig } from "./config";
import { createFeedback } from "./feedback";
import { createHanding } from "./handing";
import type { HandingRun } from "./handing";
import { createLockout, lockoutAtPowerUp } from "./lockout";
import type { LockoutMemory } from "./lockout";
import { createMotion } from "./motion";
import type { Motion } from "./motion";
import type { PatternName } from "./patterns";
import { createProgramming } from "./programming";
import type { Programming } from "./programming";
import { defaultRecord } from "./record";
import type { LockRecord } from "./record";
import type { Effects, LockEvent } from "./types";

export interface LockStatus {
  mode: string;
  locked: boolean;
  handed: boolean;
  codes: number;
  lockedOut: boolean;
  battery: { level: string; rest: number; loaded: number };
}

export interface Lock {
  /** power-up: call once, first */
  start(now: number): Effects;
  handle(event: LockEvent, now: number): Effects;
  /** something threw while handling an event: stop the motor, end what was running, stay operable */
  fault(now: number): Effects;
  /** when the machine next needs a `tick`; undefined when idle */
  deadline(): number | undefined;
  /** the state to persist */
  record(): LockRecord;
  status(): LockStatus;
  /** nothing in progress: the lock can be dropped and made again from its memory (the shell does so) */
  canSleep(): boolean;
}

export interface BootState {
  bolt: BoltState;
  programHeld: boolean;
}

/**
 * Everything the lock knows between events, as plain data: the lock reads and writes it in place. Its
 * code (the closures createLock makes) can be dropped whenever canSleep() and made again over the same
 * memory: the shell does so to keep RAM free while idle.
 */
export interface LockMemory {
  record: LockRecord;
  mode: number;
  bolt: BoltState;
  locked: boolean;
  digits: string;
  overflow: boolean;
  entryUntil: number;
  programDown: boolean;
  programDownAt: number;
  programHoldDone: boolean;
  powerUp: number;
  powerUpUntil: number;
  strokeGoal: string;
  strokeBy: number;
  awaitingRest: boolean;
  strokeWasRunning: boolean;
  motorStoppedAt: number;
  autoLockAt: number;
  statusAt: number;
  lockout: LockoutMemory;
  battery: BatteryMemory;
}


// Constants are const enums: the build writes their values in place, so they take no RAM on the board.
const enum Mode {
  POWERUP = 1,
  HANDING = 2,
  READY = 3,
  PROGRAMMING = 4,
  MOTION = 5,
}

// power-up steps (SPEC 8)
const enum PowerUp {
  HELD = 1, // Program held since power-up
  WAIT_HANDING = 2, // released before the reset hold: a press now starts handing
  RESET_READY = 3, // held for the reset hold: waiting for the release
  WAIT_RESET = 4, // released after RESET_READY: a press now erases everything
}

// who asked for a stroke: decides the feedback
const enum By {
  CODE = 1,
  ONE_TOUCH = 2,
  AUTO_LOCK = 3,
}


/** The memory of a lock that has just powered up at `now`, before start(now). */
export function powerUpMemory(config: LockConfig, stored: LockRecord, boot: BootState, now: number): LockMemory {
  return {
    record: stored,
    mode: Mode.READY,
    bolt: boot.bolt,
    locked: boot.bolt.extended && !boot.bolt.retracted,
    digits: "",
    overflow: false,
    entryUntil: 0,
    programDown: boot.programHeld,
    programDownAt: 0,
    programHoldDone: true,
    powerUp: 0,
    powerUpUntil: 0,
    strokeGoal: "",
    strokeBy: 0,
    awaitingRest: false,
    strokeWasRunning: false,
    motorStoppedAt: -config.restIdleMs,
    autoLockAt: 0,
    statusAt: 0,
    lockout: lockoutAtPowerUp(stored.lockout, now),
    battery: newBatteryMemory(),
  };
}

export function createLock(config: LockConfig, m: LockMemory): Lock {
  function earliest(a: number | undefined, b: number | undefined): number | undefined {
    if (a === undefined) return b;
    if (b === undefined) return a;
    return a < b ? a : b;
  }

  const feedback = createFeedback();
  const battery = createBatteryMonitor(config, m.battery);
  // made when their activity starts and dropped when it ends: at most one of them is in RAM
  let motion: Motion | undefined;
  let handing: HandingRun | undefined;
  let programming: Programming | undefined;
  const lockout = createLockout(config, m.lockout);


  let fx: Effects = [];
  let now = 0;

  function show(pattern: string) {
    if (pattern) feedback.play(pattern as PatternName, m.record.settings.audio, now, fx);
  }
  function save() {
    fx.push({ t: "save" });
  }
  function log(msg: string) {
    fx.push({ t: "log", msg: msg });
  }
  /** SPEC 7: LOW or worse, LOW_BATTERY after every keypad operation */
  function afterKeypadOperation() {
    if (battery.level() >= BatteryLevel.LOW) show("LOW_BATTERY");
  }
  function clearEntry() {
    m.digits = "";
    m.overflow = false;
    m.entryUntil = 0;
  }

  function autoLockPossible(): boolean {
    return m.record.settings.autoLock && m.record.codes.length > 0 && m.record.handing !== null && !m.locked;
  }
  function scheduleAutoLock() {
    m.autoLockAt = autoLockPossible() ? now + config.autoLockDelayMs : 0;
  }
  function scheduleStatus() {
    if (!m.record.settings.statusLed) m.statusAt = 0;
    else if (!m.statusAt) m.statusAt = now + config.statusIntervalMs;
  }

  function ready() {
    m.mode = Mode.READY;
    scheduleStatus();
  }

  function startHanding() {
    clearEntry();
    m.autoLockAt = 0;
    m.mode = Mode.HANDING;
    log("handing");
    handing = createHanding(config);
    handing.start(m.bolt, now, fx);
    checkHanding();
  }
  function checkHanding() {
    const r = handing ? handing.result() : undefined;
    if (!r) return;
    handing = undefined;
    m.motorStoppedAt = now;
    if (r.ok) {
      m.record.handing = r.handing;
      save();
      m.locked = false;
      show("HANDING_OK");
      log("handing ok: extend " + r.handing.extend + " " + r.handing.extendMs + "/" + r.handing.retractMs + " ms");
    } else {
      // until handing succeeds, no stroke runs: forget a handing that no longer fits the door
      if (m.record.handing) {
        m.record.handing = null;
        save();
      }
      m.locked = m.bolt.extended && !m.bolt.retracted;
      show("HANDING_FAILED");
      log("handing failed: " + r.reason);
    }
    ready();
  }

  function normalStart() {
    m.powerUp = 0;
    m.powerUpUntil = 0;
    if (!m.record.handing) startHanding();
    else ready();
  }

  function factoryReset() {
    m.record = defaultRecord(config.defaults);
    lockout.reset();
    m.statusAt = 0;
    m.autoLockAt = 0;
    save();
    log("factory reset");
  }

  /** Motor activity changes the battery readings: a loaded reading per stroke. */
  function trackStroke() {
    const running = motion ? motion.strokeRunning() : false;
    if (running && !m.strokeWasRunning) battery.strokeStart(now);
    if (!running && m.strokeWasRunning) {
      battery.strokeEnd();
      m.motorStoppedAt = now;
    }
    m.strokeWasRunning = running;
  }

  function finishMotion() {
    const r = motion ? motion.result() : undefined;
    if (!r) return;
    trackStroke();
    motion = undefined;
    m.motorStoppedAt = now;
    m.locked = r.locked;
    if (r.jam) show("JAM");
    else if (m.strokeBy !== By.AUTO_LOCK) show("OK");
    if (m.strokeBy !== By.AUTO_LOCK) afterKeypadOperation();
    log((r.jam ? "jam, " : "") + (m.locked ? "locked" : "unlocked"));
    // after a jam, auto-lock does not try again by itself (it would grind into the same obstacle)
    if (m.locked || r.jam) m.autoLockAt = 0;
    else scheduleAutoLock();
    ready();
  }

  function beginStroke() {
    if (!m.record.handing) return;
    motion = createMotion(config);
    motion.start(m.strokeGoal as "lock" | "unlock", m.record.handing, m.bolt, now, fx);
    trackStroke();
    finishMotion();
  }

  function requestStroke(goal: string, by: number) {
    if (!m.record.handing) {
      // SPEC 6: until handing succeeds a valid code gives FAIL and the motor does not run
      if (by !== By.AUTO_LOCK) {
        show("FAIL");
        afterKeypadOperation();
      }
      return;
    }
    if (battery.level() >= BatteryLevel.DEAD) {
      show("LOW_BATTERY");
      return;
    }
    m.mode = Mode.MOTION;
    m.strokeGoal = goal;
    m.strokeBy = by;
    m.autoLockAt = 0;
    if (now - m.motorStoppedAt >= config.restIdleMs) {
      // SPEC 7: a rest reading before each stroke, the motor idle for at least restIdleMs
      m.awaitingRest = true;
      fx.push({ t: "measureRest" });
    } else beginStroke();
  }

  function onRest(volts: number) {
    battery.rest(volts);
    if (!m.awaitingRest) return;
    m.awaitingRest = false;
    if (battery.level() >= BatteryLevel.DEAD) {
      show("LOW_BATTERY");
      ready();
    } else beginStroke();
  }

  function submitCode() {
    const hadDigits = m.digits !== "" || m.overflow;
    const code = m.overflow ? "" : m.digits;
    clearEntry();
    if (!hadDigits) {
      // one-touch locking: LOCK alone while unlocked
      if (!m.locked && m.record.settings.oneTouch) requestStroke("lock", By.ONE_TOUCH);
      return;
    }
    if (isUserCode(m.record, code)) {
      if (lockout.valid()) save();
      if (m.locked) requestStroke("unlock", By.CODE);
      else {
        show(m.record.handing ? "OK" : "FAIL");
        afterKeypadOperation();
        scheduleAutoLock();
      }
      return;
    }
    // a wrong code; the mastercode never unlocks, so it is wrong here too
    if (lockout.wrong(now)) {
      save();
      show("LOCKOUT");
      log("lockout " + lockout.record().lastMs / 1000 + " s");
    } else show("WRONG");
    afterKeypadOperation();
  }

  function onReadyKey(key: Key) {
    if (lockout.active()) {
      show("RED_FLASH");
      return;
    }
    // any key press restarts the auto-lock delay
    if (m.autoLockAt) m.autoLockAt = now + config.autoLockDelayMs;
    if (key === "L") submitCode();
    else if (key === "C") clearEntry();
    else {
      if (m.digits.length < config.maxCodeLength) m.digits += key;
      else m.overflow = true;
      m.entryUntil = now + config.entryTimeoutMs;
    }
  }

  function endProgramming(pattern: string, changed: boolean) {
    programming = undefined;
    if (changed) save();
    show(pattern);
    afterKeypadOperation();
    if (!m.record.codes.length) m.autoLockAt = 0;
    else if (!m.autoLockAt) scheduleAutoLock();
    if (!m.record.settings.autoLock) m.autoLockAt = 0;
    ready();
  }

  function enterProgramming(hold: boolean) {
    clearEntry();
    if (battery.level() >= BatteryLevel.CRITICAL) {
      programming = undefined;
      show("FAIL");
      ready();
      return;
    }
    m.mode = Mode.PROGRAMMING;
    programming = createProgramming(config);
    show(programming.begin(hold, m.record, now));
  }

  function onProgram(down: boolean) {
    const wasDown = m.programDown;
    m.programDown = down;
    if (m.mode === Mode.POWERUP) {
      if (down && m.powerUp === PowerUp.WAIT_HANDING) {
        m.powerUp = 0;
        startHanding();
      } else if (down && m.powerUp === PowerUp.WAIT_RESET) {
        m.powerUp = 0;
        factoryReset();
        show("RESET_DONE");
        startHanding();
      } else if (!down && wasDown && (m.powerUp === PowerUp.HELD || m.powerUp === PowerUp.RESET_READY)) {
        m.powerUp = m.powerUp === PowerUp.HELD ? PowerUp.WAIT_HANDING : PowerUp.WAIT_RESET;
        m.powerUpUntil = now + config.powerUpWindowMs;
      }
      return;
    }
    if (m.mode !== Mode.READY && m.mode !== Mode.PROGRAMMING) {
      m.programHoldDone = true;
      return;
    }
    if (down) {
      m.programDownAt = now;
      m.programHoldDone = false;
    } else if (wasDown && !m.programHoldDone) {
      m.programHoldDone = true;
      if (now - m.programDownAt < config.programShortPressMs) enterProgramming(false);
    }
  }

  function onKey(key: Key) {
    if (m.mode === Mode.READY) onReadyKey(key);
    else if (m.mode === Mode.PROGRAMMING && programming) {
      const outcome = programming.key(key, m.record, lockout, now);
      if (outcome) endProgramming(outcome.pattern, outcome.changed);
    }
  }

  function onBolt(state: BoltState) {
    m.bolt = state;
    if (m.mode === Mode.MOTION) {
      if (!motion) return;
      motion.bolt(state, now, fx);
      trackStroke();
      finishMotion();
      return;
    }
    if (m.mode === Mode.HANDING) {
      if (handing) handing.bolt(state, now, fx);
      checkHanding();
      return;
    }
    // the key or thumbturn moved the bolt: follow it, never fight it
    if (state.extended && !state.retracted && !m.locked) {
      m.locked = true;
      m.autoLockAt = 0;
      log("locked by hand");
    } else if (state.retracted && !state.extended && m.locked) {
      m.locked = false;
      log("unlocked by hand");
      scheduleAutoLock();
    }
  }

  function onSample(amps: number, volts: number) {
    if (m.mode === Mode.MOTION && motion) {
      if (motion.strokeRunning()) battery.sample(volts, now);
      motion.sample(amps, now, fx);
      trackStroke();
      finishMotion();
    } else if (m.mode === Mode.HANDING && handing) {
      handing.sample(amps, now, fx);
      checkHanding();
    }
  }

  /** Everything whose time has come, in a fixed order. */
  function expire() {
    const patternDue = feedback.deadline();
    if (patternDue !== undefined && now >= patternDue) feedback.tick(now, fx);
    if (m.entryUntil && now >= m.entryUntil) clearEntry(); // a partial entry goes silently
    if (lockout.expire(now)) {
      save();
      log("lockout over");
    }
    if (m.mode === Mode.POWERUP && m.powerUpUntil && now >= m.powerUpUntil) {
      m.powerUpUntil = 0;
      if (m.powerUp === PowerUp.HELD) {
        m.powerUp = PowerUp.RESET_READY;
        show("RESET_READY");
      } else if (m.powerUp === PowerUp.WAIT_RESET) {
        show("FAIL"); // no press: nothing is erased
        normalStart();
      } else normalStart();
    }
    if (m.mode === Mode.MOTION && motion) {
      const due = motion.deadline();
      if (due !== undefined && now >= due) {
        motion.tick(now, fx);
        trackStroke();
        finishMotion();
      }
    }
    if (m.mode === Mode.HANDING && handing) {
      const due = handing.deadline();
      if (due !== undefined && now >= due) {
        handing.tick(now, fx);
        checkHanding();
      }
    }
    if ((m.mode === Mode.READY || m.mode === Mode.PROGRAMMING) && m.programDown && !m.programHoldDone && now >= m.programDownAt + config.programHoldMs) {
      m.programHoldDone = true;
      enterProgramming(true);
    }
    if (m.mode === Mode.PROGRAMMING && programming && programming.expire(now)) endProgramming("TIMEOUT", false);
    if (m.autoLockAt && now >= m.autoLockAt) {
      m.autoLockAt = 0;
      if (m.mode === Mode.READY && autoLockPossible()) requestStroke("lock", By.AUTO_LOCK);
      else if (autoLockPossible()) m.autoLockAt = now + config.autoLockDelayMs;
    }
    if (m.statusAt && now >= m.statusAt) {
      m.statusAt = now + config.statusIntervalMs;
      const low = battery.level() >= BatteryLevel.LOW;
      feedback.statusFlash(low || m.locked, !low, now, fx);
    }
  }

  function deadline(): number | undefined {
    let due = feedback.deadline();
    if (m.entryUntil) due = earliest(due, m.entryUntil);
    due = earliest(due, lockout.deadline());
    if (m.mode === Mode.POWERUP && m.powerUpUntil) due = earliest(due, m.powerUpUntil);
    if (motion) due = earliest(due, motion.deadline());
    if (handing) due = earliest(due, handing.deadline());
    if ((m.mode === Mode.READY || m.mode === Mode.PROGRAMMING) && m.programDown && !m.programHoldDone)
      due = earliest(due, m.programDownAt + config.programHoldMs);
    if (programming) due = earliest(due, programming.deadline());
    if (m.autoLockAt) due = earliest(due, m.autoLockAt);
    if (m.statusAt) due = earliest(due, m.statusAt);
    return due;
  }

  function begin(at: number): Effects {
    now = at;
    fx = [];
    return fx;
  }

  return {
    start: function (at) {
      const out = begin(at);
      fx.push({ t: "motor", drive: "stop" });
      fx.push({ t: "measureRest" }); // SPEC 7: a rest reading at power-up
      if (m.programDown) {
        m.mode = Mode.POWERUP;
        m.powerUp = PowerUp.HELD;
        m.powerUpUntil = now + config.powerUpResetHoldMs;
        log("power-up with Program held");
      } else normalStart();
      return out;
    },
    handle: function (event, at) {
      const out = begin(at);
      expire();
      if (event.type === "key") onKey(event.key);
      else if (event.type === "program") onProgram(event.down);
      else if (event.type === "bolt") onBolt(event.state);
      else if (event.type === "sample") onSample(event.amps, event.volts);
      else if (event.type === "rest") onRest(event.volts);
      return out;
    },
    fault: function (at) {
      const out = begin(at);
      if (motion) motion.abort(fx);
      if (handing) handing.abort(fx);
      motion = undefined;
      handing = undefined;
      programming = undefined;
      fx.push({ t: "motor", drive: "stop" });
      fx.push({ t: "sample", ms: 0 });
      clearEntry();
      m.awaitingRest = false;
      m.strokeWasRunning = false;
      m.motorStoppedAt = now;
      if (m.mode !== Mode.POWERUP) ready();
      log("fault: motor stopped");
      return out;
    },
    deadline: deadline,
    record: function () {
      m.record.lockout = lockout.record();
      return m.record;
    },
    canSleep: function () {
      return m.mode === Mode.READY && deadline() === undefined;
    },
    status: function () {
      return {
        mode: ["", "powerup", "handing", "ready", "programming", "motion"][m.mode],
        locked: m.locked,
        handed: m.record.handing !== null,
        codes: m.record.codes.length,
        lockedOut: lockout.active(),
        battery: battery.summary(),
      };
    },
  };
}
