// The lock's own account of what it did, for the bench's event log and the SVG: today its `[latchkey] ...`
// console lines. When the firmware keeps an event log (Latchkey.log(n), issue 12), structured events come in
// here (fill `kind` and `fields`) and every view that lists events follows.
import type { Timeline } from "../engine";

export const LOCK_PREFIX = "[latchkey] ";

export interface LockEvent {
  /** simulation time, ms */
  t: number;
  /** what the lock said, without the prefix: "handing ok: extend A 810/715 ms" */
  text: string;
  /** a console line today; "log" for an entry of the firmware's event log */
  source: "console" | "log";
  /** the event's kind ("unlock", "lockout", ...) once the firmware names it */
  kind?: string;
  fields?: Record<string, string | number>;
}

/** the lock's events from its console lines */
export function lockEvents(timeline: Timeline, from = 0, to = Infinity): LockEvent[] {
  const out: LockEvent[] = [];
  for (const line of timeline.logs(from, to)) {
    if (line.text.startsWith(LOCK_PREFIX)) out.push({ t: line.t, text: line.text.slice(LOCK_PREFIX.length), source: "console" });
  }
  return out;
}
