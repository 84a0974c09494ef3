// The lock's persistent state: one record, so that one atomic write (firmware/store.ts) covers every
// change, a factory reset included.
import type { Drive } from "../hal/types";
import type { Settings } from "./config";

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
  codes: string[];
  /** "" = no mastercode */
  master: string;
  settings: Settings;
  lockout: LockoutRecord;
  handing: Handing | null;
}

/** The settings in the order of their programming-menu digits 1-4 (SPEC 4), which is also their stored order. */
export function settingKeys(): (keyof Settings)[] {
  return ["autoLock", "audio", "oneTouch", "statusLed"];
}

/** The state of a new or factory-reset lock: no codes, no mastercode, default settings, no handing. */
export function defaultRecord(defaults: Settings): LockRecord {
  return {
    codes: [],
    master: "",
    settings: {
      autoLock: defaults.autoLock,
      audio: defaults.audio,
      oneTouch: defaults.oneTouch,
      statusLed: defaults.statusLed,
    },
    lockout: { active: false, lastMs: 0 },
    handing: null,
  };
}
