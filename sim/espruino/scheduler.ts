// Virtual time for the fake Espruino: one timer table shared by timeouts, intervals and watch debounce
// timeouts (as Espruino's own timer array is), a queue of pin events, and Espruino's "Uncaught" handling.
// Ids are allocated as Espruino does: one more than the highest live id, or 1 when none is live, so a
// stale id can name a newer timer. Host code only; not part of the image.

export type TimerKind = "timeout" | "interval" | "debounce";

export interface Timer {
  id: number;
  kind: TimerKind;
  /** due time, ms */
  at: number;
  /** tie-break among timers due at the same ms: the one (re)scheduled first runs first */
  seq: number;
  /** ms between runs once fired; undefined = fire once */
  interval: number | undefined;
  fire: () => void;
}

export interface Scheduler {
  now(): number;
  add(kind: TimerKind, at: number, interval: number | undefined, fire: () => void): Timer;
  /** the timer with this id if it is still in the table */
  find(id: unknown): Timer | undefined;
  isLive(timer: Timer): boolean;
  retime(timer: Timer, at: number): void;
  remove(timer: Timer): void;
  timers(): Timer[];
  /** a pin event to deliver at the current time, before any timer */
  queue(fn: () => void): void;
  /** a pin event to deliver later (a chip waking from deep sleep handles it late); it takes no timer id */
  queueAt(at: number, fn: () => void): void;
  /** runs fn as Espruino runs a callback: an exception is recorded as "Uncaught ..." and goes no further */
  guard(fn: () => void): void;
  uncaught(): string[];
  /** runs everything due up to now + ms, in time order; new timers armed on the way run too if due */
  advance(ms: number): void;
  /** true while advance() is delivering events */
  running(): boolean;
}

export interface SchedulerHooks {
  /** called whenever virtual time moves forward */
  onTime?: (from: number, to: number) => void;
  /** called after each callback (pin levels may have changed) */
  afterCallback?: () => void;
  /** every "Uncaught ..." line also goes here (the console log) */
  onUncaught?: (line: string) => void;
  /** errors that must not be swallowed as "Uncaught" (a power cut stops the CPU): they leave advance() */
  isFatal?: (err: unknown) => boolean;
  /** called just before a due timer runs (it wakes the chip) */
  beforeTimer?: (timer: Timer) => void;
}

/** more callbacks than this at one instant of virtual time means something re-arms itself forever */
const RUNAWAY_LIMIT = 10000;

function describeError(err: unknown): string {
  const e = err as { name?: unknown; message?: unknown } | undefined;
  if (e && typeof e === "object" && typeof e.message === "string") {
    return (typeof e.name === "string" ? e.name : "Error") + ": " + e.message;
  }
  return typeof err === "string" ? JSON.stringify(err) : String(err);
}

export function createScheduler(startMs: number, hooks: SchedulerHooks): Scheduler {
  let time = startMs;
  let seq = 0;
  let busy = false;
  const table: Timer[] = []; // sorted by id
  const events: Array<() => void> = [];
  /** pin events deferred to a later time, in time order */
  const later: Array<{ at: number; fn: () => void }> = [];
  const uncaughtLines: string[] = [];

  function nextId(): number {
    return table.length ? table[table.length - 1].id + 1 : 1;
  }

  function guard(fn: () => void) {
    try {
      fn();
    } catch (err) {
      if (hooks.isFatal && hooks.isFatal(err)) throw err;
      const line = "Uncaught " + describeError(err);
      uncaughtLines.push(line);
      if (hooks.onUncaught) hooks.onUncaught(line);
    }
    if (hooks.afterCallback) hooks.afterCallback();
  }

  function moveTo(to: number) {
    if (to <= time) return;
    const from = time;
    time = to;
    if (hooks.onTime) hooks.onTime(from, to);
  }

  function earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of table) {
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }

  function fireTimer(t: Timer) {
    const firedAt = t.at;
    if (hooks.beforeTimer) hooks.beforeTimer(t);
    guard(t.fire);
    const index = table.indexOf(t);
    if (index < 0) return; // cleared inside its own callback
    // like Espruino, the interval is read after the callback, and counts from when it was due
    if (t.interval !== undefined) {
      t.at = firedAt + t.interval;
      t.seq = seq++;
    } else table.splice(index, 1);
  }

  function advance(ms: number) {
    if (busy) throw new Error("advance() called from inside a callback");
    const target = time + (ms > 0 ? ms : 0);
    busy = true;
    let steps = 0;
    let stepsAt = time;
    try {
      for (;;) {
        if (time !== stepsAt) {
          steps = 0;
          stepsAt = time;
        }
        if (++steps > RUNAWAY_LIMIT) {
          throw new Error("fake Espruino: runaway: " + RUNAWAY_LIMIT + " callbacks at " + time + " ms without time passing");
        }
        const event = events.shift();
        if (event) {
          guard(event);
          continue;
        }
        const t = earliest();
        const deferred = later[0];
        if (deferred && deferred.at <= target && (!t || deferred.at <= t.at)) {
          later.shift();
          moveTo(deferred.at);
          guard(deferred.fn);
          continue;
        }
        if (!t || t.at > target) break;
        moveTo(t.at);
        fireTimer(t);
      }
      moveTo(target);
    } finally {
      busy = false;
    }
  }

  return {
    now: function () {
      return time;
    },
    add: function (kind, at, interval, fire) {
      const t: Timer = { id: nextId(), kind: kind, at: at, seq: seq++, interval: interval, fire: fire };
      table.push(t);
      return t;
    },
    find: function (id) {
      for (const t of table) if (t.id === id) return t;
      return undefined;
    },
    isLive: function (timer) {
      return table.indexOf(timer) >= 0;
    },
    retime: function (timer, at) {
      timer.at = at;
      timer.seq = seq++;
    },
    remove: function (timer) {
      const index = table.indexOf(timer);
      if (index >= 0) table.splice(index, 1);
    },
    timers: function () {
      return table.slice();
    },
    queue: function (fn) {
      events.push(fn);
    },
    queueAt: function (at, fn) {
      let i = later.length;
      while (i > 0 && later[i - 1].at > at) i--;
      later.splice(i, 0, { at: at, fn: fn });
    },
    guard: guard,
    uncaught: function () {
      return uncaughtLines.slice();
    },
    advance: advance,
    running: function () {
      return busy;
    },
  };
}
