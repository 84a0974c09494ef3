// Time as a service over Espruino's timers. now() is whole milliseconds: getTime()*1000 is a float
// (1.001 s gives 1000.9999999999999), and a deadline compared against it could miss by a hair and spin.
import type { Clock, TimerId } from "../types";

export function createClock(): Clock {
  return {
    now: function () {
      return Math.round(getTime() * 1000);
    },
    setTimeout: function (fn: () => void, ms: number): TimerId {
      return setTimeout(fn, ms);
    },
    // Espruino throws for an undefined id; an id that already fired is ignored. Ids are reused once
    // freed, so callers must forget an id when its timer fires.
    clearTimeout: function (id: TimerId) {
      if (id) clearTimeout(id as number);
    },
    setInterval: function (fn: () => void, ms: number): TimerId {
      return setInterval(fn, ms);
    },
    clearInterval: function (id: TimerId) {
      if (id) clearInterval(id as number);
    },
  };
}
