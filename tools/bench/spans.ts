// Spans of virtual time (ms): merging, clipping, measuring. Used to find timers armed while the lock idles.
import type { Span } from "./harness";

/** sorted, non-overlapping */
export function union(spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.to > s.from).sort((a, b) => a.from - b.from);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else out.push({ from: s.from, to: s.to });
  }
  return out;
}

export function clip(spans: Span[], from: number, to: number): Span[] {
  return spans.map((s) => ({ from: Math.max(s.from, from), to: Math.min(s.to, to) })).filter((s) => s.to > s.from);
}

export function total(spans: Span[]): number {
  return spans.reduce((sum, s) => sum + (s.to - s.from), 0);
}

/** the parts of `spans` outside every span of `cover` */
export function outside(spans: Span[], cover: Span[]): Span[] {
  const merged = union(cover);
  const out: Span[] = [];
  for (const s of union(spans)) {
    let from = s.from;
    for (const c of merged) {
      if (c.to <= from || c.from >= s.to) continue;
      if (c.from > from) out.push({ from, to: c.from });
      from = Math.max(from, c.to);
    }
    if (from < s.to) out.push({ from, to: s.to });
  }
  return out;
}

/** times closer than `gap` belong to one span, which runs from the first to the last plus `tail` */
export function groupTimes(times: number[], gap: number, tail: number): Span[] {
  const sorted = times.slice().sort((a, b) => a - b);
  const out: Span[] = [];
  for (const t of sorted) {
    const last = out[out.length - 1];
    if (last && t - (last.to - tail) <= gap) last.to = t + tail;
    else out.push({ from: t, to: t + tail });
  }
  return out;
}

/** on spans from on/off changes in time order (an output still on at `end` is on until `end`) */
export function onSpans(changes: Array<{ t: number; on: boolean }>, end: number): Span[] {
  const out: Span[] = [];
  let since: number | undefined;
  for (const c of changes) {
    if (c.on && since === undefined) since = c.t;
    else if (!c.on && since !== undefined) {
      out.push({ from: since, to: c.t });
      since = undefined;
    }
  }
  if (since !== undefined) out.push({ from: since, to: end });
  return out;
}
