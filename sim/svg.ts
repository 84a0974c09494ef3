// A run's timeline drawn as an SVG a hardware engineer can read like a logic analyser capture: lanes for
// the red and green LEDs, the buzzer, the motor drive, bolt position, battery voltage and motor current
// against time, with key presses, Program and power events marked and log lines as hover titles.
import type { Sample, Timeline } from "./engine";
import { pulsesOf, Pulse } from "./scenario/pulses";

export interface SvgOptions {
  title?: string;
  /** drawing width in px of the time axis */
  width?: number;
  /** time range in ms; default the whole run */
  from?: number;
  to?: number;
}

const LEFT = 130;
const RIGHT = 20;
const TOP = 40;
const DIGITAL_H = 26;
const ANALOG_H = 70;
const GAP = 10;

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

function timeLabel(ms: number): string {
  if (ms < 120000) return `${+(ms / 1000).toFixed(3)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : ""}`;
}

export function renderSvg(timeline: Timeline, options: SvgOptions = {}): string {
  const lastT = Math.max(1000, ...timeline.events.map((e) => e.t), ...timeline.samples.map((s) => s.t));
  const from = options.from ?? 0;
  const to = Math.max(from + 1, options.to ?? lastT);
  const width = options.width ?? 1200;
  const x = (t: number) => LEFT + ((Math.min(Math.max(t, from), to) - from) / (to - from)) * width;
  const out: string[] = [];
  let y = TOP;

  const laneLabel = (label: string, h: number, extra = "") => {
    out.push(`<text class="label" x="${LEFT - 8}" y="${fmt(y + h / 2 + 4)}" text-anchor="end">${escape(label)}</text>`);
    out.push(`<rect class="lane" x="${LEFT}" y="${y}" width="${width}" height="${h}" fill="#fafafa" stroke="#ddd"${extra}/>`);
  };

  const pulseLane = (label: string, kind: string, pulses: Pulse[], color: (p: Pulse) => string) => {
    laneLabel(label, DIGITAL_H);
    for (const p of pulses) {
      const end = p.end === Infinity ? to : p.end;
      if (end < from || p.start > to) continue;
      const w = Math.max(1, x(end) - x(p.start));
      out.push(
        `<rect class="pulse ${kind}" data-start="${fmt(p.start)}" data-end="${fmt(end)}" x="${fmt(x(p.start))}" y="${y + 3}" ` +
          `width="${fmt(w)}" height="${DIGITAL_H - 6}" fill="${color(p)}"><title>${escape(`${label} ${timeLabel(p.start)} for ${Math.round(end - p.start)} ms`)}</title></rect>`,
      );
    }
    y += DIGITAL_H + GAP;
  };

  const analogLane = (label: string, kind: string, unit: string, value: (s: Sample) => number, color: string, fixed?: [number, number]) => {
    const samples = timeline.samples.filter((s) => s.t >= from && s.t <= to);
    const values = samples.map(value);
    let lo = fixed ? fixed[0] : Math.min(...values);
    let hi = fixed ? fixed[1] : Math.max(...values);
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [0, 1];
    if (hi - lo < 1e-6) [lo, hi] = [lo - 0.5, hi + 0.5];
    laneLabel(label, ANALOG_H);
    const yOf = (v: number) => y + ANALOG_H - 4 - ((v - lo) / (hi - lo)) * (ANALOG_H - 8);
    out.push(`<text class="scale" x="${LEFT + width + 2}" y="${fmt(yOf(hi) + 4)}">${escape(`${+hi.toFixed(2)}${unit}`)}</text>`);
    out.push(`<text class="scale" x="${LEFT + width + 2}" y="${fmt(yOf(lo) + 4)}">${escape(`${+lo.toFixed(2)}${unit}`)}</text>`);
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

  analogLane("bolt position", "position", "", (s) => s.position, "#333", [0, 1]);
  analogLane("battery V", "volts", "V", (s) => s.volts, "#a60");
  analogLane("motor current A", "amps", "A", (s) => s.amps, "#606", [0, Math.max(1.1, ...timeline.samples.map((s) => s.amps))]);

  // keys, Program and power as markers
  laneLabel("keys, events", DIGITAL_H + 10);
  for (const e of timeline.events) {
    if (e.t < from || e.t > to) continue;
    if (e.kind === "key" && e.down) {
      out.push(`<g class="key" data-t="${fmt(e.t)}" data-key="${escape(e.key)}"><line x1="${fmt(x(e.t))}" x2="${fmt(x(e.t))}" y1="${y}" y2="${y + 8}" stroke="#000"/>` +
        `<text x="${fmt(x(e.t))}" y="${y + 22}" text-anchor="middle" class="keytext">${escape(e.key)}</text></g>`);
    } else if (e.kind === "program") {
      out.push(`<g class="program" data-t="${fmt(e.t)}"><line x1="${fmt(x(e.t))}" x2="${fmt(x(e.t))}" y1="${y}" y2="${y + DIGITAL_H + 10}" stroke="#909" stroke-dasharray="2,2"/>` +
        `<text x="${fmt(x(e.t) + 2)}" y="${y + 32}" class="small">${e.down ? "P down" : "P up"}</text></g>`);
    } else if (e.kind === "power") {
      out.push(`<g class="power" data-t="${fmt(e.t)}"><line x1="${fmt(x(e.t))}" x2="${fmt(x(e.t))}" y1="${TOP}" y2="${y + DIGITAL_H + 10}" stroke="${e.on ? "#0a0" : "#a00"}" stroke-width="2"/>` +
        `<text x="${fmt(x(e.t) + 2)}" y="${TOP - 4}" class="small">${e.on ? "power on" : "power off"}</text></g>`);
    } else if (e.kind === "note") {
      out.push(`<g class="note" data-t="${fmt(e.t)}"><circle cx="${fmt(x(e.t))}" cy="${y + 4}" r="3" fill="#888"/><title>${escape(`${timeLabel(e.t)} ${e.text}`)}</title></g>`);
    } else if (e.kind === "log") {
      out.push(`<g class="log" data-t="${fmt(e.t)}"><rect x="${fmt(x(e.t) - 1)}" y="${y + DIGITAL_H + 4}" width="2" height="6" fill="#48a"/><title>${escape(`${timeLabel(e.t)} ${e.text}`)}</title></g>`);
    }
  }
  y += DIGITAL_H + 10 + GAP;

  // time axis: grid lines go under the lanes
  const grid: string[] = [];
  const step = tickStep(to - from, 12);
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
    grid.push(`<line class="tick" x1="${fmt(x(t))}" x2="${fmt(x(t))}" y1="${TOP}" y2="${y}" stroke="#eee"/>`);
    out.push(`<text class="small" x="${fmt(x(t))}" y="${y + 12}" text-anchor="middle">${escape(timeLabel(t))}</text>`);
  }
  y += 24;

  const totalW = LEFT + width + RIGHT + 40;
  const title = options.title ?? "Latchkey simulation";
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${totalW}" height="${y}" viewBox="0 0 ${totalW} ${y}" font-family="sans-serif" font-size="12">`,
    `<title>${escape(title)}</title>`,
    `<style>.small{font-size:10px;fill:#555}.scale{font-size:10px;fill:#777}.label{font-weight:bold}.keytext{font-family:monospace;font-size:12px}</style>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${LEFT}" y="16" font-size="14" font-weight="bold">${escape(title)}</text>`,
    ...out.filter((line) => line.startsWith(`<text class="label"`) || line.startsWith(`<rect class="lane"`)),
    ...grid,
    ...out.filter((line) => !(line.startsWith(`<text class="label"`) || line.startsWith(`<rect class="lane"`))),
    `</svg>`,
    ``,
  ].join("\n");
}
