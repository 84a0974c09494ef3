// Programming with the interior Program button (SPEC 4). One Program press allows one operation: the
// dialogue ends with its OK, FAIL or TIMEOUT. Every step allows programTimeoutMs between key presses.
import type { Key } from "../hal/types";
import { addUserCode, deleteUserCode, isCodeShape, isUserCode } from "./codes";
import type { LockConfig } from "./config";
import type { Lockout } from "./lockout";
import { settingKeys } from "./record";
import type { LockRecord } from "./record";

/** How a dialogue ended: the pattern to show, and whether the record changed (to be saved). */
export interface ProgrammingOutcome {
  pattern: string;
  changed: boolean;
}

export interface Programming {
  /** `hold`: Program held programHoldMs (set the mastercode); otherwise a short press. Returns the pattern. */
  begin(hold: boolean, record: LockRecord, now: number): string;
  /** a key; an outcome when the dialogue has ended */
  key(key: Key, record: LockRecord, lockout: Lockout, now: number): ProgrammingOutcome | undefined;
  active(): boolean;
  /** the limit between presses ran out: true when the dialogue ended with TIMEOUT */
  expire(now: number): boolean;
  deadline(): number | undefined;
  cancel(): void;
}

// Steps of the dialogue. "menu" is the first after entering (and after the mastercode).
// A const enum: the build writes the values in place, so they take no RAM on the board.
const enum Step {
  MASTER = 1, // mastercode + LOCK before anything else
  MENU = 2, // digits + LOCK adds; CLEAR + LOCK deletes; CLEAR d + LOCK: setting or delete all
  DELETE_FIRST = 3,
  DELETE_SECOND = 4,
  DELETE_ALL_AGAIN = 5,
  OLD_MASTER = 6,
  NEW_MASTER_FIRST = 7,
  NEW_MASTER_SECOND = 8,
}


export function createProgramming(config: LockConfig): Programming {
  const SETTING_KEYS = settingKeys();
  let step = 0;
  let digits = "";
  let overflow = false;
  let cleared = false;
  let masterOk = false;
  let remembered = "";
  let until = 0;

  function next(s: number, now: number) {
    step = s;
    digits = "";
    overflow = false;
    cleared = false;
    until = now + config.programTimeoutMs;
  }
  function end(pattern: string, changed: boolean): ProgrammingOutcome {
    step = 0;
    until = 0;
    remembered = "";
    return { pattern: pattern, changed: changed };
  }
  /** the entry, or "" when it ran past maxCodeLength (never a valid code) */
  function entry(): string {
    return overflow ? "" : digits;
  }
  function wrongMaster(lockout: Lockout, now: number): ProgrammingOutcome {
    // a wrong mastercode counts towards the keypad lockout
    return lockout.wrong(now) ? end("LOCKOUT", true) : end("FAIL", false);
  }

  function submitMenu(record: LockRecord, now: number): ProgrammingOutcome | undefined {
    const code = entry();
    if (!cleared) return addUserCode(record, code, config) ? end("OK", true) : end("FAIL", false);
    if (code === "" && !overflow) {
      next(Step.DELETE_FIRST, now);
      return undefined;
    }
    if (code.length !== 1) return end("FAIL", false);
    if (code === "0") {
      if (!masterOk) return end("FAIL", false);
      next(Step.DELETE_ALL_AGAIN, now);
      return undefined;
    }
    const name = SETTING_KEYS[code.charCodeAt(0) - 49];
    if (!name) return end("FAIL", false);
    record.settings[name] = !record.settings[name];
    return end(record.settings[name] ? "OK" : "SETTING_OFF", true);
  }

  function submit(record: LockRecord, lockout: Lockout, now: number): ProgrammingOutcome | undefined {
    const code = entry();
    if (step === Step.MASTER || step === Step.OLD_MASTER) {
      if (code === "" || code !== record.master) return wrongMaster(lockout, now);
      masterOk = true;
      next(step === Step.MASTER ? Step.MENU : Step.NEW_MASTER_FIRST, now);
      return undefined;
    }
    if (step === Step.MENU) return submitMenu(record, now);
    if (step === Step.DELETE_FIRST) {
      // both entries come before the verdict, so the second is never taken for a keypad code
      remembered = code;
      next(Step.DELETE_SECOND, now);
      return undefined;
    }
    if (step === Step.DELETE_SECOND) {
      if (code === "" || code !== remembered) return end("FAIL", false);
      return deleteUserCode(record, code) ? end("OK", true) : end("FAIL", false);
    }
    if (step === Step.DELETE_ALL_AGAIN) {
      if (!cleared || code !== "0") return end("FAIL", false);
      record.codes = [];
      return end("OK", true);
    }
    if (step === Step.NEW_MASTER_FIRST) {
      // the mastercode never unlocks, so it must not shadow a user code
      if (!isCodeShape(code, config) || isUserCode(record, code)) return end("FAIL", false);
      remembered = code;
      next(Step.NEW_MASTER_SECOND, now);
      return undefined;
    }
    if (step === Step.NEW_MASTER_SECOND) {
      if (code !== remembered) return end("FAIL", false);
      record.master = code;
      return end("OK", true);
    }
    return end("FAIL", false);
  }

  return {
    begin: function (hold, record, now) {
      masterOk = false;
      remembered = "";
      if (hold) {
        next(record.master ? Step.OLD_MASTER : Step.NEW_MASTER_FIRST, now);
        return "PROGRAM";
      }
      if (record.master) {
        next(Step.MASTER, now);
        return "PROGRAM_MASTER";
      }
      next(Step.MENU, now);
      return "PROGRAM";
    },
    key: function (key, record, lockout, now) {
      if (!step) return undefined;
      until = now + config.programTimeoutMs;
      if (key === "L") return submit(record, lockout, now);
      if (key === "C") {
        digits = "";
        overflow = false;
        cleared = true;
        return undefined;
      }
      if (digits.length < config.maxCodeLength) digits += key;
      else overflow = true;
      return undefined;
    },
    active: function () {
      return step !== 0;
    },
    expire: function (now) {
      if (!step || now < until) return false;
      end("TIMEOUT", false);
      return true;
    },
    deadline: function () {
      return step ? until : undefined;
    },
    cancel: function () {
      end("", false);
    },
  };
}
