// What happened, in words, for a person at the bench: the patterns the lock played (named from the pulses,
// ./feedback.ts), where each stroke left the bolt, batteries in and out, what changed in Latchkey.status()
// (a code added, the battery level), and the lock's errors. Everything comes from what can be observed (pins,
// the model, console lines, the event log the image writes), so it keeps working whatever the firmware does inside.
import type { Timeline, TimelineEvent } from "../engine";
import { boltWords, positionAt } from "../scenario/narrate";
import { lockEvents } from "./events";
import { moments, Played } from "./feedback";

export interface HistoryEntry {
  t: number;
  text: string;
}

/** SPEC 3: a partial entry is dropped after 5 s with no key */
const ENTRY_TIMEOUT_MS = 5000;

function seconds(ms: number): string {
  return `${+(ms / 1000).toFixed(1)} s`;
}

function playedText(p: Played, timeline: Timeline): string {
  const silent = p.silent ? " (no sound)" : "";
  if (p.name === undefined) return `${p.words} (no SPEC pattern)`;
  if (p.name === "STATUS_LED") return `status LED: ${p.words}`;
  if (p.name === "RED_FLASH") return `red flash: keypad locked out`;
  if (p.name === "LOCKOUT") {
    // the event log says how long, as the lock starts it
    const said = lockEvents(timeline, p.start - 1500, p.end).find((e) => e.kind === "lockout");
    return `LOCKOUT${said ? ` ${said.entry.arg} s` : ""}${silent}: ${p.words}`;
  }
  return `${p.name}${silent}: ${p.words}`;
}

interface Status {
  codes?: number;
  lockedOut?: boolean;
  battery?: { level?: string };
}

function statusChanges(timeline: Timeline): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  let last: Status | undefined;
  for (const e of timeline.events) {
    if (e.kind === "power") last = undefined;
    if (e.kind !== "status" || typeof e.status !== "object" || e.status === null) continue;
    const s = e.status as Status;
    if (last) {
      if (typeof s.codes === "number" && typeof last.codes === "number" && s.codes !== last.codes) {
        const added = lockEvents(timeline, e.t - 2000, e.t).find((l) => l.kind === "code added");
        const count = `${s.codes} code${s.codes === 1 ? "" : "s"}`;
        if (s.codes > last.codes) out.push({ t: e.t, text: added ? `code added in slot ${added.entry.arg} (${count})` : `code added (${count})` });
        else if (s.codes === 0 && last.codes > 1) out.push({ t: e.t, text: "all codes deleted" });
        else out.push({ t: e.t, text: `code deleted (${count} left)` });
      }
      if (last.lockedOut === true && s.lockedOut === false) out.push({ t: e.t, text: "lockout over" });
      const level = s.battery?.level;
      if (level !== undefined && level !== last.battery?.level) out.push({ t: e.t, text: `battery ${level}` });
    }
    last = s;
  }
  return out;
}

function strokes(timeline: Timeline, now: number): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  const motor = timeline.events.filter((e) => e.kind === "motor") as Array<Extract<TimelineEvent, { kind: "motor" }>>;
  motor.forEach((m, i) => {
    const next = motor[i + 1];
    if (m.drive === "stop" || !next || next.t > now) return;
    out.push({ t: next.t, text: `${boltWords(positionAt(timeline.samples, next.t))} (motor ${seconds(next.t - m.t)})` });
  });
  return out;
}

function happenings(timeline: Timeline): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  let programDown = false;
  for (const e of timeline.events) {
    if (e.kind === "program") programDown = e.down;
    else if (e.kind === "power") out.push({ t: e.t, text: e.on ? (programDown ? "batteries in, Program held" : "batteries in") : "batteries out" });
    else if (e.kind === "note") out.push({ t: e.t, text: e.text });
    else if (e.kind === "log" && /^Uncaught|error|LOW MEMORY/.test(e.text)) out.push({ t: e.t, text: e.text });
  }
  return out;
}

/** Everything worth telling, in time order; a line repeated at once is counted: "status LED: green flash (x4)". */
export function history(timeline: Timeline, now: number): HistoryEntry[] {
  const played: HistoryEntry[] = [];
  for (const m of moments(timeline, now)) for (const p of m.played) played.push({ t: p.start, text: playedText(p, timeline) });
  const all = [...happenings(timeline), ...strokes(timeline, now), ...played, ...statusChanges(timeline)].sort((a, b) => a.t - b.t);
  const out: Array<HistoryEntry & { repeats: number; base: string }> = [];
  for (const entry of all) {
    const last = out[out.length - 1];
    if (last && last.base === entry.text) {
      last.repeats++;
      last.text = `${entry.text} (x${last.repeats})`;
    } else out.push({ ...entry, repeats: 1, base: entry.text });
  }
  return out.map(({ t, text }) => ({ t, text }));
}

/** How many digits have been typed into the entry that LOCK would submit now (CLEAR, LOCK, 5 s or power end it). */
export function digitsTyped(timeline: Timeline, now: number): number {
  let digits = 0;
  let lastKey = -Infinity;
  for (const e of timeline.events) {
    if (e.t > now) break;
    if (e.kind === "power") digits = 0;
    if (e.kind !== "key" || !e.down) continue;
    if (e.t - lastKey > ENTRY_TIMEOUT_MS) digits = 0;
    lastKey = e.t;
    if (e.key === "#" || e.key === "*") digits = 0;
    else digits++;
  }
  return now - lastKey > ENTRY_TIMEOUT_MS ? 0 : digits;
}
