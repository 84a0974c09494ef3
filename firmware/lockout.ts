// Wrong-code counting and keypad lockout (SPEC 3): three wrong codes within 60 s lock the keypad for
// 60 s; after a lockout, each wrong code before a valid one starts the next at once, twice as long, up
// to 960 s. The running lockout and the escalation are persisted through the record.
import type { LockConfig } from "./config";
import type { LockoutRecord } from "./record";

export interface Lockout {
  /** a wrong code (or wrong mastercode) at now: true when it starts a lockout */
  wrong(now: number): boolean;
  /** a valid code: clears the count and the escalation; true when the record changed */
  valid(): boolean;
  active(): boolean;
  /** the lockout ended by now: true when it did (the record changed) */
  expire(now: number): boolean;
  deadline(): number | undefined;
  record(): LockoutRecord;
  /** erase everything (factory reset) */
  reset(): void;
}

export function createLockout(config: LockConfig, stored: LockoutRecord, now: number): Lockout {
  let lastMs = stored.lastMs;
  // a lockout that was running when power went starts again in full
  let until = stored.active && lastMs > 0 ? now + lastMs : 0;
  let wrongTimes: number[] = [];

  function start(ms: number, at: number) {
    lastMs = ms;
    until = at + ms;
    wrongTimes = [];
  }

  return {
    wrong: function (at) {
      if (until) return false;
      if (lastMs > 0) {
        start(Math.min(lastMs * 2, config.maxLockoutMs), at);
        return true;
      }
      wrongTimes = wrongTimes.filter(function (t) {
        return at - t < config.wrongCodeWindowMs;
      });
      wrongTimes.push(at);
      if (wrongTimes.length >= config.wrongCodesForLockout) {
        start(config.lockoutMs, at);
        return true;
      }
      return false;
    },
    valid: function () {
      wrongTimes = [];
      if (lastMs === 0 || until) return false;
      lastMs = 0;
      return true;
    },
    active: function () {
      return until !== 0;
    },
    expire: function (at) {
      if (!until || at < until) return false;
      until = 0;
      return true;
    },
    deadline: function () {
      return until ? until : undefined;
    },
    record: function () {
      return { active: until !== 0, lastMs: lastMs };
    },
    reset: function () {
      until = 0;
      lastMs = 0;
      wrongTimes = [];
    },
  };
}
