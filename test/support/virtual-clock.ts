// Virtual time for host tests: a Clock whose timers fire only when the test advances time. Physics
// runs in small steps while something moves (onStep), and time jumps from timer to timer otherwise.
import type { Clock, TimerId } from "../../hal/types";

interface Timer {
  id: number;
  due: number;
  every: number;
  fn: () => void;
}

export interface VirtualClock extends Clock {
  advance(ms: number): void;
  /** timers and intervals armed now */
  armed(): number;
  /** drop every timer (power cut) */
  reset(): void;
  /** called as time passes, with the step in ms */
  onStep?: (dtMs: number) => void;
  /** the largest step physics tolerates now (1 while the motor runs) */
  maxStep?: () => number;
}

export function createVirtualClock(): VirtualClock {
  let now = 0;
  let nextId = 1;
  let timers: Timer[] = [];

  function add(fn: () => void, ms: number, every: number): TimerId {
    const t = { id: nextId++, due: now + Math.max(0, ms), every, fn };
    timers.push(t);
    return t.id;
  }
  function remove(id: TimerId) {
    if (id === undefined) throw new Error("clear of an undefined timer id (Espruino throws)");
    timers = timers.filter((t) => t.id !== id);
  }

  const clock: VirtualClock = {
    now: () => now,
    setTimeout: (fn, ms) => add(fn, ms, 0),
    setInterval: (fn, ms) => add(fn, ms, Math.max(1, ms)),
    clearTimeout: remove,
    clearInterval: remove,
    armed: () => timers.length,
    reset() {
      timers = [];
    },
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = timers.reduce((m, t) => Math.min(m, t.due), Infinity);
        const limit = clock.maxStep ? clock.maxStep() : 50;
        const target = Math.min(end, due, now + limit);
        if (target > now) {
          const dt = target - now;
          now = target;
          if (clock.onStep) clock.onStep(dt);
        }
        const ready = timers.filter((t) => t.due <= now).sort((a, b) => a.due - b.due || a.id - b.id)[0];
        if (ready) {
          if (ready.every) ready.due += ready.every;
          else timers = timers.filter((t) => t !== ready);
          ready.fn();
          continue;
        }
        if (now >= end) return;
      }
    },
  };
  return clock;
}
