// Programming with the interior Program button (SPEC 4). One Program press allows one operation: the
// dialogue ends with its OK, FAIL or TIMEOUT. Every step allows programTimeoutMs between key presses.
// The change is made to the record at once; the lock saves it and confirms only what was written.
import type { Key } from "../hal/types";
import { findCode, isDigits } from "./codes";
import { Pattern } from "./patterns";
import { Setting } from "./record";
import { L } from "./state";
import { EventKind } from "./types";

/** Steps of the dialogue. "menu" is the first after entering (and after the mastercode). */
const enum Step {
  NONE = 0,
  MASTER = 1, // mastercode + LOCK before anything else
  MENU = 2, // digits + LOCK adds; CLEAR + LOCK deletes; CLEAR d + LOCK: setting or delete all
  DELETE_FIRST = 3,
  DELETE_SECOND = 4,
  DELETE_ALL_AGAIN = 5,
  OLD_MASTER = 6,
  NEW_MASTER_FIRST = 7,
  NEW_MASTER_SECOND = 8,
  /** a "paired" radio board: the radio passkey (6 digits) + LOCK, twice */
  PASSKEY_FIRST = 9,
  PASSKEY_SECOND = 10,
}

/** The menu digits of the radio (CLEAR d + LOCK), on a "paired" radio board only. */
const enum RadioMenu {
  PASSKEY = "8",
  PAIR = "9",
  PASSKEY_LENGTH = 6,
}

/** progKey's answer when the dialogue has ended: the pattern, + CHANGED when the record changed, or
 * + WRONG_MASTER when it ended on a wrong mastercode. */
export const enum Outcome {
  CONTINUES = 0,
  CHANGED = 256,
  WRONG_MASTER = 512,
  /** the pairing window opens (a "paired" radio board) */
  PAIR = 1024,
}

function nextStep(step: Step) {
  const pg = L.pg;
  pg.step = step;
  L.digits = "";
  L.overflow = false;
  pg.cleared = false;
  pg.until = L.now + CFG.programTimeoutMs;
}

/** Ends the dialogue; `event` is what the log gets once the change is saved. */
function end(pattern: Pattern, event: EventKind | 0, arg: number): number {
  L.pg.step = Step.NONE;
  L.pg.remembered = "";
  L.pg.event = event;
  L.pg.eventArg = arg;
  return pattern + (event ? Outcome.CHANGED : 0);
}

/** Enters programming: `hold` = Program held programHoldMs (set the mastercode). Returns the pattern. */
export function progBegin(hold: boolean): Pattern {
  const master = L.rec.master;
  L.pg.masterOk = false;
  L.pg.remembered = "";
  nextStep(hold ? (master ? Step.OLD_MASTER : Step.NEW_MASTER_FIRST) : master ? Step.MASTER : Step.MENU);
  return !hold && master ? Pattern.PROGRAM_MASTER : Pattern.PROGRAM;
}

/** A key during programming: Outcome.CONTINUES, or the dialogue's ending (pattern + CHANGED). */
export function progKey(key: Key): number {
  const pg = L.pg;
  if (!pg.step) return Outcome.CONTINUES;
  pg.until = L.now + CFG.programTimeoutMs;
  if (key === "C") {
    L.digits = "";
    L.overflow = false;
    pg.cleared = true;
    return Outcome.CONTINUES;
  }
  if (key !== "L") {
    if (L.digits.length < CFG.maxCodeLength) L.digits += key;
    else L.overflow = true;
    return Outcome.CONTINUES;
  }
  // LOCK submits the entry
  const rec = L.rec;
  // an entry that ran past maxCodeLength is never a valid code
  const code = L.overflow ? "" : L.digits;
  const step = pg.step;
  if (step === Step.MASTER || step === Step.OLD_MASTER) {
    // a wrong mastercode counts towards the keypad lockout (the lock decides: FAIL or LOCKOUT)
    if (code === "" || code !== rec.master) return end(Pattern.FAIL, 0, 0) + Outcome.WRONG_MASTER;
    pg.masterOk = true;
    nextStep(step === Step.MASTER ? Step.MENU : Step.NEW_MASTER_FIRST);
  } else if (step === Step.MENU && !pg.cleared) {
    // add a user code, in the first empty slot: not a duplicate, not the mastercode, the table not full
    let at = rec.codes.indexOf("");
    if (at < 0) at = rec.codes.length;
    if (!isDigits(code, CFG.minCodeLength, CFG.maxCodeLength) || findCode(rec, code) || code === rec.master || at >= CFG.maxUserCodes) return end(Pattern.FAIL, 0, 0);
    rec.codes[at] = code;
    return end(Pattern.OK, EventKind.CODE_ADDED, at + 1);
  } else if (step === Step.MENU && code === "" && !L.overflow) nextStep(Step.DELETE_FIRST);
  else if (step === Step.MENU && code === "0") {
    if (!pg.masterOk) return end(Pattern.FAIL, 0, 0);
    nextStep(Step.DELETE_ALL_AGAIN);
  } else if (BOARD.radio === "paired" && step === Step.MENU && code === RadioMenu.PASSKEY) nextStep(Step.PASSKEY_FIRST);
  else if (BOARD.radio === "paired" && step === Step.MENU && code === RadioMenu.PAIR) {
    // no passkey yet: nothing could pair
    if (!rec.passkey) return end(Pattern.FAIL, 0, 0);
    return end(Pattern.PAIRING, 0, 0) + Outcome.PAIR;
  } else if (step === Step.MENU) {
    // CLEAR and a menu digit: toggle that setting
    const digit = code.length === 1 ? code.charCodeAt(0) - 48 : 0;
    const bit = 1 << (digit - 1);
    if (!(digit >= 1 && bit <= Setting.ALL)) return end(Pattern.FAIL, 0, 0);
    rec.settings ^= bit;
    const on = (rec.settings & bit) !== 0;
    return end(on ? Pattern.OK : Pattern.SETTING_OFF, EventKind.SETTING, digit * 2 + (on ? 1 : 0));
  } else if (step === Step.DELETE_FIRST) {
    // both entries come before the verdict, so the second is never taken for a keypad code
    pg.remembered = code;
    nextStep(Step.DELETE_SECOND);
  } else if (step === Step.DELETE_SECOND) {
    const slot = code === pg.remembered ? findCode(rec, code) : 0;
    if (!slot) return end(Pattern.FAIL, 0, 0);
    rec.codes[slot - 1] = "";
    // no empty slot at the end
    while (rec.codes.length && rec.codes[rec.codes.length - 1] === "") rec.codes.pop();
    return end(Pattern.OK, EventKind.CODE_DELETED, slot);
  } else if (step === Step.DELETE_ALL_AGAIN) {
    if (!pg.cleared || code !== "0") return end(Pattern.FAIL, 0, 0);
    rec.codes = [];
    return end(Pattern.OK, EventKind.DELETE_ALL, 0);
  } else if (step === Step.NEW_MASTER_FIRST) {
    // the mastercode never unlocks, so it must not shadow a user code
    if (!isDigits(code, CFG.minCodeLength, CFG.maxCodeLength) || findCode(rec, code)) return end(Pattern.FAIL, 0, 0);
    pg.remembered = code;
    nextStep(Step.NEW_MASTER_SECOND);
  } else if (BOARD.radio === "paired" && step === Step.PASSKEY_FIRST) {
    if (!isDigits(code, RadioMenu.PASSKEY_LENGTH, RadioMenu.PASSKEY_LENGTH)) return end(Pattern.FAIL, 0, 0);
    pg.remembered = code;
    nextStep(Step.PASSKEY_SECOND);
  } else if (BOARD.radio === "paired" && step === Step.PASSKEY_SECOND) {
    if (code !== pg.remembered) return end(Pattern.FAIL, 0, 0);
    rec.passkey = code;
    return end(Pattern.OK, EventKind.PASSKEY_SET, 0);
  } else {
    if (code !== pg.remembered) return end(Pattern.FAIL, 0, 0);
    rec.master = code;
    return end(Pattern.OK, EventKind.MASTER_SET, 0);
  }
  return Outcome.CONTINUES;
}
