// A timeline told in plain words: what a person standing at the door would see and hear, one line per
// moment ("t=6.35s  green flash, beep"). Used by the CLI's --demo and by --narrate.
import type { Sample, Timeline } from "../engine";
import { lengthOf, pulsesOf } from "./pulses";

interface Item {
  t: number;
  /** a person's action starts its own line; the lock's feedback is grouped */
  who: "you" | "lock" | "motor";
  text: string;
}

/** feedback closer together than this is one moment */
const GROUP_GAP_MS = 700;
/** keys typed closer together than this are one entry */
const TYPING_GAP_MS = 1000;

const KEY_NAMES: Record<string, string> = { "#": "LOCK", "*": "CLEAR" };

export function positionAt(samples: Sample[], t: number): number {
  let p = samples.length > 0 ? samples[0].position : 0;
  for (const s of samples) {
    if (s.t > t) break;
    p = s.position;
  }
  return p;
}

export function boltWords(position: number): string {
  if (position <= 0.02) return "bolt retracted";
  if (position >= 0.98) return "bolt extended";
  return `bolt stopped at ${Math.round(position * 100)}%`;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : `${n} ${many}`;
}

function secondsText(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)}s`;
}

function items(timeline: Timeline, now: number): Item[] {
  const out: Item[] = [];
  for (const [kind, name] of [["red", "red"], ["green", "green"]] as const) {
    for (const p of pulsesOf(timeline.changes(kind))) {
      const len = lengthOf(p, now);
      out.push({ t: p.start, who: "lock", text: len > 1000 ? `${name} light for ${secondsText(len)}` : `${name} flash` });
    }
  }
  for (const p of pulsesOf(timeline.changes("buzzer"))) {
    out.push({ t: p.start, who: "lock", text: lengthOf(p, now) >= 800 ? "long beep" : "beep" });
  }
  const motor = timeline.events.filter((e) => e.kind === "motor") as Array<{ t: number; drive: string }>;
  motor.forEach((m, i) => {
    if (m.drive === "stop") return;
    const end = motor[i + 1] ? motor[i + 1].t : now;
    const still = end >= now && !motor[i + 1];
    out.push({
      t: m.t,
      who: "motor",
      text: still ? "motor running" : `motor runs ${secondsText(end - m.t)}: ${boltWords(positionAt(timeline.samples, end))}`,
    });
  });
  let typing: Item | undefined;
  let lastKeyAt = -Infinity;
  let programDownAt: number | undefined;
  for (const e of timeline.events) {
    if (e.kind === "key" && e.down) {
      const name = KEY_NAMES[e.key] ?? e.key;
      if (typing && e.t - lastKeyAt <= TYPING_GAP_MS) typing.text += ` ${name}`;
      else {
        typing = { t: e.t, who: "you", text: `you press ${name}` };
        out.push(typing);
      }
      lastKeyAt = e.t;
    } else if (e.kind === "program") {
      if (e.down) programDownAt = e.t;
      else if (programDownAt !== undefined) {
        const held = e.t - programDownAt;
        out.push({ t: programDownAt, who: "you", text: held >= 1000 ? `you hold Program for ${secondsText(held)}` : "you press Program" });
        programDownAt = undefined;
      }
    } else if (e.kind === "power") {
      out.push({ t: e.t, who: "you", text: e.on ? "batteries in" : "batteries out" });
    } else if (e.kind === "note") {
      out.push({ t: e.t, who: "you", text: e.text });
    }
  }
  if (programDownAt !== undefined) out.push({ t: programDownAt, who: "you", text: "you hold Program down" });
  // at the same instant, what the person did comes first (batteries in, then the motor runs)
  const rank = { you: 0, motor: 1, lock: 2 };
  return out.sort((a, b) => a.t - b.t || rank[a.who] - rank[b.who]);
}

/** "2 green flashes, 2 beeps" from a group of feedback items */
function summarise(group: Item[]): string {
  const counts = new Map<string, number>();
  for (const item of group) counts.set(item.text, (counts.get(item.text) ?? 0) + 1);
  const words: string[] = [];
  for (const [text, n] of counts) {
    const many = text.endsWith("flash") ? `${text}es` : text.endsWith("beep") ? `${text}s` : text;
    words.push(text.includes("light for") ? text : plural(n, text, many));
  }
  return words.join(", ");
}

/** One line per moment, in time order. */
export function narrate(timeline: Timeline, now: number): string[] {
  const lines: string[] = [];
  let group: Item[] = [];
  const flush = () => {
    if (group.length > 0) lines.push(`t=${secondsText(group[0].t)}  ${summarise(group)}`);
    group = [];
  };
  for (const item of items(timeline, now)) {
    if (item.who === "lock") {
      if (group.length > 0 && item.t - group[group.length - 1].t > GROUP_GAP_MS) flush();
      group.push(item);
      continue;
    }
    flush();
    lines.push(`t=${secondsText(item.t)}  ${item.text}`);
  }
  flush();
  return lines;
}
