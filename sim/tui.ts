// The interactive view (`make sim` without SCENARIO): the real image in real time, drawn with plain ANSI
// escapes to fit an 80x24 terminal (a larger one shows more history and log). It keeps a record: what
// happened in words (sim/record/history.ts), the lock's event log as it writes it (sim/record/events.ts) with
// the console lines of its troubles, the digits typed so far, and the whole Latchkey.status(). Keys: 0-9, # or Enter = LOCK, * or Backspace = CLEAR, p press Program, P hold/release
// Program, k turn the key, b block/unblock the bolt, + / - battery voltage, o batteries out/in, q quit.
import { createSimulation, Simulation } from "./engine";
import { lockEvents } from "./record/events";
import { digitsTyped, history } from "./record/history";
import { statusItems, wrapItems } from "./record/status-words";
export { statusItems, wrapItems } from "./record/status-words";
import type { BoardAndImage } from "./scenario/run";
import { renderSvg } from "./svg";
import * as fs from "fs";

const KEY_TAP_MS = 120;
/** typed or pasted keys are pressed one after another, like a person would, not all at once */
const KEY_GAP_MS = 80;
const PROGRAM_TAP_MS = 200;
const TURN_MS = 500;
const FRAME_MS = 50;
const STATUS_EVERY_MS = 500;

const ESC = "\x1b[";
const RESET = `${ESC}0m`;
const BOLD = `${ESC}1m`;
const INVERSE = `${ESC}7m`;
const DIM = `${ESC}2m`;
const RED = `${ESC}31m`;
const GREEN = `${ESC}32m`;
const YELLOW = `${ESC}33m`;

const HELP = [
  "0-9 digits  #/Enter LOCK  */Backspace CLEAR  p Program  P hold/release Program",
  "k turn key  b block bolt  +/- battery volts  o batteries out/in  q quit",
];

export interface TuiOptions {
  svg?: string;
  /** for tests: input and output other than the process's terminal */
  input?: NodeJS.ReadStream;
  output?: NodeJS.WriteStream;
}

export interface TuiState {
  sim: Simulation;
  log: string[];
  /** Latchkey.status() as the console answered it, or why not */
  status: unknown;
  message: string;
  blocked: boolean;
  /** keys typed and not yet pressed on the simulated keypad */
  queue?: string[];
  typing?: boolean;
}

function lamp(on: boolean, color: string, name: string): string {
  return on ? `${color}${BOLD}(*)${RESET} ${name}` : `${DIM}( )${RESET} ${name}`;
}

function bar(position: number, width: number): string {
  const filled = Math.round(position * width);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}]`;
}

function visible(text: string): number {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").length;
}

/** plain text no wider than `width` (a line that does not fit ends in "~") */
function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}~`;
}

/** console lines of the lock's that its event log does not carry (errors, faults, memory, no journal) */
const TROUBLE = /error|fault|fail|memory|journal|running|Uncaught/i;

/** The screen as lines of text with ANSI colours, exactly `rows` of them, none wider than `columns` (exported for tests). */
export function renderScreen(state: TuiState, columns = 80, rows = 24): string[] {
  const width = Math.max(40, columns - 1);
  const sim = state.sim;
  const out = sim.outputs();
  const held = new Set<string>();
  for (const e of sim.timeline.events) if (e.kind === "key") (e.down ? held.add(e.key) : held.delete(e.key));
  const keyCap = (k: string) => (held.has(k) ? `${INVERSE} ${k} ${RESET}` : ` ${k} `);
  const keyRows = ["123", "456", "789", "*0#"].map((r) => `|${[...r].map(keyCap).join("|")}|`);
  const amps = sim.mechanism.amps();
  const volts = sim.battery.terminalVolts(amps);
  const position = sim.mechanism.position;
  const boltWord = position <= 0.02 ? "retracted" : position >= 0.98 ? "extended" : "between";
  const power = sim.powered() ? `${GREEN}ON${RESET}` : `${RED}OFF (batteries out)${RESET}`;
  const digits = digitsTyped(sim.timeline, sim.now());
  const left = ["+---+---+---+", ...keyRows, "+---+---+---+"];
  const right = [
    `${lamp(out.red, RED, "red")}   ${lamp(out.green, GREEN, "green")}   ${out.buzzer ? `${YELLOW}${BOLD}BEEP${RESET}` : `${DIM}buzzer${RESET}`}`,
    `motor ${out.drive === "stop" ? "stop" : `${BOLD}drive ${out.drive}${RESET}`}   current ${amps.toFixed(2)} A`,
    `bolt ${bar(position, 20)} ${Math.round(position * 100)}% ${boltWord}${sim.mechanism.held() ? " (key)" : ""}`,
    `battery ${volts.toFixed(2)} V (open circuit ${sim.battery.openCircuitVolts().toFixed(2)} V)`,
    `Program ${sim.programHeld() ? `${BOLD}held${RESET}` : "up"}   hand ${sim.hand()}   timers ${sim.armedTimers()}`,
    `typed ${digits > 0 ? `${BOLD}${".".repeat(digits)}${RESET} (${digits} digit${digits === 1 ? "" : "s"})` : `${DIM}-${RESET}`}${state.message ? `   ${YELLOW}${fit(state.message, width - 32)}${RESET}` : ""}`,
  ];
  const lines = [fitAnsi(`${BOLD}Latchkey simulator${RESET}  board ${sim.board.name}   t=${(sim.now() / 1000).toFixed(1)}s   power ${power}`, width)];
  for (let i = 0; i < left.length; i++) lines.push(` ${left[i]}   ${right[i]}`);
  lines.push(...wrapItems("status: ", sim.powered() ? statusItems(state.status) : ["(batteries out)"], width));
  // what is left is shared by the history (what happened, in words) and the event log
  const spare = Math.max(4, rows - lines.length - HELP.length);
  const historyRows = Math.ceil(spare * 0.6);
  const consoleRows = spare - historyRows;
  const header = (title: string) => `${DIM}--- ${title} ${"-".repeat(Math.max(0, width - title.length - 5))}${RESET}`;
  const tail = <T>(list: T[], n: number) => (n <= 0 ? [] : list.slice(-n));
  const said = tail(history(sim.timeline, sim.now()), historyRows - 1).map((h) => fit(`${(h.t / 1000).toFixed(1).padStart(7)}s  ${h.text}`, width));
  lines.push(header("what happened"), ...said, ...Array(Math.max(0, historyRows - 1 - said.length)).fill(""));
  // the event log (its power-up and seconds since it, as make log shows them), and the console's troubles
  const written = lockEvents(sim.timeline).map((e) => ({ t: e.t, text: `${(e.t / 1000).toFixed(1).padStart(7)}s  #${e.entry.powerUp} +${e.entry.seconds}s  ${e.text}` }));
  const troubles = state.log.filter((l) => !/\[(latchkey|sim)\] /.test(l) || TROUBLE.test(l)).map((l) => ({ t: parseFloat(l) * 1000, text: l }));
  const logs = tail(written.concat(troubles).sort((a, b) => a.t - b.t), consoleRows - 1).map((l) => fit(l.text, width));
  lines.push(header("event log"), ...logs, ...Array(Math.max(0, consoleRows - 1 - logs.length)).fill(""));
  lines.push(...HELP.map((h) => `${DIM}${fit(h, width)}${RESET}`));
  return lines.slice(0, rows);
}

/** a line with colours cut to `width` visible characters only when it is longer (colours reset at the cut) */
function fitAnsi(text: string, width: number): string {
  if (visible(text) <= width) return text;
  let shown = 0;
  let out = "";
  for (let i = 0; i < text.length && shown < width; i++) {
    const escape = /^\x1b\[[0-9;?]*[A-Za-z]/.exec(text.slice(i));
    if (escape) {
      out += escape[0];
      i += escape[0].length - 1;
    } else {
      out += text[i];
      shown++;
    }
  }
  return out + RESET;
}

/** What a key on the terminal does to the simulation; returns false for quit. */
export function handleKey(state: TuiState, key: string, later: (fn: () => void, ms: number) => void): boolean {
  const sim = state.sim;
  state.message = "";
  const queue = (state.queue = state.queue ?? []);
  const pump = () => {
    const legend = queue.shift();
    state.typing = legend !== undefined;
    if (legend === undefined) return;
    sim.keyDown(legend);
    later(() => {
      sim.keyUp(legend);
      later(pump, KEY_GAP_MS);
    }, KEY_TAP_MS);
  };
  const tap = (legend: string) => {
    queue.push(legend);
    if (!state.typing) pump();
  };
  if (/^[0-9]$/.test(key)) tap(key);
  else if (key === "#" || key === "\r" || key === "\n") tap("#");
  else if (key === "*" || key === "\x7f" || key === "\b") tap("*");
  else if (key === "p") {
    sim.setProgram(true);
    later(() => sim.setProgram(false), PROGRAM_TAP_MS);
  } else if (key === "P") {
    sim.setProgram(!sim.programHeld());
    state.message = sim.programHeld() ? "Program held down (P again releases it)" : "Program released";
  } else if (key === "k") {
    const to = sim.mechanism.position > 0.5 ? 0 : 1;
    sim.turnKey(to, TURN_MS);
    state.message = `key turned to ${to ? "locked" : "unlocked"}`;
  } else if (key === "b") {
    state.blocked = !state.blocked;
    sim.blockBolt(state.blocked ? 0.5 : null);
    state.message = state.blocked ? "bolt blocked at 50% (the strike is in the way)" : "bolt unblocked";
  } else if (key === "+" || key === "=" || key === "-") {
    const v = Math.max(2, Math.min(7, sim.battery.openCircuitVolts() + (key === "-" ? -0.1 : 0.1)));
    sim.setBatteryVolts(Math.round(v * 100) / 100);
  } else if (key === "o") {
    if (sim.powered()) sim.powerOff();
    else sim.powerOn();
  } else if (key === "q" || key === "\x03") return false;
  return true;
}

export function startTui(loaded: BoardAndImage, options: TuiOptions = {}): Promise<number> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const state: TuiState = { sim: undefined as unknown as Simulation, log: [], status: undefined, message: "", blocked: false };
  state.sim = createSimulation({
    board: loaded.board,
    image: loaded.image,
    imageName: loaded.imageName,
    seed: 1,
    onLog: (t, line) => state.log.push(`${(t / 1000).toFixed(3).padStart(9)} ${line}`),
  });
  const sim = state.sim;
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void, ms: number) => {
    const id = setTimeout(() => {
      timers.delete(id);
      fn();
    }, ms);
    timers.add(id);
  };

  let lastStatus = 0;
  const draw = () => {
    if (Date.now() - lastStatus > STATUS_EVERY_MS) {
      lastStatus = Date.now();
      try {
        state.status = sim.status() ?? "no Latchkey.status() on the console";
      } catch (err) {
        state.status = `Latchkey.status() threw: ${(err as Error).message}`;
      }
    }
    const lines = renderScreen(state, output.columns || 80, output.rows || 24);
    output.write(`${ESC}H${lines.map((l) => `${l}${ESC}K`).join("\r\n")}${ESC}J`);
  };

  return new Promise((resolve) => {
    output.write(`${ESC}?1049h${ESC}?25l${ESC}2J`);
    if (input.isTTY) input.setRawMode(true);
    input.setEncoding("utf8");
    input.resume();
    sim.powerOn();
    sim.startRealTime(undefined, 20);
    const frame = setInterval(draw, FRAME_MS);
    const quit = () => {
      clearInterval(frame);
      sim.stopRealTime();
      for (const id of timers) clearTimeout(id);
      input.removeListener("data", onData);
      if (input.isTTY) input.setRawMode(false);
      input.pause();
      output.write(`${ESC}?25h${ESC}?1049l`);
      if (options.svg) {
        fs.writeFileSync(options.svg, renderSvg(sim.timeline, { title: `Latchkey ${sim.board.name} (interactive)` }));
        output.write(`timeline drawn in ${options.svg}\n`);
      }
      resolve(0);
    };
    const onData = (chunk: string) => {
      for (const key of chunk) {
        if (!handleKey(state, key, later)) {
          quit();
          return;
        }
      }
      draw();
    };
    input.on("data", onData);
    draw();
  });
}
