// A run's timeline drawn as an SVG a person can read like a logic analyser capture, on screen or printed to
// PNG: the names of the patterns the lock played over the red and green LED, buzzer and motor lanes; Program
// and the keys pressed (one label per entry, never overlapping); bolt position, battery voltage on a fixed
// scale and motor current; the lock's events and log lines numbered on the time axis and written out below it.
// Hover titles add exact times. The browser bench draws the same picture as it grows.
import type { Sample, Timeline } from "./engine";
import { lockEvents } from "./record/events";
import { moments, Played } from "./record/feedback";
import { pulsesOf, Pulse } from "./scenario/pulses";
import { LabelItem, LabelStyle, layoutLabels, textWidth } from "./svg-labels";

export interface SvgOptions {
  title?: string;
  /** drawing width in px of the time axis */
  width?: number;
  /** time range in ms; default the whole run */
  from?: number;
  to?: number;
  /** at most this many events written out below the axis (default 60) */
  maxListed?: number;
}

const LEFT = 130;
const RIGHT = 80;
const TOP = 40;
const DIGITAL_H = 22;
const ANALOG_H = 70;
const GAP = 8;
const LABEL_ROW_H = 14;
/** labels are monospace 11 px: 0.62 em per character, a little more than DejaVu Sans Mono's 0.60 */
const MONO = 11;
const CHAR_W = MONO * 0.62;
/** key presses closer than this are one entry, written as one label ("1234#") */
const ENTRY_GAP_MS = 1000;
/** the battery lane's fixed scale: a fresh 4xAA pack is 6.4 V, an empty one 3.6 V */
const BATTERY_SCALE: [number, number] = [3, 7];

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function fmt(n: number): string {
  return Number.isFinite(n) ? (Math.round(n * 10) / 10).toString() : "0";
}

/** a tick step of 1, 2 or 5 times a power of ten giving about `count` ticks over `range` ms */
function tickStep(range: number, count: number): number {
  const raw = range / count;
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

export function timeLabel(ms: number): string {
  if (ms < 120000) return `${+(ms / 1000).toFixed(3)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : ""}`;
}

/** what the lanes' pattern labels say */
function patternLabel(p: Played): string {
  if (p.name === "STATUS_LED") return "status";
  if (p.name === "RED_FLASH") return "locked out";
  if (p.name === undefined) return "?";
  return p.silent ? `${p.name} (silent)` : p.name;
}

/** key presses grouped into entries: "1234#" at the first key's time */
type Entry = LabelItem & { t: number; last: number };

function entries(timeline: Timeline, from: number, to: number): Entry[] {
  const out: Entry[] = [];
  for (const e of timeline.events) {
    if (e.kind !== "key" || !e.down || e.t < from || e.t > to) continue;
    const last = out[out.length - 1];
    if (last && e.t - last.last <= ENTRY_GAP_MS) {
      last.text += e.key;
      last.last = e.t;
    } else out.push({ t: e.t, last: e.t, x: 0, text: e.key });
  }
  return out;
}

/** a numbered mark on the events lane, written out in full below the axis */
interface Listed {
  t: number;
  text: string;
  kind: "event" | "log" | "note";
}

/** console lines of the lock's that its event log does not carry */
const TROUBLE = /error|fault|fail|memory|journal|running/i;

function listed(timeline: Timeline, from: number, to: number): Listed[] {
  // the lock's event log (its power-ups are drawn as lines of their own), then the console and the notes
  const out: Listed[] = lockEvents(timeline, from, to)
    .filter((e) => e.kind !== "power-up")
    .map((e) => ({ t: e.t, text: e.text, kind: "event" as const }));
  for (const e of timeline.events) {
    if (e.t < from || e.t > to) continue;
    if (e.kind === "note") out.push({ t: e.t, text: e.text, kind: "note" });
    if (e.kind !== "log" || e.text.startsWith("[sim] ")) continue; // power is drawn as a line of its own
    // the lock's own console lines say what its event log says, but for its troubles
    if (e.text.startsWith("[latchkey] ") && !TROUBLE.test(e.text)) continue;
    out.push({ t: e.t, text: e.text.replace(/^\[latchkey\] /, ""), kind: "log" });
  }
  return out.sort((a, b) => a.t - b.t);
}

/** per pixel column, only the first, lowest, highest and last samples: the same drawing from far fewer points */
function fewer(samples: Sample[], column: (s: Sample) => number, value: (s: Sample) => number): Sample[] {
  const out: Sample[] = [];
  for (let i = 0; i < samples.length; ) {
    let j = i;
    while (j < samples.length && column(samples[j]) === column(samples[i])) j++;
    const bucket = samples.slice(i, j);
    const low = bucket.reduce((a, b) => (value(b) < value(a) ? b : a));
    const high = bucket.reduce((a, b) => (value(b) > value(a) ? b : a));
    const keep = new Set([bucket[0], low, high, bucket[bucket.length - 1]]);
    for (const s of bucket) if (keep.has(s)) out.push(s);
    i = j;
  }
  return out;
}

export function renderSvg(timeline: Timeline, options: SvgOptions = {}): string {
  const lastT = Math.max(1000, ...timeline.events.map((e) => e.t), ...timeline.samples.map((s) => s.t));
  const from = options.from ?? 0;
  const to = Math.max(from + 1, options.to ?? lastT);
  const width = options.width ?? 1200;
  const x = (t: number) => LEFT + ((Math.min(Math.max(t, from), to) - from) / (to - from)) * width;
  const style = (rows: number): LabelStyle => ({ charWidth: CHAR_W, rows, gap: 6, right: LEFT + width + RIGHT - 4 });
  const back: string[] = [];
  const out: string[] = [];
  let y = TOP;
  let right = LEFT + width + RIGHT;

  const laneLabel = (label: string, h: number) => {
    back.push(`<text class="label" x="${LEFT - 8}" y="${fmt(y + h / 2 + 4)}" text-anchor="end">${escape(label)}</text>`);
    back.push(`<rect class="lane" x="${LEFT}" y="${y}" width="${width}" height="${h}" fill="#fafafa" stroke="#ddd"/>`);
  };

  /** labels in rows above a lane; returns the height used */
  const labelRows = (cls: string, items: LabelItem[], rows: number, color: string): number => {
    const placed = layoutLabels(items, style(rows));
    const used = placed.length === 0 ? 0 : Math.max(...placed.map((p) => p.row)) + 1;
    for (const p of placed) {
      right = Math.max(right, p.x + textWidth(p.text, style(rows)) + 4);
      out.push(`<text class="${cls}" x="${fmt(p.x)}" y="${fmt(y + (p.row + 1) * LABEL_ROW_H - 3)}" fill="${color}">${escape(p.text)}</text>`);
    }
    return used * LABEL_ROW_H;
  };

  const pulseLane = (label: string, kind: string, pulses: Pulse[], color: (p: Pulse) => string, title = label) => {
    laneLabel(label, DIGITAL_H);
    for (const p of pulses) {
      const end = p.end === Infinity ? to : p.end;
      if (end < from || p.start > to) continue;
      const w = Math.max(1, x(end) - x(p.start));
      out.push(
        `<rect class="pulse ${kind}" data-start="${fmt(p.start)}" data-end="${fmt(end)}" x="${fmt(x(p.start))}" y="${y + 3}" ` +
          `width="${fmt(w)}" height="${DIGITAL_H - 6}" fill="${color(p)}"><title>${escape(`${title} ${timeLabel(p.start)} for ${Math.round(end - p.start)} ms`)}</title></rect>`,
      );
    }
    y += DIGITAL_H + GAP;
  };

  const analogLane = (label: string, kind: string, value: (s: Sample) => number, color: string, scale: [number, number], ticks: Array<[number, string]>) => {
    const samples = fewer(timeline.samples.filter((s) => s.t >= from && s.t <= to), (s) => Math.round(x(s.t)), value);
    const [lo, hi] = scale;
    laneLabel(label, ANALOG_H);
    const yOf = (v: number) => y + ANALOG_H - 4 - ((Math.min(Math.max(v, lo), hi) - lo) / (hi - lo)) * (ANALOG_H - 8);
    for (const [tick, text] of ticks) {
      back.push(`<line class="grid" x1="${LEFT}" x2="${LEFT + width}" y1="${fmt(yOf(tick))}" y2="${fmt(yOf(tick))}" stroke="#e4e4e4"/>`);
      out.push(`<text class="scale" x="${LEFT + width + 4}" y="${fmt(yOf(tick) + 3.5)}">${escape(text)}</text>`);
    }
    if (samples.length > 0) {
      // a step plot: each value holds until the next sample
      const points: string[] = [];
      samples.forEach((s, i) => {
        if (i > 0) points.push(`${fmt(x(s.t))},${fmt(yOf(value(samples[i - 1])))}`);
        points.push(`${fmt(x(s.t))},${fmt(yOf(value(s)))}`);
      });
      points.push(`${fmt(x(to))},${fmt(yOf(value(samples[samples.length - 1])))}`);
      out.push(`<polyline class="trace ${kind}" fill="none" stroke="${color}" stroke-width="1.5" points="${points.join(" ")}"/>`);
    }
    y += ANALOG_H + GAP;
  };

  // the patterns the lock played, named above the lanes that show them
  const played = moments(timeline, to).flatMap((m) => m.played).filter((p) => p.start >= from && p.start <= to);
  y += labelRows("pattern", played.map((p) => ({ x: x(p.start), text: patternLabel(p) })), 2, "#333");

  pulseLane("red LED", "red", pulsesOf(timeline.changes("red")), () => "#d22");
  pulseLane("green LED", "green", pulsesOf(timeline.changes("green")), () => "#1a1");
  pulseLane("buzzer", "buzzer", pulsesOf(timeline.changes("buzzer")), (p) => (p.end - p.start >= 800 ? "#335" : "#77a"));

  // motor: one lane, coloured by direction
  laneLabel("motor", DIGITAL_H);
  const motor = timeline.events.filter((e) => e.kind === "motor") as Array<{ t: number; drive: string }>;
  motor.forEach((m, i) => {
    if (m.drive === "stop") return;
    const end = motor[i + 1] ? motor[i + 1].t : to;
    const fill = m.drive === "A" ? "#36c" : "#c63";
    out.push(
      `<rect class="pulse motor" data-drive="${m.drive}" data-start="${fmt(m.t)}" data-end="${fmt(end)}" x="${fmt(x(m.t))}" y="${y + 3}" ` +
        `width="${fmt(Math.max(1, x(end) - x(m.t)))}" height="${DIGITAL_H - 6}" fill="${fill}"><title>drive ${m.drive} ${timeLabel(m.t)} for ${Math.round(end - m.t)} ms</title></rect>`,
    );
  });
  y += DIGITAL_H + GAP;

  // Program as a lane: how long it was held is its width
  const program: Array<{ t: number; on: boolean }> = [];
  for (const e of timeline.events) if (e.kind === "program") program.push({ t: e.t, on: e.down });
  pulseLane("Program", "program", pulsesOf(program), () => "#909", "Program held");

  // keys: a tick per key, one label per entry
  const keyEntries = entries(timeline, from, to).map((k) => ({ ...k, x: x(k.t) }));
  laneLabel("keys", DIGITAL_H);
  for (const e of timeline.events) {
    if (e.kind !== "key" || !e.down || e.t < from || e.t > to) continue;
    out.push(`<g class="key" data-t="${fmt(e.t)}" data-key="${escape(e.key)}"><line x1="${fmt(x(e.t))}" x2="${fmt(x(e.t))}" y1="${y + 2}" y2="${y + DIGITAL_H - 2}" stroke="#000"/>` +
      `<title>${escape(`key ${e.key} ${timeLabel(e.t)}`)}</title></g>`);
  }
  y += DIGITAL_H;
  y += labelRows("keytext", keyEntries, 3, "#000") + GAP;

  analogLane("bolt position", "position", (s) => s.position, "#333", [0, 1], [[0, "retracted"], [0.5, "50%"], [1, "extended"]]);
  analogLane("battery V", "volts", (s) => s.volts, "#a60", BATTERY_SCALE, [3, 4, 5, 6, 7].map((v) => [v, `${v} V`]));
  const maxAmps = Math.max(1.2, ...timeline.samples.map((s) => s.amps));
  analogLane("motor current", "amps", (s) => s.amps, "#606", [0, maxAmps], [0, 0.5, 1].map((a) => [a, `${a} A`]));

  // events and log lines: numbered on their own lane, written out below the axis
  const list = listed(timeline, from, to);
  const shown = list.slice(0, options.maxListed ?? 60);
  laneLabel("events", DIGITAL_H);
  shown.forEach((item, i) => {
    const color = item.kind === "event" ? "#048" : item.kind === "note" ? "#666" : "#a40";
    out.push(`<g class="mark ${item.kind}" data-t="${fmt(item.t)}"><line x1="${fmt(x(item.t))}" x2="${fmt(x(item.t))}" y1="${y + 2}" y2="${y + DIGITAL_H - 2}" stroke="${color}" stroke-width="2"/>` +
      `<title>${escape(`${i + 1}  ${timeLabel(item.t)}  ${item.text}`)}</title></g>`);
  });
  y += DIGITAL_H;
  y += labelRows("marknum", shown.map((item, i) => ({ x: x(item.t), text: String(i + 1) })), 2, "#048") + GAP;

  for (const e of timeline.events) {
    if (e.kind !== "power" || e.t < from || e.t > to) continue;
    out.push(`<g class="power" data-t="${fmt(e.t)}"><line x1="${fmt(x(e.t))}" x2="${fmt(x(e.t))}" y1="${TOP}" y2="${y}" stroke="${e.on ? "#0a0" : "#a00"}" stroke-width="2"/>` +
      `<text x="${fmt(x(e.t) + 2)}" y="${TOP - 4}" class="small">${e.on ? "power on" : "power off"}</text></g>`);
  }

  // time axis: grid lines go under the lanes
  const step = tickStep(to - from, 12);
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
    back.push(`<line class="tick" x1="${fmt(x(t))}" x2="${fmt(x(t))}" y1="${TOP}" y2="${y}" stroke="#eee"/>`);
    out.push(`<text class="small" x="${fmt(x(t))}" y="${y + 12}" text-anchor="middle">${escape(timeLabel(t))}</text>`);
  }
  y += 30;

  // the events written out, numbered as on their lane
  shown.forEach((item, i) => {
    const color = item.kind === "event" ? "#048" : item.kind === "note" ? "#444" : "#a40";
    out.push(`<text class="listed ${item.kind}" xml:space="preserve" x="${LEFT}" y="${y}" fill="${color}">${escape(`${String(i + 1).padStart(3)}  ${timeLabel(item.t).padStart(8)}  ${item.text}`)}</text>`);
    right = Math.max(right, LEFT + textWidth(`${i}    ${timeLabel(item.t)}    ${item.text}`, style(1)) + 20);
    y += LABEL_ROW_H;
  });
  if (list.length > shown.length) {
    out.push(`<text class="listed" x="${LEFT}" y="${y}" fill="#777">${escape(`... ${list.length - shown.length} more (the lock's console has them all)`)}</text>`);
    y += LABEL_ROW_H;
  }
  if (shown.length === 0) {
    out.push(`<text class="small" x="${LEFT}" y="${y}">no events or log lines</text>`);
    y += LABEL_ROW_H;
  }
  y += 6;

  const totalW = Math.ceil(right);
  const title = options.title ?? "Latchkey simulation";
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${totalW}" height="${y}" viewBox="0 0 ${totalW} ${y}" font-family="sans-serif" font-size="12">`,
    `<title>${escape(title)}</title>`,
    `<style>.small{font-size:10px;fill:#555}.scale{font-size:10px;fill:#555;font-family:monospace}.label{font-weight:bold}` +
      `.keytext,.pattern,.marknum,.listed{font-family:monospace;font-size:${MONO}px;white-space:pre}.pattern{font-weight:bold}</style>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${LEFT}" y="16" font-size="14" font-weight="bold">${escape(title)}</text>`,
    ...back,
    ...out,
    `</svg>`,
    ``,
  ].join("\n");
}
