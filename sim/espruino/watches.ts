// setWatch/clearWatch as Espruino 2v2x does them (src/jsinteractive.c, src/jswrap_io.c):
// - without debounce every level change is queued and runs the callback if its edge matches;
// - with debounce a change arms one timeout in the shared timer table; each further change pushes it
//   to `debounce` ms after the latest change; when it runs, the callback fires only if the level
//   differs from the last one the watch reported (and the edge matches), with `time` = the last change;
// - a cleared watch's pending debounce timeout still runs (Espruino keeps it), so a callback can come
//   after clearWatch; clearing a debounce timeout by a stale timer id kills that watch for good;
// - a chip woken from deep sleep by the edge handles it late (options.onEdge gives the delay), with the edge's
//   own time and level, as Espruino's interrupt records them (src/jsdevices.c jshPushIOWatchEvent).
// Host code only.
import type { PinBank } from "./pins";
import type { Scheduler, Timer } from "./scheduler";

export interface WatchEventLike {
  state: boolean;
  time: number;
  lastTime: number | undefined;
}

interface Watch {
  id: number;
  pin: string;
  fn: (e: WatchEventLike) => void;
  /** 1 rising, -1 falling, 0 both */
  edge: number;
  repeat: boolean;
  debounce: number;
  /** the level last reported (or seen at setWatch) */
  state: boolean;
  lastTime: number | undefined;
  pending: { timer: Timer; state: boolean } | undefined;
}

export interface WatchTable {
  set(fn: unknown, pin: string, options: unknown): number | undefined;
  clear(args: unknown[]): void;
  count(): number;
  /** re-reads every watched pin and feeds real level changes to its watches */
  sense(): void;
}

export interface WatchTableOptions {
  /** STM32: two watched pins may not share a number (A0 and B0) */
  exclusivePinNumbers: boolean;
  warn: (msg: string) => void;
  /** a watched pin changed level (an interrupt): returns how many ms later the chip handles it */
  onEdge?: () => number;
  /** the image's callback is about to run */
  onCallback?: () => void;
  /** how far setTime moved the clock event times are read on, ms (default 0) */
  clockOffsetMs?: () => number;
}

function pinNumber(name: string): string | undefined {
  let i = 0;
  while (i < name.length && (name[i] < "0" || name[i] > "9")) i++;
  return i > 0 && i < name.length ? name.substring(i) : undefined;
}

function parseEdge(edge: unknown): number {
  if (edge === undefined || edge === "both") return 0;
  if (edge === "rising") return 1;
  if (edge === "falling") return -1;
  throw new TypeError("'edge' in setWatch should be a string - either 'rising', 'falling' or 'both'");
}

export function createWatchTable(pins: PinBank, scheduler: Scheduler, options: WatchTableOptions): WatchTable {
  const watches: Watch[] = []; // sorted by id
  /** the last level seen on each watched pin */
  const seen: Record<string, boolean> = {};

  function isWatched(pin: string): boolean {
    for (const w of watches) if (w.pin === pin) return true;
    return false;
  }

  function canWatch(pin: string): boolean {
    if (!options.exclusivePinNumbers || isWatched(pin)) return true;
    const n = pinNumber(pin);
    for (const w of watches) if (w.pin !== pin && n !== undefined && pinNumber(w.pin) === n) return false;
    return true;
  }

  function shouldRun(w: Watch, state: boolean): boolean {
    return w.edge === 0 || (w.edge > 0 && state) || (w.edge < 0 && !state);
  }

  function removeWatch(w: Watch) {
    const index = watches.indexOf(w);
    if (index >= 0) watches.splice(index, 1);
  }

  function deliver(w: Watch, state: boolean, timeMs: number) {
    const time = (timeMs + (options.clockOffsetMs ? options.clockOffsetMs() : 0)) / 1000;
    const lastTime = w.lastTime;
    w.lastTime = time; // updated whatever the edge, as Espruino does
    if (!shouldRun(w, state)) return;
    if (options.onCallback) options.onCallback();
    try {
      w.fn({ state: state, time: time, lastTime: lastTime });
    } finally {
      if (!w.repeat) removeWatch(w); // after the callback: inside it, clearWatch(ownId) still works
    }
  }

  function debounced(w: Watch) {
    const pending = w.pending;
    if (!pending) return;
    w.pending = undefined;
    const old = w.state;
    w.state = pending.state;
    if (old !== pending.state) deliver(w, pending.state, pending.timer.at - w.debounce);
  }

  /** handles a level change that happened at `edgeAt` (now, or earlier for a chip that was asleep) */
  function onChange(w: Watch, level: boolean, edgeAt: number) {
    if (w.debounce <= 0) {
      scheduler.queue(function () {
        if (watches.indexOf(w) >= 0) deliver(w, level, edgeAt);
      });
      return;
    }
    if (w.pending) {
      // a dead timer (cleared by a stale id) is retimed but never runs again, as on Espruino
      scheduler.retime(w.pending.timer, edgeAt + w.debounce);
      w.pending.state = level;
    } else if (level !== w.state) {
      const timer = scheduler.add("debounce", edgeAt + w.debounce, undefined, function () {
        debounced(w);
      });
      w.pending = { timer: timer, state: level };
    }
  }

  function sense() {
    const now = scheduler.now();
    const active = watches.slice();
    const checked: Record<string, boolean> = {};
    for (const w of active) {
      if (checked[w.pin]) continue;
      checked[w.pin] = true;
      const level = pins.level(w.pin);
      if (seen[w.pin] === level) continue;
      seen[w.pin] = level;
      const delay = options.onEdge ? options.onEdge() : 0;
      const pinWatches = active.filter((v) => v.pin === w.pin);
      if (delay <= 0) {
        for (const v of pinWatches) onChange(v, level, now);
        continue;
      }
      scheduler.queueAt(now + delay, function () {
        for (const v of pinWatches) if (watches.indexOf(v) >= 0) onChange(v, level, now);
      });
    }
  }

  function set(fn: unknown, pin: string, opts: unknown): number | undefined {
    if (typeof fn !== "function") throw new Error("Function or String not supplied!");
    if (!canWatch(pin)) {
      options.warn(
        "Unable to set watch. You may already have a watch on a pin with the same number (eg. A0 and B0)",
      );
      return undefined;
    }
    let repeat = false;
    let debounce = 0;
    let edge = 0;
    if (opts && typeof opts === "object") {
      const o = opts as { repeat?: unknown; debounce?: unknown; edge?: unknown };
      repeat = !!o.repeat;
      debounce = Number(o.debounce);
      if (!(debounce > 0)) debounce = 0;
      edge = parseEdge(o.edge);
    } else repeat = !!opts;
    const level = pins.read(pin); // an automatic pin becomes an input, as digitalRead makes it
    if (!isWatched(pin)) seen[pin] = level;
    const w: Watch = {
      id: watches.length ? watches[watches.length - 1].id + 1 : 1,
      pin: pin,
      fn: fn as (e: WatchEventLike) => void,
      edge: edge,
      repeat: repeat,
      debounce: debounce,
      state: level,
      lastTime: undefined,
      pending: undefined,
    };
    watches.push(w);
    return w.id;
  }

  function clear(args: unknown[]) {
    if (args.length === 0) {
      watches.splice(0, watches.length);
      return;
    }
    const id = args[0];
    if (id === undefined) throw new Error("clearWatch(undefined) not allowed. Use clearWatch() instead");
    for (const w of watches) {
      if (w.id === id) {
        removeWatch(w);
        return;
      }
    }
    throw new Error("Unknown Watch");
  }

  return {
    set: set,
    clear: clear,
    count: function () {
      return watches.length;
    },
    sense: sense,
  };
}
