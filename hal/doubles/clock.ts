// A virtual clock for host tests: time moves only in advance(), and due timers run in time order
// (timers armed by a callback run too if they fall due). Like Espruino, an id is one above the highest
// pending id, or 1, so a stale id kept after its timer fired can name a newer timer; clearing undefined
// or a fired id is a no-op, as the Espruino HAL clock makes it.
import type { TimerId } from "../types";

/** Time as a service: ms, and one-shot and periodic timers (the clock half of the HAL). */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
  setInterval(fn: () => void, ms: number): TimerId;
  clearInterval(id: TimerId): void;
}

export interface ClockDouble extends Clock {
  advance(ms: number): void;
  /** timeouts and intervals waiting to run */
  pending(): number;
  /** drop every timer (a power cut) */
  reset(): void;
  /** called as time passes, in steps of at most maxStep() ms: a physical model moves with time */
  onStep?: (dtMs: number) => void;
  maxStep?: () => number;
}

interface PendingTimer {
  id: number;
  at: number;
  every: number | undefined;
  fn: () => void;
}

export function createClockDouble(startMs = 0): ClockDouble {
  let time = startMs;
  let timers: PendingTimer[] = [];

  function add(fn: () => void, ms: number, every: number | undefined): TimerId {
    const id = timers.reduce((max, t) => Math.max(max, t.id), 0) + 1;
    timers.push({ id, at: time + Math.max(0, ms), every, fn });
    return id;
  }

  function clear(id: TimerId) {
    timers = timers.filter((t) => t.id !== id);
  }

  /** the earliest due timer at or before `until`; the first armed wins a tie */
  function nextDue(until: number): PendingTimer | undefined {
    let next: PendingTimer | undefined;
    for (const t of timers) if (t.at <= until && (!next || t.at < next.at)) next = t;
    return next;
  }

  const self: ClockDouble = {
    now: () => time,
    setTimeout: (fn, ms) => add(fn, ms, undefined),
    setInterval: (fn, ms) => add(fn, ms, Math.max(1, ms)),
    clearTimeout: clear,
    clearInterval: clear,
    pending: () => timers.length,
    reset() {
      timers = [];
    },
    advance(ms: number) {
      const until = time + ms;
      let sameInstant = 0;
      let instant = time;
      for (;;) {
        const t = nextDue(until);
        // with a physical model, time moves in steps up to the next timer (or the end)
        const stepTo = Math.min(t ? t.at : until, self.maxStep ? time + self.maxStep() : Infinity);
        if (stepTo > time) {
          const dt = stepTo - time;
          time = stepTo;
          if (self.onStep) self.onStep(dt);
          continue;
        }
        if (!t) break;
        sameInstant = time === instant ? sameInstant + 1 : 0;
        instant = time;
        if (sameInstant > 10000) throw new Error("clock double: timers re-arm at " + time + " ms forever");
        if (t.every === undefined) clear(t.id);
        else t.at += t.every;
        t.fn();
      }
      time = until;
    },
  };
  return self;
}
