// The scenario language: plain text, one command per line, `#` starts a comment (except right after
// `press`, where `#` is the LOCK key). sim/README-sim.md describes every command; parse errors name
// the line and the problem, and nothing is ever skipped silently.

import { countSteps, expandSteps, PATTERN_STEPS, PatternCounts, PatternName } from "./patterns";
import { eventNames } from "../../tools/journal/format";

export type Signal = "red" | "green" | "led" | "buzzer" | "motor";
export type BoltState = "retracted" | "extended" | "between";
export type Hand = "left" | "right";

/** How an expectation's time window is placed (see README-sim.md "Windows"). */
export type Window =
  /** from the start of the last action until `ms` after its end */
  | { type: "within"; ms: number }
  /** from now until `ms` from now */
  | { type: "for"; ms: number };

export type Count = { op: "=" | ">=" | "<="; n: number };

/** Feedback patterns of SPEC.md section 2 (./patterns.ts), checked as exact counts plus the flash/beep shapes. */
export const PATTERNS = Object.fromEntries(
  (Object.keys(PATTERN_STEPS) as PatternName[]).map((name) => [name, countSteps(expandSteps(PATTERN_STEPS[name]))]),
) as Record<PatternName, PatternCounts>;
export type { PatternName };


export type Expectation =
  | { what: "bolt"; state: BoltState }
  | { what: "pulses"; signal: Signal; long: boolean; count: Count; window: Window }
  /** one pulse of `signal` that lasts `ms` (within 10 %) starts in the window */
  | { what: "lit"; signal: Signal; ms: number; window: Window }
  /** patterns played one after the other (`OK then LOW_BATTERY`); `then more` allows anything after them */
  | { what: "pattern"; names: PatternName[]; window: Window; thenMore: boolean }
  | { what: "motor"; running: boolean; forMs: number }
  | { what: "noTimers"; withinMs: number }
  /** flash writes since the last action started (within) or from now (for) */
  | { what: "writes"; count: Count; window: Window }
  | { what: "log"; text: string; present: boolean; window: Window }
  /** an entry of the lock's event log whose words begin with `text` ("unlock slot 1", "lockout", "lock auto-lock") */
  | { what: "event"; text: string; present: boolean; window: Window };

export type Command =
  | { kind: "board"; name: string }
  | { kind: "seed"; seed: number }
  | { kind: "press"; keys: string }
  | { kind: "holdKeys"; keys: string; ms: number }
  | { kind: "program"; action: "press" | "hold" | "release"; ms?: number }
  | { kind: "wait"; ms: number }
  | { kind: "power"; on: boolean; holdingProgram: boolean }
  | { kind: "turnKey"; position: number; ms: number }
  | { kind: "block"; at: number | null }
  | { kind: "battery"; volts: number | "fresh"; ohms?: number }
  | { kind: "fault"; part: "motor" | "retracted" | "extended"; fault: string }
  | { kind: "hand"; hand: Hand }
  | { kind: "expect"; expectation: Expectation };

export interface Line {
  /** 1-based line number in the file */
  line: number;
  text: string;
  command: Command;
}

export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
  }
}

const KEY_WORDS: Record<string, string> = { lock: "#", clear: "*" };
const DEFAULT_TURN_MS = 500;
/** default window of a count expectation written without `within`/`for` */
export const DEFAULT_WINDOW_MS = 3000;
const DEFAULT_SETTLE_MS = 10000;

/** "5s", "200ms", "1.5s", "2min" → milliseconds */
export function parseDuration(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|min)$/.exec(word);
  if (!m) return undefined;
  const value = Number(m[1]);
  return Math.round(m[2] === "ms" ? value : m[2] === "s" ? value * 1000 : value * 60000);
}

/** "50%" → 0.5 */
function parsePercent(word: string | undefined): number | undefined {
  const m = word === undefined ? null : /^(\d+(?:\.\d+)?)%$/.exec(word);
  if (!m) return undefined;
  const value = Number(m[1]) / 100;
  return value >= 0 && value <= 1 ? value : undefined;
}

/** "1234#", "1234 #", "1234 lock" → "1234#" */
function parseKeys(words: string[]): string | undefined {
  let keys = "";
  for (const word of words) {
    const named = KEY_WORDS[word.toLowerCase()];
    if (named) keys += named;
    else if (/^[0-9*#]+$/.test(word)) keys += word;
    else return undefined;
  }
  return keys.length > 0 ? keys : undefined;
}

/** `#` starts a comment, except on key lines (`press`, `hold keys`), where it is the LOCK key. */
function stripComment(words: string[]): string[] {
  const keyLine = (words[0] === "press" && words[1] !== "program") || (words[0] === "hold" && words[1] === "keys");
  if (keyLine) return words;
  const cut = words.findIndex((w) => w.startsWith("#"));
  return cut < 0 ? words : words.slice(0, cut);
}

function parseWindow(words: string[], fail: (p: string) => never, defaultMs = DEFAULT_WINDOW_MS): Window {
  if (words.length === 0) return { type: "within", ms: defaultMs };
  if (words.length === 2 && (words[0] === "within" || words[0] === "for")) {
    const ms = parseDuration(words[1]);
    if (ms === undefined) fail(`"${words[1]}" is not a duration (write 5s, 200ms, 1.5s, 2min)`);
    return { type: words[0], ms };
  }
  return fail(`expected "within <duration>" or "for <duration>", found "${words.join(" ")}"`);
}

function parseCount(words: string[]): { count: Count; rest: string[] } {
  const w = words[0];
  if (w === "no") return { count: { op: "=", n: 0 }, rest: words.slice(1) };
  if ((w === "at" && (words[1] === "least" || words[1] === "most")) && /^\d+$/.test(words[2] ?? "")) {
    return { count: { op: words[1] === "least" ? ">=" : "<=", n: Number(words[2]) }, rest: words.slice(3) };
  }
  if (/^\d+$/.test(w ?? "")) return { count: { op: "=", n: Number(w) }, rest: words.slice(1) };
  if (w === "a" || w === "one") return { count: { op: "=", n: 1 }, rest: words.slice(1) };
  // "expect long beep": one
  return { count: { op: "=", n: 1 }, rest: words };
}

function parseSignalWord(word: string | undefined, next: string | undefined): { signal: Signal; long: boolean } | undefined {
  const flash = /^flash(es)?$/;
  const beep = /^beeps?$/;
  if ((word === "red" || word === "green") && next !== undefined && flash.test(next)) return { signal: word, long: false };
  if (word !== undefined && flash.test(word)) return { signal: "led", long: false };
  if (word !== undefined && beep.test(word)) return { signal: "buzzer", long: false };
  if (word === "long" && next !== undefined && beep.test(next)) return { signal: "buzzer", long: true };
  if (word === "motor" && next !== undefined && /^runs?$/.test(next)) return { signal: "motor", long: false };
  return undefined;
}

function parseExpectation(words: string[], raw: string, fail: (p: string) => never): Expectation {
  const [first, second] = words;
  if (first === "bolt") {
    if (second === "retracted" || second === "extended" || second === "between") {
      if (words.length > 2) fail(`unexpected "${words.slice(2).join(" ")}" after "expect bolt ${second}"`);
      return { what: "bolt", state: second };
    }
    return fail(`"expect bolt" takes retracted, extended or between, not "${second ?? ""}"`);
  }
  if ((first === "locked" || first === "unlocked") && words.length === 1) {
    return { what: "bolt", state: first === "locked" ? "extended" : "retracted" };
  }
  if (first === "motor" && (second === "off" || second === "running")) {
    if (words.length === 2) return { what: "motor", running: second === "running", forMs: 0 };
    const ms = words[2] === "for" ? parseDuration(words[3]) : undefined;
    if (ms === undefined || words.length !== 4) return fail(`write "expect motor ${second}" or "expect motor ${second} for 5s"`);
    return { what: "motor", running: second === "running", forMs: ms };
  }
  if (first === "no" && second === "timers") {
    const window = parseWindow(words.slice(2), fail, DEFAULT_SETTLE_MS);
    if (window.type !== "within") fail(`write "expect no timers" or "expect no timers within 10s"`);
    return { what: "noTimers", withinMs: window.ms };
  }
  if (first === "event" || (first === "no" && second === "event")) {
    const rest = words.slice(first === "event" ? 1 : 2);
    const end = rest.findIndex((w) => w === "within" || w === "for");
    const text = (end < 0 ? rest : rest.slice(0, end)).join(" ");
    if (!eventNames().some((name) => (text + " ").startsWith(name + " "))) {
      return fail(`"expect event" takes an event of the lock's log and its detail, e.g. "expect event unlock slot 1 within 3s"; events: ${eventNames().join(", ")}`);
    }
    return { what: "event", text, present: first === "event", window: parseWindow(end < 0 ? [] : rest.slice(end), fail) };
  }
  if (first === "log" || (first === "no" && second === "log")) {
    const present = first === "log";
    const m = /\blog\s+"([^"]*)"(.*)$/.exec(raw);
    if (!m || m[1] === "") return fail(`write the log text in double quotes: expect log "text"`);
    const after = m[2].replace(/\s#.*$/, "").trim();
    return { what: "log", text: m[1], present, window: parseWindow(after === "" ? [] : after.split(/\s+/), fail) };
  }
  if (Object.prototype.hasOwnProperty.call(PATTERNS, first)) {
    const names: PatternName[] = [first as PatternName];
    let rest = words.slice(1);
    let thenMore = false;
    while (rest[0] === "then") {
      if (rest[1] === "more") thenMore = true;
      else if (Object.prototype.hasOwnProperty.call(PATTERNS, rest[1] ?? "")) names.push(rest[1] as PatternName);
      else return fail(`"then" must be followed by a pattern name or "more", not "${rest[1] ?? ""}"`);
      rest = rest.slice(2);
      if (thenMore) break;
    }
    return { what: "pattern", names, window: parseWindow(rest, fail), thenMore };
  }
  // "expect red on for 5s within 10s"
  if ((first === "red" || first === "green" || first === "buzzer") && second === "on" && words[2] === "for") {
    const ms = parseDuration(words[3]);
    if (ms === undefined) return fail(`"${words[3] ?? ""}" is not a duration`);
    return { what: "lit", signal: first === "buzzer" ? "buzzer" : first, ms, window: parseWindow(words.slice(4), fail) };
  }
  const { count, rest } = parseCount(words);
  if (rest[0] === "flash" && rest[1] !== undefined && /^writes?$/.test(rest[1])) {
    return { what: "writes", count, window: parseWindow(rest.slice(2), fail) };
  }
  const parsed = parseSignalWord(rest[0], rest[1]);
  if (!parsed) {
    const names = Object.keys(PATTERNS).join(", ");
    return fail(
      `unknown expectation "${words.join(" ")}": expect bolt ..., locked, unlocked, motor off, no timers, log "...", event ..., ` +
        `N [red|green] flashes, N beeps, long beep, N motor runs, N flash writes, <color> on for <duration>, or a pattern (${names})`,
    );
  }
  const consumed = parsed.signal === "led" || (parsed.signal === "buzzer" && !parsed.long) ? 1 : 2;
  if (rest.length === 0) return fail(`expected what to count after "expect"`);
  return { what: "pulses", signal: parsed.signal, long: parsed.long, count, window: parseWindow(rest.slice(consumed), fail) };
}

function parseCommand(words: string[], raw: string, fail: (p: string) => never): Command {
  const [verb, ...args] = words;
  const arg = args.join(" ");
  switch (verb) {
    case "board":
      if (args.length !== 1) fail(`write "board <name>", e.g. "board proto-pico"`);
      return { kind: "board", name: args[0] };
    case "seed":
      if (args.length !== 1 || !/^\d+$/.test(args[0])) fail(`write "seed <integer>"`);
      return { kind: "seed", seed: Number(args[0]) };
    case "press": {
      if (arg === "program") return { kind: "program", action: "press" };
      const keys = parseKeys(args);
      if (keys === undefined) fail(`"press" takes keys 0-9, * (CLEAR), # (LOCK), or "program"; found "${arg}" (on a key line "#" is LOCK: put comments on their own line)`);
      return { kind: "press", keys };
    }
    case "release":
      if (arg !== "program") fail(`only "release program" exists`);
      return { kind: "program", action: "release" };
    case "hold": {
      if (args[0] === "program") {
        if (args.length === 1) return { kind: "program", action: "hold" };
        const ms = parseDuration(args[1]);
        if (ms === undefined || args.length !== 2) fail(`write "hold program 31s" (or "hold program" to keep it down)`);
        return { kind: "program", action: "hold", ms };
      }
      if (args[0] === "keys") {
        const ms = parseDuration(args[args.length - 1]);
        const keys = parseKeys(args.slice(1, -1));
        if (ms === undefined || keys === undefined) fail(`write "hold keys <keys> <duration>", e.g. "hold keys 5 3s"`);
        return { kind: "holdKeys", keys, ms };
      }
      return fail(`write "hold program <duration>" or "hold keys <keys> <duration>"`);
    }
    case "wait": {
      const ms = parseDuration(args[0]);
      if (ms === undefined || args.length !== 1) fail(`write "wait <duration>", e.g. "wait 5s" or "wait 200ms"`);
      return { kind: "wait", ms };
    }
    case "power":
      if (arg === "off") return { kind: "power", on: false, holdingProgram: false };
      if (arg === "on") return { kind: "power", on: true, holdingProgram: false };
      if (arg === "on holding program") return { kind: "power", on: true, holdingProgram: true };
      return fail(`write "power off", "power on" or "power on holding program"`);
    case "turn": {
      // turn key to locked|unlocked|50% [over 2s]
      if (args[0] !== "key" || args[1] !== "to") fail(`write "turn key to locked", "turn key to unlocked" or "turn key to 50%"`);
      const target = args[2];
      const position = target === "locked" ? 1 : target === "unlocked" ? 0 : parsePercent(target);
      if (position === undefined) fail(`"turn key to" takes locked, unlocked or a percentage, not "${target ?? ""}"`);
      let ms = DEFAULT_TURN_MS;
      if (args.length > 3) {
        const over = args[3] === "over" ? parseDuration(args[4]) : undefined;
        if (over === undefined || args.length !== 5) fail(`write "turn key to ${target} over 1s"`);
        ms = over;
      }
      return { kind: "turnKey", position, ms };
    }
    case "block": {
      const at = args[0] === "bolt" && args[1] === "at" ? parsePercent(args[2]) : undefined;
      if (at === undefined || args.length !== 3) fail(`write "block bolt at 50%"`);
      return { kind: "block", at };
    }
    case "unblock":
      if (arg !== "bolt") fail(`write "unblock bolt"`);
      return { kind: "block", at: null };
    case "battery": {
      if (arg === "fresh") return { kind: "battery", volts: "fresh" };
      const m = /^(\d+(?:\.\d+)?)V(?:\s+(\d+(?:\.\d+)?)ohm)?$/.exec(arg);
      if (!m) fail(`write "battery 4.6V", "battery 5V 4ohm" (worn cells that sag) or "battery fresh"`);
      return { kind: "battery", volts: Number(m[1]), ohms: m[2] === undefined ? undefined : Number(m[2]) };
    }
    case "fault": {
      if (args[0] === "motor" && args.length === 2 && ["open", "seized", "none"].includes(args[1])) {
        return { kind: "fault", part: "motor", fault: args[1] };
      }
      if (args[0] === "switch" && (args[1] === "retracted" || args[1] === "extended") && ["open", "closed", "ok"].includes(args[2]) && args.length === 3) {
        return { kind: "fault", part: args[1], fault: args[2] };
      }
      return fail(`write "fault motor open|seized|none" or "fault switch retracted|extended open|closed|ok"`);
    }
    case "hand":
      if (arg !== "left" && arg !== "right") fail(`write "hand left" or "hand right"`);
      return { kind: "hand", hand: arg };
    case "expect":
      if (args.length === 0) fail(`"expect" needs something to expect`);
      return { kind: "expect", expectation: parseExpectation(args, raw, fail) };
    default:
      return fail(`unknown command "${verb}"`);
  }
}

/** Parse a whole scenario; throws ScenarioError naming file:line and the problem. */
export function parseScenario(text: string, file = "<scenario>"): Line[] {
  const lines: Line[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const fail = (problem: string): never => {
      throw new ScenarioError(file, line, problem);
    };
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const words = stripComment(trimmed.split(/\s+/));
    lines.push({ line, text: trimmed, command: parseCommand(words, trimmed, fail) });
  });
  return lines;
}
