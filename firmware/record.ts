// The lock's persistent state: one record, so that one atomic write covers every change, a factory
// reset included. Plain data; the store (hal/ storage layer) decides how it sits in flash.
import type { Drive } from "../hal/types";

/** What door handing learned: the drive that extends the bolt and the normal stroke times. */
export interface Handing {
  extend: Drive;
  extendMs: number;
  retractMs: number;
}

export interface LockoutRecord {
  /** a lockout was running when this was written: after a power cut it starts again in full */
  active: boolean;
  /** length of the running or the last lockout in ms; 0 = no escalation pending */
  lastMs: number;
}

export interface LockRecord {
  /** user codes by slot: codes[0] is slot 1; "" is an empty slot (never the last element) */
  codes: string[];
  /** "" = no mastercode */
  master: string;
  /** Setting bits */
  settings: number;
  lockout: LockoutRecord;
  handing: Handing | null;
  /** a "paired" radio board: the six-digit passkey set at the keypad (absent: none set; never printed) */
  passkey?: string;
}

/** The settings, one bit each; bit n is the programming-menu digit n + 1 (SPEC 4). */
export const enum Setting {
  AUTO_LOCK = 1,
  AUDIO = 2,
  ONE_TOUCH = 4,
  STATUS_LED = 8,
  ALL = 15,
}

/** The setting names, in menu-digit order: how the record keeps them in flash. */
export function settingKeys(): string[] {
  return ["autoLock", "audio", "oneTouch", "statusLed"];
}

/** The state of a new or factory-reset lock: no codes, no mastercode, default settings, no handing. */
export function defaultRecord(): LockRecord {
  return {
    codes: [],
    master: "",
    settings:
      (CFG.defaults.autoLock ? Setting.AUTO_LOCK : 0) |
      (CFG.defaults.audio ? Setting.AUDIO : 0) |
      (CFG.defaults.oneTouch ? Setting.ONE_TOUCH : 0) |
      (CFG.defaults.statusLed ? Setting.STATUS_LED : 0),
    lockout: { active: false, lastMs: 0 },
    handing: null,
  };
}
