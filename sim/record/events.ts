// The lock's own account of what it did: the entries the image appended to its event log in flash
// (firmware/journal.ts), as the simulator saw them written (Simulation, Timeline.journal). The one place the
// bench's event panel, the SVG's labels, the terminal view and the scenario language get events from.
import type { JournalEntry, Timeline } from "../engine";
import { eventText, kindName } from "../../tools/journal/format";

export interface LockEvent {
  /** simulation time the entry was written, ms */
  t: number;
  /** what happened, as make log says it: "unlock slot 1", "lockout 60 s", "setting audio on" */
  text: string;
  /** the kind's name: "unlock", "lockout", ... */
  kind: string;
  /** the entry as the log keeps it: EventKind, its arg, the power-up count and seconds since that power-up */
  entry: JournalEntry;
}

/** the lock's events from its event log, in the order written */
export function lockEvents(timeline: Timeline, from = 0, to = Infinity): LockEvent[] {
  return timeline.journal(from, to).map(({ t, event }) => ({ t, text: eventText(event.kind, event.arg), kind: kindName(event.kind), entry: event }));
}
