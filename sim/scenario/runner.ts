// Runs a parsed scenario against the simulator and checks its expectations (README, "Scenarios", defines
// windows and counting). The first failed expectation ends the run with file:line and what was seen.
// No file system here: the browser bench runs it too; ./run.ts adds the boards and images of the repository.
import { createSimulation, Simulation } from "../engine";
import type { ValidatedBoard } from "../../tools/boards/validate";
import { SWITCH_ZONE } from "../model/mechanism";
import { lockEvents } from "../record/events";
import { Count, Expectation, Hand, Line, parseScenario, PATTERNS, ScenarioError, Signal, Window } from "./parse";
import { Change, describePulses, either, lengthOf, Pulse, pulsesOf, seconds, startingIn } from "./pulses";

export const DEFAULT_BOARD = "proto-pico";

/** key timing of `press` */
export const KEY_HOLD_MS = 100;
export const KEY_GAP_MS = 150;
/** `press program` */
export const PROGRAM_TAP_MS = 200;
/** a long beep lasts at least this (SPEC.md section 2) */
export const LONG_BEEP_MS = 800;
/** poll period of the "until" expectations (log present, no timers) */
const POLL_MS = 50;

export interface BoardAndImage {
  board: ValidatedBoard;
  image: string;
  imageName: string;
}

export interface RunOptions {
  /** the file name used in messages */
  file: string;
  /** board for a scenario without a `board` line */
  defaultBoard?: string;
  /** the board a person asked for (make sim BOARD=...): a scenario whose `board` line names another is refused */
  requiredBoard?: string;
  /** where boards and images come from (./run.ts: the repository's; tests give a toy) */
  resolve: (name: string) => BoardAndImage;
  onLog?: (t: number, line: string) => void;
  /** called after each command (the CLI prints progress) */
  onCommand?: (line: Line, sim: Simulation) => void;
}

export interface Failure {
  file: string;
  line: number;
  text: string;
  message: string;
}

export interface RunResult {
  ok: boolean;
  failure?: Failure;
  /** the expectations that held, in order */
  passed: Line[];
  sim?: Simulation;
}

/** Runs scenario text; a parse error throws ScenarioError, a failed expectation ends in `failure`. */
export function runScenarioText(text: string, options: RunOptions): RunResult {
  return runScenario(parseScenario(text, options.file), options);
}

class ExpectationFailed extends Error {}

/**
 * Whether the batteries are in when the scenario starts: yes, unless a `power` command comes before the
 * first command that involves the lock (press, hold, release, wait, expect). The settings and key turns
 * before it set the scene with the batteries out (e.g. the bolt half out before the first power-up).
 */
export function startsPowered(lines: Line[]): boolean {
  const first = lines.find((l) => ["press", "holdKeys", "program", "wait", "expect", "power"].includes(l.command.kind));
  return first?.command.kind !== "power";
}

export function runScenario(lines: Line[], options: RunOptions): RunResult {
  const resolve = options.resolve;
  const powered = startsPowered(lines);
  let boardName: string | undefined;
  let seed: number | undefined;
  let hand: Hand = "right";
  let sim: Simulation | undefined;
  /** the last action's start and end: `within` windows run from start to end + duration */
  let actionStart = 0;
  let actionEnd = 0;
  let uncaughtSeen = 0;
  let writesAtAction = 0;
  let lastKeyUp = -Infinity;
  const passed: Line[] = [];

  for (const line of lines) {
    const fail = (message: string): never => {
      throw new ExpectationFailed(message);
    };
    const at = (problem: string) => new ScenarioError(options.file, line.line, problem);
    const c = line.command;
    try {
      if (c.kind === "board") {
        if (sim) throw at(`"board" must come before the first command that runs the lock`);
        const asked = options.requiredBoard;
        if (asked !== undefined && asked !== c.name) {
          throw at(`this scenario is for board ${c.name}, but board ${asked} was asked for (BOARD=/--board): leave it out, or change this line`);
        }
        boardName = c.name;
        continue;
      }
      if (c.kind === "seed") {
        if (sim) throw at(`"seed" must come before the first command that runs the lock`);
        seed = c.seed;
        continue;
      }
      if (!sim) {
        const { board, image, imageName } = resolve(boardName ?? options.requiredBoard ?? options.defaultBoard ?? DEFAULT_BOARD);
        sim = createSimulation({ board, image, imageName, seed, hand, onLog: options.onLog });
        // the batteries go in at 0 s: that is the first action, which `within` windows measure from
        if (powered) sim.powerOn();
      }
      const s = sim;
      const act = (fn: () => void) => {
        actionStart = s.now();
        writesAtAction = s.flashWrites();
        fn();
        actionEnd = s.now();
      };
      switch (c.kind) {
        case "press":
          // a person's finger needs a moment between keys: a press right after another key's release waits
          if (s.now() - lastKeyUp < KEY_GAP_MS) s.advance(KEY_GAP_MS - (s.now() - lastKeyUp));
          act(() => {
            [...c.keys].forEach((key, i) => {
              if (i > 0) s.advance(KEY_GAP_MS);
              s.tap(key, KEY_HOLD_MS);
            });
          });
          lastKeyUp = s.now();
          break;
        case "holdKeys":
          act(() => {
            for (const key of c.keys) s.keyDown(key);
            s.advance(c.ms);
            for (const key of c.keys) s.keyUp(key);
          });
          lastKeyUp = s.now();
          break;
        case "program":
          if (c.action === "release" && !s.programHeld()) throw at(`Program is not held: nothing to release`);
          act(() => {
            if (c.action === "press") {
              s.setProgram(true);
              s.advance(PROGRAM_TAP_MS);
              s.setProgram(false);
            } else if (c.action === "hold") {
              s.setProgram(true);
              if (c.ms !== undefined) {
                s.advance(c.ms);
                s.setProgram(false);
              }
            } else s.setProgram(false);
          });
          break;
        case "wait":
          s.advance(c.ms);
          break;
        case "power":
          if (c.on === s.powered()) throw at(`the lock is already powered ${c.on ? "on" : "off"}`);
          act(() => (c.on ? s.powerOn({ holdingProgram: c.holdingProgram }) : s.powerOff()));
          break;
        case "turnKey":
          act(() => {
            s.turnKey(c.position, c.ms);
            s.advance(c.ms);
          });
          break;
        case "block":
          s.blockBolt(c.at);
          break;
        case "battery":
          if (c.volts === "fresh") s.replaceBattery();
          else {
            s.setBatteryVolts(c.volts);
            s.setBatteryResistance(c.ohms);
          }
          break;
        case "fault":
          s.setFault(c.part, c.fault);
          break;
        case "hand":
          hand = c.hand;
          s.setHand(c.hand);
          break;
        case "expect":
          check(s, c.expectation, { start: actionStart, end: actionEnd, writes: writesAtAction }, fail);
          passed.push(line);
          break;
      }
      if (c.kind === "power") uncaughtSeen = 0; // a new CPU: its own list
      const uncaught = s.uncaught();
      if (uncaught.length > uncaughtSeen) {
        const news = uncaught.slice(uncaughtSeen);
        uncaughtSeen = uncaught.length;
        fail(`the firmware threw: ${news.join("; ")}`);
      }
      options.onCommand?.(line, s);
    } catch (err) {
      if (err instanceof ExpectationFailed) {
        return { ok: false, passed, sim, failure: { file: options.file, line: line.line, text: line.text, message: err.message } };
      }
      if (err instanceof ScenarioError) throw err;
      // a missing board or image, a broken model: name the line that was running
      throw at((err as Error).message);
    }
  }
  return { ok: true, passed, sim };
}

interface Mark {
  start: number;
  end: number;
  /** flash writes when the last action started */
  writes: number;
}

/** [from, to] of a window; advances the simulation to its end when that is still ahead */
function windowOf(sim: Simulation, window: Window, mark: Mark): { from: number; to: number } {
  const from = window.type === "within" ? mark.start : sim.now();
  const to = window.type === "within" ? mark.end + window.ms : sim.now() + window.ms;
  if (to > sim.now()) sim.advance(to - sim.now());
  return { from, to };
}

function changesOf(sim: Simulation, signal: Signal): Change[] {
  if (signal === "led") return either(sim.timeline.changes("red"), sim.timeline.changes("green"));
  if (signal === "motor") return sim.timeline.motorChanges();
  return sim.timeline.changes(signal);
}

const NOUN: Record<Signal, [string, string]> = {
  red: ["red flash", "red flashes"],
  green: ["green flash", "green flashes"],
  led: ["flash", "flashes"],
  buzzer: ["beep", "beeps"],
  motor: ["motor run", "motor runs"],
};

function countText(count: Count, noun: [string, string]): string {
  const word = count.n === 1 ? noun[0] : noun[1];
  const op = count.op === ">=" ? "at least " : count.op === "<=" ? "at most " : "";
  return `${op}${count.n === 0 && count.op === "=" ? "no" : count.n} ${word}`;
}

function holds(count: Count, n: number): boolean {
  return count.op === "=" ? n === count.n : count.op === ">=" ? n >= count.n : n <= count.n;
}

function span(from: number, to: number): string {
  return `between ${seconds(from)} and ${seconds(to)}`;
}

function boltState(sim: Simulation): "retracted" | "extended" | "between" {
  const p = sim.mechanism.position;
  return p <= SWITCH_ZONE ? "retracted" : p >= 1 - SWITCH_ZONE ? "extended" : "between";
}

function check(sim: Simulation, e: Expectation, mark: Mark, fail: (message: string) => never): void {
  switch (e.what) {
    case "bolt": {
      const state = boltState(sim);
      if (state !== e.state) fail(`expected the bolt ${e.state}, it is ${state} (${Math.round(sim.mechanism.position * 100)}% extended) at ${seconds(sim.now())}`);
      return;
    }
    case "pulses": {
      const { from, to } = windowOf(sim, e.window, mark);
      let pulses = startingIn(pulsesOf(changesOf(sim, e.signal)), from, to);
      if (e.long) pulses = pulses.filter((p) => lengthOf(p, sim.now()) >= LONG_BEEP_MS);
      const noun: [string, string] = e.long ? ["long beep", "long beeps"] : NOUN[e.signal];
      if (!holds(e.count, pulses.length)) {
        fail(`expected ${countText(e.count, noun)} ${span(from, to)}, saw ${describePulses(pulses, sim.now())}`);
      }
      return;
    }
    case "lit": {
      const { from, to } = windowOf(sim, e.window, mark);
      const started = () => startingIn(pulsesOf(changesOf(sim, e.signal)), from, to);
      // let a pulse that is still on finish, or pass its expected length by 10 %
      const open = started().find((p) => p.end === Infinity);
      if (open) sim.advance(Math.max(0, open.start + e.ms * 1.1 + 1 - sim.now()));
      const pulses = started();
      const match = pulses.find((p) => Math.abs(lengthOf(p, sim.now()) - e.ms) <= e.ms * 0.1);
      if (!match) fail(`expected ${e.signal} on for ${seconds(e.ms)} (within 10%) starting ${span(from, to)}, saw ${describePulses(pulses, sim.now())}`);
      return;
    }
    case "pattern":
      checkPattern(sim, e.names, windowOf(sim, e.window, mark), e.thenMore, fail);
      return;
    case "motor": {
      const running = () => sim.outputs().drive !== "stop";
      if (e.forMs === 0) {
        if (running() !== e.running) fail(`expected the motor ${e.running ? "running" : "off"}, it is ${running() ? `driving ${sim.outputs().drive}` : "off"} at ${seconds(sim.now())}`);
        return;
      }
      const from = sim.now();
      const wasRunning = running();
      sim.advance(e.forMs);
      const changes = sim.timeline.events.filter((ev) => ev.kind === "motor" && ev.t >= from && ev.t <= sim.now());
      if (wasRunning !== e.running || changes.length > 0) {
        const seen = changes.map((ev) => `${ev.kind === "motor" ? ev.drive : ""} at ${seconds(ev.t)}`).join(", ");
        fail(`expected the motor ${e.running ? "running" : "off"} ${span(from, sim.now())}, it was ${wasRunning ? "running" : "off"} at the start${seen ? `, then ${seen}` : ""}`);
      }
      return;
    }
    case "writes": {
      const before = e.window.type === "within" ? mark.writes : sim.flashWrites();
      const { from, to } = windowOf(sim, e.window, mark);
      const n = sim.flashWrites() - before;
      if (!holds(e.count, n)) fail(`expected ${countText(e.count, ["flash write", "flash writes"])} ${span(from, to)}, saw ${n}`);
      return;
    }
    case "noTimers": {
      if (!sim.powered()) fail(`expected no timers, but the lock is powered off`);
      const until = sim.now() + e.withinMs;
      while (sim.armedTimers() > 0 && sim.now() < until) sim.advance(Math.min(POLL_MS, until - sim.now()));
      if (sim.armedTimers() > 0) fail(`expected no timers armed within ${seconds(e.withinMs)}, ${sim.armedTimers()} still armed at ${seconds(sim.now())}`);
      return;
    }
    case "event": {
      const from = e.window.type === "within" ? mark.start : sim.now();
      const to = e.window.type === "within" ? mark.end + e.window.ms : sim.now() + e.window.ms;
      const found = () => lockEvents(sim.timeline, from, Math.min(to, sim.now())).find((l) => eventMatches(l.text, e.text));
      if (e.present) {
        while (!found() && sim.now() < to) sim.advance(Math.min(POLL_MS, to - sim.now()));
        if (!found()) fail(`expected the event "${e.text}" in the lock's log ${span(from, to)}, saw ${describeEvents(sim, from, to)}`);
      } else {
        if (to > sim.now()) sim.advance(to - sim.now());
        const ev = found();
        if (ev) fail(`expected no event "${e.text}" in the lock's log ${span(from, to)}, saw "${ev.text}" at ${seconds(ev.t)}`);
      }
      return;
    }
    case "log": {
      const from = e.window.type === "within" ? mark.start : sim.now();
      const to = e.window.type === "within" ? mark.end + e.window.ms : sim.now() + e.window.ms;
      const found = () => sim.timeline.logs(from, Math.min(to, sim.now())).find((l) => l.text.includes(e.text));
      if (e.present) {
        while (!found() && sim.now() < to) sim.advance(Math.min(POLL_MS, to - sim.now()));
        if (!found()) fail(`expected a log line containing "${e.text}" ${span(from, to)}, saw ${describeLogs(sim, from, to)}`);
      } else {
        if (to > sim.now()) sim.advance(to - sim.now());
        const line = found();
        if (line) fail(`expected no log line containing "${e.text}" ${span(from, to)}, saw "${line.text}" at ${seconds(line.t)}`);
      }
      return;
    }
  }
}

/** an event's words begin with the expected ones: "lock" is "lock one-touch", never "lockout 60 s" */
function eventMatches(text: string, expected: string): boolean {
  return (text + " ").startsWith(expected + " ");
}

function describeEvents(sim: Simulation, from: number, to: number): string {
  const events = lockEvents(sim.timeline, from, to);
  if (events.length === 0) return "no events";
  return events.slice(-8).map((e) => `${seconds(e.t)} "${e.text}"`).join(", ");
}

function describeLogs(sim: Simulation, from: number, to: number): string {
  const lines = sim.timeline.logs(from, to);
  if (lines.length === 0) return "no log lines";
  return lines.slice(-8).map((l) => `${seconds(l.t)} "${l.text}"`).join(", ");
}

/** flash 100-300 ms on and at least 100 ms off; beep 50-300 ms; long beep >= 800 ms (SPEC.md section 2) */
function shapeProblems(name: string, red: Pulse[], green: Pulse[], beeps: Pulse[], now: number): string[] {
  const problems: string[] = [];
  const flashes = (color: string, pulses: Pulse[], longRedOk: boolean) => {
    pulses.forEach((p, i) => {
      const len = lengthOf(p, now);
      const handingRed = longRedOk && Math.abs(len - 5000) <= 500;
      if (!handingRed && (len < 100 || len > 300)) problems.push(`${color} flash at ${seconds(p.start)} lasts ${Math.round(len)}ms (100-300ms)`);
      const next = pulses[i + 1];
      if (next && next.start - p.end < 100) problems.push(`${color} off only ${Math.round(next.start - p.end)}ms after ${seconds(p.start)} (at least 100ms)`);
    });
  };
  flashes("red", red, name === "HANDING_FAILED");
  flashes("green", green, false);
  for (const b of beeps) {
    const len = lengthOf(b, now);
    if (len > 300 && len < LONG_BEEP_MS) problems.push(`beep at ${seconds(b.start)} lasts ${Math.round(len)}ms (50-300ms, or a long beep >= 800ms)`);
    if (len < 50) problems.push(`beep at ${seconds(b.start)} lasts only ${Math.round(len)}ms (at least 50ms)`);
  }
  if (name === "HANDING_FAILED" && !red.some((p) => Math.abs(lengthOf(p, now) - 5000) <= 500)) problems.push("no red light of 5s");
  return problems;
}

/**
 * Patterns never overlap and play in order (SPEC.md section 2), so the pulses that start in the
 * window, sorted by start, split into one run per expected pattern: each run must hold exactly that
 * pattern's flashes and beeps, and nothing may follow unless `then more` was written.
 */
function checkPattern(
  sim: Simulation,
  names: Array<keyof typeof PATTERNS>,
  w: { from: number; to: number },
  thenMore: boolean,
  fail: (message: string) => never,
): void {
  type Tagged = Pulse & { kind: "red" | "green" | "buzzer" };
  const inWindow = (kind: "red" | "green" | "buzzer"): Tagged[] =>
    startingIn(pulsesOf(changesOf(sim, kind)), w.from, w.to).map((p) => ({ ...p, kind }));
  const all = () => [...inWindow("red"), ...inWindow("green"), ...inWindow("buzzer")];
  // let the last pulse in the window finish before measuring shapes
  const giveUp = sim.now() + (names.includes("HANDING_FAILED") ? 6000 : 1500);
  while (all().some((p) => p.end === Infinity) && sim.now() < giveUp) sim.advance(POLL_MS);
  const kindOrder = { red: 0, green: 1, buzzer: 2 };
  const pulses = all().sort((a, b) => a.start - b.start || kindOrder[a.kind] - kindOrder[b.kind]);
  const now = sim.now();
  const title = names.join(" then ");
  const describeAll = (list: Tagged[]) =>
    list.length === 0 ? "nothing" : list.map((p) => `${p.kind === "buzzer" ? "beep" : p.kind} ${seconds(p.start)} (${Math.round(lengthOf(p, now))}ms)`).join(", ");
  let next = 0;
  for (const name of names) {
    const want = PATTERNS[name];
    const size = want.red + want.green + want.beeps;
    const run = pulses.slice(next, next + size);
    next += size;
    const red = run.filter((p) => p.kind === "red");
    const green = run.filter((p) => p.kind === "green");
    const beeps = run.filter((p) => p.kind === "buzzer");
    const longBeeps = beeps.filter((p) => lengthOf(p, now) >= LONG_BEEP_MS);
    if (red.length !== want.red || green.length !== want.green || beeps.length !== want.beeps || longBeeps.length !== want.longBeeps) {
      const wanted = `${want.red} red and ${want.green} green flashes, ${want.beeps} beep${want.beeps === 1 ? "" : "s"}${want.longBeeps ? ` (${want.longBeeps} long)` : ""}`;
      fail(`expected ${title} ${span(w.from, w.to)}; ${name} should be ${wanted}; saw ${describeAll(pulses)}`);
    }
    const problems = shapeProblems(name, red, green, beeps, now);
    if (problems.length > 0) fail(`${name} ${span(w.from, w.to)} has the right counts but the wrong shape: ${problems.join("; ")}`);
  }
  if (!thenMore && next < pulses.length) {
    fail(`expected only ${title} ${span(w.from, w.to)}, but more followed; saw ${describeAll(pulses)}`);
  }
}
