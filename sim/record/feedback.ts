// What the lock played, named: the LED and buzzer pulses of a timeline grouped into moments (parts of a pattern
// are at most 200 ms apart; patterns queue back to back), each moment split into SPEC.md section 2 patterns
// (../scenario/patterns.ts). Only what a person sees and hears is used, plus what they did just before (a
// Program press, a key, a motor run) to tell apart patterns that look the same (OK and PROGRAM). So it keeps
// working whatever the firmware does inside.
import type { Timeline } from "../engine";
import { countSteps, expandSteps, PATTERN_STEPS, PatternName, Step } from "../scenario/patterns";
import { lengthOf, Pulse, pulsesOf } from "../scenario/pulses";

/** pulses further apart than this are two moments */
export const MOMENT_GAP_MS = 400;
/** a flash shorter than this, alone, is the status LED's (SPEC 5), not a pattern's (100-300 ms, 200 here) */
const STATUS_FLASH_MS = 175;
const LONG_BEEP_MS = 800;
const LONG_RED_MS = 3000;
/** a step pattern with no key for this long before it is TIMEOUT rather than FAIL (without sound to tell) */
const TIMEOUT_AFTER_MS = 4500;

export interface Token {
  step: Step;
  start: number;
  end: number;
}

export interface Played {
  /** a SPEC pattern, or undefined when the pulses match none */
  name?: PatternName | "STATUS_LED" | "RED_FLASH";
  start: number;
  end: number;
  /** what was seen and heard: "green flash + beep" */
  words: string;
  /** the pattern without its beeps: the lock's audio is off */
  silent?: boolean;
}

export interface Moment {
  start: number;
  /** Infinity while a pulse is still on */
  end: number;
  tokens: Token[];
  /** the moment is over (nothing for MOMENT_GAP_MS since its last pulse) */
  complete: boolean;
  played: Played[];
}

function tokens(timeline: Timeline, now: number): Token[] {
  const out: Token[] = [];
  const add = (pulses: Pulse[], step: (p: Pulse) => Step) => {
    for (const p of pulses) out.push({ step: step(p), start: p.start, end: p.end });
  };
  add(pulsesOf(timeline.changes("red")), (p) => (lengthOf(p, now) >= LONG_RED_MS ? "R" : "r"));
  add(pulsesOf(timeline.changes("green")), () => "g");
  add(pulsesOf(timeline.changes("buzzer")), (p) => (lengthOf(p, now) >= LONG_BEEP_MS ? "L" : "b"));
  const order: Record<Step, number> = { r: 0, R: 0, g: 1, b: 2, L: 2 };
  return out.sort((a, b) => a.start - b.start || order[a.step] - order[b.step]);
}

const NOUNS: Record<Step, [string, string]> = {
  r: ["red flash", "red flashes"],
  R: ["red light 5 s", "red lights 5 s"],
  g: ["green flash", "green flashes"],
  b: ["beep", "beeps"],
  L: ["long beep", "long beeps"],
};

/** "3 beeps + green flash": runs of the same step in the order they played; JAM's alternation as "5 red + 5 green flashes" */
export function stepWords(steps: Step[]): string {
  const flashes = steps.filter((s) => s === "r" || s === "g");
  const alternating = flashes.length >= 4 && flashes.every((s, i) => i === 0 || s !== flashes[i - 1]);
  if (alternating) {
    const rest = steps.filter((s) => s !== "r" && s !== "g");
    const n = flashes.length / 2;
    return [`${n} red + ${n} green flashes alternating`, ...runs(rest)].join(" + ");
  }
  return runs(steps).join(" + ");
}

function runs(steps: Step[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < steps.length; ) {
    let j = i;
    while (j < steps.length && steps[j] === steps[i]) j++;
    const n = j - i;
    const [one, many] = NOUNS[steps[i]];
    out.push(n === 1 ? one : `${n} ${many}`);
    i = j;
  }
  return out;
}

/** a multiset key: "r3,g1,b1" */
function bag(steps: Step[]): string {
  const c = countSteps(steps);
  const longRed = steps.filter((s) => s === "R").length;
  return `r${c.red - longRed},R${longRed},g${c.green},b${c.beeps - c.longBeeps},L${c.longBeeps}`;
}

interface Shape {
  name: PatternName | "RED_FLASH";
  silent: boolean;
}

/** every pattern's bag, with sound and (audio off: flashes only) without; several names can share one */
const SHAPES: Map<string, Shape[]> = (() => {
  const map = new Map<string, Shape[]>();
  const add = (key: string, shape: Shape) => map.set(key, [...(map.get(key) ?? []), shape]);
  for (const name of Object.keys(PATTERN_STEPS) as PatternName[]) {
    const steps = expandSteps(PATTERN_STEPS[name]);
    add(bag(steps), { name, silent: false });
    const flashes = steps.filter((s) => s !== "b" && s !== "L");
    if (flashes.length < steps.length) add(bag(flashes), { name, silent: true });
  }
  // SPEC 3: a key pressed during a lockout gives 1 red flash
  add(bag(["r"]), { name: "RED_FLASH", silent: false });
  return map;
})();

/** what happened just before a pattern: how to tell apart the ones that look alike */
export interface Context {
  /** when the person last pressed a key or Program (undefined: nothing since power-up) */
  lastInputAt?: number;
  /** the last thing the person did since the previous moment was a Program press */
  afterProgram: boolean;
  /** Program is held down when the pattern starts */
  programHeld: boolean;
  /** the motor ran since the previous moment (door handing runs strokes before HANDING_OK) */
  motorRan: boolean;
}

function choose(all: Shape[], steps: Step[], start: number, ctx: Context): Shape {
  // a pattern seen whole (RED_FLASH: one red flash) before one that lost its beeps (WRONG without sound)
  const whole = all.filter((s) => !s.silent);
  const shapes = whole.length > 0 ? whole : all;
  const has = (name: string) => shapes.some((s) => s.name === name);
  const pick = (name: string) => shapes.find((s) => s.name === name) ?? shapes[0];
  if (has("PROGRAM") && (ctx.afterProgram || ctx.programHeld)) return pick("PROGRAM");
  if (has("RESET_READY") && ctx.programHeld) return pick("RESET_READY");
  if (has("HANDING_OK")) return pick(ctx.motorRan ? "HANDING_OK" : "OFF");
  if (has("TIMEOUT")) {
    // with sound, TIMEOUT starts with its beeps; without, it comes when no key came for the time limit
    const quiet = ctx.lastInputAt === undefined || start - ctx.lastInputAt >= TIMEOUT_AFTER_MS;
    return pick(steps[0] === "b" || (!steps.includes("b") && quiet) ? "TIMEOUT" : "FAIL");
  }
  for (const usual of ["OK", "WRONG", "RED_FLASH"]) if (has(usual)) return pick(usual);
  return shapes[0];
}

function hasSound(steps: Step[]): boolean {
  return steps.some((s) => s === "b" || s === "L");
}

/** the patterns these steps could be; with sound in the moment, never one that lost its beeps */
function shapesOf(part: Step[], audio: boolean): Shape[] {
  return (SHAPES.get(bag(part)) ?? []).filter((shape) => !audio || !shape.silent);
}

/** each pattern's steps in the order they play, with and without sound */
const SEQUENCES: Set<string> = (() => {
  const out = new Set<string>(["r"]);
  for (const name of Object.keys(PATTERN_STEPS) as PatternName[]) {
    const steps = expandSteps(PATTERN_STEPS[name]);
    out.add(steps.join(""));
    out.add(steps.filter((s) => s !== "b" && s !== "L").join(""));
  }
  return out;
})();

/**
 * The patterns that, one after another, make exactly these steps: fewest parts, a part in the order SPEC plays
 * it preferred to one that only has the right counts. With `audio` on, patterns are matched whole; off, without
 * their beeps.
 */
function split(steps: Step[], audio: boolean): Step[][] | undefined {
  const cost = (part: Step[]): number | undefined => {
    if (shapesOf(part, audio).length === 0) return undefined;
    return SEQUENCES.has(part.join("")) ? 2 : 3;
  };
  const best: Array<{ cost: number; parts: Step[][] } | undefined> = [{ cost: 0, parts: [] }];
  for (let i = 1; i <= steps.length; i++) {
    for (let j = 0; j < i; j++) {
      const before = best[j];
      const c = before && cost(steps.slice(j, i));
      if (!before || c === undefined) continue;
      if (!best[i] || best[i]!.cost > before.cost + c) best[i] = { cost: before.cost + c, parts: [...before.parts, steps.slice(j, i)] };
    }
  }
  return best[steps.length]?.parts;
}

/**
 * Names a moment's patterns. `audioOn`: the last moment with a pattern beeped, so a moment without beeps is
 * not a pattern that lost its beeps (five keys in a lockout are five red flashes, not FAIL without sound).
 */
function name(tokensOfMoment: Token[], ctx: Context, audioOn: boolean | undefined): Played[] {
  const steps = tokensOfMoment.map((t) => t.step);
  const start = tokensOfMoment[0].start;
  const end = Math.max(...tokensOfMoment.map((t) => t.end));
  const flashesOnly = steps.every((s) => s === "r" || s === "g");
  if (flashesOnly && tokensOfMoment.every((t) => t.end - t.start < STATUS_FLASH_MS)) {
    const both = steps.includes("r") && steps.includes("g");
    return [{ name: "STATUS_LED", start, end, words: both ? "red + green flash" : stepWords(steps) }];
  }
  // believed on but nothing matches whole: the audio was just turned off (OFF then plays without beeps)
  let audio = hasSound(steps) || audioOn === true;
  let parts = split(steps, audio);
  if (!parts && !hasSound(steps)) parts = split(steps, (audio = false));
  if (!parts) return [{ start, end, words: stepWords(steps) }];
  const out: Played[] = [];
  let at = 0;
  for (const part of parts) {
    const own = tokensOfMoment.slice(at, at + part.length);
    at += part.length;
    const shape = choose(shapesOf(part, audio), part, own[0].start, ctx);
    out.push({ name: shape.name, start: own[0].start, end: Math.max(...own.map((t) => t.end)), words: stepWords(part), silent: shape.silent || undefined });
    // a pattern queued behind another in the same moment was caused by neither the press nor the strokes
    ctx = { ...ctx, afterProgram: false, motorRan: false };
  }
  return out;
}

/**
 * Context at each of `starts` (ascending), in one pass over the person's inputs and the motor. A Program press
 * counts after the previous moment's end; a motor run after its start (door handing's strokes can begin while
 * RESET_DONE still plays).
 */
function contexts(timeline: Timeline, starts: number[], previousStarts: number[], previousEnds: number[]): Context[] {
  const inputs = timeline.events
    .filter((e) => e.kind === "power" || e.kind === "key" || e.kind === "program" || e.kind === "motor")
    .sort((a, b) => a.t - b.t);
  let i = 0;
  let lastInputAt: number | undefined;
  let lastProgramAt = -Infinity;
  let programHeld = false;
  let lastMotorAt = -Infinity;
  return starts.map((t, n) => {
    for (; i < inputs.length && inputs[i].t <= t; i++) {
      const e = inputs[i];
      if (e.kind === "power") lastInputAt = undefined;
      else if (e.kind === "key" && e.down) lastInputAt = e.t;
      else if (e.kind === "program") {
        programHeld = e.down;
        if (e.down) lastInputAt = lastProgramAt = e.t;
      } else if (e.kind === "motor") lastMotorAt = e.t;
    }
    const since = previousEnds[n];
    return {
      lastInputAt,
      afterProgram: lastInputAt !== undefined && lastInputAt === lastProgramAt && lastProgramAt >= since,
      programHeld,
      motorRan: lastMotorAt > previousStarts[n],
    };
  });
}

/** The timeline's feedback, moment by moment, with the patterns named. */
export function moments(timeline: Timeline, now: number): Moment[] {
  const all = tokens(timeline, now);
  const groups: Token[][] = [];
  let reach = -Infinity;
  for (const token of all) {
    if (groups.length === 0 || token.start - reach > MOMENT_GAP_MS) groups.push([]);
    groups[groups.length - 1].push(token);
    reach = Math.max(reach, token.end);
  }
  const ends = groups.map((g) => Math.max(...g.map((t) => t.end)));
  const starts = groups.map((g) => g[0].start);
  const before = (list: number[]) => list.map((_, n) => (n === 0 ? -Infinity : list[n - 1]));
  const ctx = contexts(timeline, starts, before(starts), before(ends));
  let audioOn: boolean | undefined;
  return groups.map((group, n) => {
    const complete = ends[n] !== Infinity && now - ends[n] > MOMENT_GAP_MS;
    const played = complete ? name(group, ctx[n], audioOn) : [];
    if (played.some((p) => p.name !== undefined && p.name !== "STATUS_LED" && p.name !== "RED_FLASH")) {
      audioOn = hasSound(group.map((t) => t.step));
    }
    return { start: group[0].start, end: ends[n], tokens: group, complete, played };
  });
}
