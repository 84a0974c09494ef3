// Turning a recorded on/off signal into pulses, and counting them the way README-sim.md defines:
// a flash (or beep) is one ON pulse; it belongs to a window when it STARTS inside it.

export interface Change {
  t: number;
  on: boolean;
}

export interface Pulse {
  start: number;
  /** Infinity while still on */
  end: number;
}

/** The ON pulses of a signal given as its changes in time order (repeated levels are ignored). */
export function pulsesOf(changes: Change[]): Pulse[] {
  const pulses: Pulse[] = [];
  let open: number | undefined;
  for (const c of changes) {
    if (c.on && open === undefined) open = c.t;
    else if (!c.on && open !== undefined) {
      if (c.t > open) pulses.push({ start: open, end: c.t });
      open = undefined;
    }
  }
  if (open !== undefined) pulses.push({ start: open, end: Infinity });
  return pulses;
}

/** The OR of two signals' changes (either LED lit), as changes of one signal. */
export function either(a: Change[], b: Change[]): Change[] {
  const all = [...a.map((c) => ({ ...c, which: 0 })), ...b.map((c) => ({ ...c, which: 1 }))].sort((x, y) => x.t - y.t);
  const levels = [false, false];
  const out: Change[] = [];
  for (const c of all) {
    levels[c.which] = c.on;
    out.push({ t: c.t, on: levels[0] || levels[1] });
  }
  return out;
}

/** Pulses that start in [from, to]. */
export function startingIn(pulses: Pulse[], from: number, to: number): Pulse[] {
  return pulses.filter((p) => p.start >= from && p.start <= to);
}

export function lengthOf(p: Pulse, now: number): number {
  return (p.end === Infinity ? now : p.end) - p.start;
}

/** "3 pulses at 1.20s (150ms), 1.50s (150ms), ..." for failure messages. */
export function describePulses(pulses: Pulse[], now: number): string {
  if (pulses.length === 0) return "none";
  const shown = pulses.slice(0, 20).map((p) => `${seconds(p.start)} (${Math.round(lengthOf(p, now))}ms${p.end === Infinity ? ", still on" : ""})`);
  return `${pulses.length} at ${shown.join(", ")}${pulses.length > 20 ? ", ..." : ""}`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)}s`;
}
