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

/** What the lockout remembers between events; plain data, kept while the lock sleeps. */
export interface LockoutMemory {
  /** length of the running or the last lockout in ms; 0 = no escalation pending */
  lastMs: number;
  /** when the running lockout ends; 0 = none running */
  until: number;
  /** times of the wrong codes since the last lockout or valid code */
  wrongTimes: number[];
}

/** The lockout at power-up, from the record: a lockout that was running when power went starts again in full. */
export function lockoutAtPowerUp(stored: LockoutRecord, now: number): LockoutMemory {
  return { lastMs: stored.lastMs, until: stored.active && stored.lastMs > 0 ? now + stored.lastMs : 0, wrongTimes: [] };
}

export function createLockout(config: LockConfig, m: LockoutMemory): Lockout {
  function start(ms: number, at: number) {
    m.lastMs = ms;
    m.until = at + ms;
    m.wrongTimes = [];
  }

  return {
    wrong: function (at) {
      if (m.until) return false;
      if (m.lastMs > 0) {
        start(Math.min(m.lastMs * 2, config.maxLockoutMs), at);
        return true;
      }
      const recent = m.wrongTimes.filter(function (t) {
        return at - t < config.wrongCodeWindowMs;
      });
      recent.push(at);
      m.wrongTimes = recent;
      if (recent.length >= config.wrongCodesForLockout) {
        start(config.lockoutMs, at);
        return true;
      }
      return false;
    },
    valid: function () {
      m.wrongTimes = [];
      if (m.lastMs === 0 || m.until) return false;
      m.lastMs = 0;
      return true;
    },
    active: function () {
      return m.until !== 0;
    },
    expire: function (at) {
      if (!m.until || at < m.until) return false;
      m.until = 0;
      return true;
    },
    deadline: function () {
      return m.until ? m.until : undefined;
    },
    record: function () {
      return { active: m.until !== 0, lastMs: m.lastMs };
    },
    reset: function () {
      m.until = 0;
      m.lastMs = 0;
      m.wrongTimes = [];
    },
  };
}
