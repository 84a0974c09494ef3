// The real interpreter in the loop: a board's image on Espruino's Linux build, loaded from `.bootcde` as a board
// loads it at power-up, over a model of the board's hardware (rig/<board>.boot0.js, which runs rig/model.js from
// `.boot0`). Black box: only pins (what the model prints), console lines and expressions typed at the console.
//
//   const lock = await RealBoard.start({ board: "proto-pico" });  // fresh flash (.boot0 + .bootcde), power-up
//   await lock.quiet();                          // until LEDs, buzzer and motor have been still for 1 s
//   const mark = lock.mark();                    // a point in the record; counts below are from it
//   await lock.press("P"); await lock.press("1234#");   // the model taps the keys ("P": Program), then lets go
//   await lock.hold("P"); await lock.release("P"); await lock.tap("1234#");  // the same, timed from here
//   lock.flashes("green", mark); lock.beeps(mark); lock.motorRuns(mark)
//   await lock.status();                         // Latchkey.status()
//   await lock.rig();                            // the model: {bolt, retracted, extended, motor, amps, shorts, ...}
//   await lock.eval("Latchkey.log(5)");          // any expression, as JSON
//   await lock.waitFor((e) => e.text.includes("lockout"), 5000);  // a console line or model event
//   await lock.powerCut(); await lock.powerUp(); // SIGKILL; then a power-up on the same espruino.flash
//   await lock.memory();                         // process.memory().usage (the model's own vars included)
//   lock.problems();                             // Uncaught / ERROR lines, shorts, the model's findings
//   await lock.stop();                           // SIGKILL, folder removed
// Options: image or imageText (default build/<board>/firmware.min.js), prelude or preludeText (default the
// board's rig/<board>.boot0.js), conditions (the model's state at power-up: hand, bolt, travelMs, obstacle,
// volts, ohms, hold, sample; powerUp(conditions) changes them), telnet (the console also on a free TCP port:
// lock.telnetPort). The model's events are entries of lock.record: {run, kind, t, args} ("pin B2 1" is kind
// "pin", args ["B2", "1"]); lock.lines() gives the console's lines.
// Timing: the record's times are the model's milliseconds since power-up; waits are wall-clock with generous
// limits, so a slower or faster interpreter passes the same checks.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { loadBoard, ValidatedBoard } from "../boards/load";
import { findInterpreter, Interpreter, ROOT } from "./find";
import { preludeFile } from "./preludes";
import { writeStorage } from "./storage";

export interface RigConditions {
  hand?: "right" | "left";
  /** 0 retracted .. 1 extended */
  bolt?: number;
  travelMs?: number;
  obstacle?: number;
  volts?: number;
  ohms?: number;
  /** "P": Program held at power-up */
  hold?: "P";
  /** sample process.memory() at every pin call from power-up (Rig.memory()) */
  sample?: boolean;
}

export interface RealBoardOptions {
  board: string;
  /** the image's file (default build/<board>/firmware.min.js), or its text */
  image?: string;
  imageText?: string;
  /** the .boot0's file (default rig/<board>.boot0.js), or its text */
  prelude?: string;
  preludeText?: string;
  conditions?: RigConditions;
  telnet?: boolean;
}

/** One line of the record: a console line, or a model event ("[rig] <ms> <kind> <args>"). */
export interface Entry {
  /** which power-up (0 first) */
  run: number;
  kind: "console" | string;
  /** model ms since that power-up (console lines: the last model time seen) */
  t: number;
  args: string[];
  text: string;
}

export type RigState = {
  bolt: number;
  retracted: boolean;
  extended: boolean;
  motor: "A" | "B" | "brake" | "off";
  amps: number;
  volts: number;
  shorts: string[];
  findings: string[];
  deepSleep: number;
  watches: number;
};

const live = new Set<ChildProcess>();
process.on("exit", () => live.forEach((p) => p.kill("SIGKILL")));

/** a TCP port nothing listens on (just now) */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export class RealBoard {
  readonly record: Entry[] = [];
  telnetPort = 0;
  private proc?: ChildProcess;
  private exited?: Promise<void>;
  private run = -1;
  private partial = "";
  private lastActivity = Date.now();
  private evalId = 0;
  private waiters: Array<() => void> = [];
  private conditions: RigConditions;

  private constructor(
    readonly board: ValidatedBoard,
    readonly dir: string,
    private readonly interpreter: Interpreter,
    private readonly options: RealBoardOptions,
  ) {
    this.conditions = { ...options.conditions };
  }

  static async start(options: RealBoardOptions): Promise<RealBoard> {
    const found = findInterpreter();
    if ("missing" in found) throw new Error(found.missing);
    const board = loadBoard(path.join(ROOT, "boards", options.board + ".json"));
    const read = (file: string) => fs.readFileSync(file, "latin1");
    const image = options.imageText ?? read(options.image ?? path.join(ROOT, "build", board.name, "firmware.min.js"));
    const prelude = options.preludeText ?? read(options.prelude ?? preludeFile(board.name));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `latchkey-${board.name}-`));
    writeStorage(found.binary, dir, { ".boot0": prelude, ".bootcde": image });
    const lock = new RealBoard(board, dir, found, options);
    await lock.powerUp();
    return lock;
  }

  /** Power-up on the same flash; `conditions` change the model's (the bolt stays where it was). */
  async powerUp(conditions: RigConditions = {}): Promise<void> {
    if (this.proc) throw new Error("powerUp: the board is running; powerCut() first");
    Object.assign(this.conditions, conditions);
    fs.writeFileSync(path.join(this.dir, "rig.json"), JSON.stringify(this.conditions));
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (this.interpreter.shim) {
      env.LD_PRELOAD = this.interpreter.shim;
      env.LATCHKEY_DIE_WITH_PARENT = "1";
    }
    if (this.options.telnet) {
      if (!this.interpreter.shim) throw new Error("telnet: the shim (make espruino) is needed to choose a port");
      this.telnetPort = await freePort();
      env.ESPRUINO_TELNET_PORT = String(this.telnetPort);
    }
    this.run++;
    this.partial = "";
    const proc = spawn(this.interpreter.binary, this.options.telnet ? ["--telnet"] : [], { cwd: this.dir, env, stdio: "pipe" });
    this.proc = proc;
    live.add(proc);
    this.exited = new Promise((resolve) => proc.on("exit", () => resolve()));
    void this.exited.then(() => {
      live.delete(proc);
      if (this.proc === proc) this.proc = undefined;
      this.wake();
    });
    proc.stdout!.setEncoding("latin1");
    proc.stdout!.on("data", (chunk: string) => this.take(chunk));
    proc.stderr!.on("data", () => {});
    await this.eval("1", 30000);
    if (this.options.telnet) await this.telnetListening();
  }

  /** The batteries out: SIGKILL (Espruino ignores SIGTERM while reading stdin). The model's bolt stays put. */
  async powerCut(): Promise<void> {
    if (!this.proc) return;
    try {
      this.conditions.bolt = (await this.rig()).bolt;
    } catch (e) {
      // a board that no longer answers is cut all the same, its bolt where it was last seen
    }
    this.proc.kill("SIGKILL");
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.proc) {
      this.proc.kill("SIGKILL");
      await this.exited;
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  get running(): boolean {
    return this.proc !== undefined;
  }

  // ---- the console

  /** Types a line at the console (not echoed). */
  send(line: string): void {
    if (!this.proc) throw new Error(`${this.board.name}: the interpreter is not running`);
    this.proc.stdin!.write("\x10" + line + "\n");
  }

  /** The value of a JavaScript expression on the board, through JSON. */
  async eval<T = unknown>(expr: string, timeoutMs = 10000): Promise<T> {
    if (this.options.telnet) await this.consoleHere(timeoutMs);
    const id = ++this.evalId;
    const tag = `<<R${id}`;
    this.send(`try{print("${tag}>>"+JSON.stringify(${expr}))}catch(e){print("${tag}!>>"+e)}`);
    const line = await this.waitFor((e) => e.kind === "reply" && e.text.startsWith(tag + ">>") || e.text.startsWith(tag + "!>>"), timeoutMs, 0, `the answer to ${expr}`);
    if (line.text.startsWith(tag + "!>>")) throw new Error(`${this.board.name}: ${expr} threw ${line.text.slice(tag.length + 3)}`);
    const json = line.text.slice(tag.length + 2);
    return (json === "undefined" || json === "" ? undefined : JSON.parse(json)) as T;
  }

  status<T = Record<string, unknown>>(): Promise<T> {
    return this.eval<T>("Latchkey.status()");
  }

  rig(): Promise<RigState> {
    return this.eval<RigState>("Rig.state()");
  }

  memory(): Promise<number> {
    return this.eval<number>("process.memory().usage");
  }

  /** The model taps each key ("0"-"9", "*", "#", "P" for Program), down 100 ms, 150 ms apart; resolves once released. */
  async press(keys: string, downMs = 100, gapMs = 150): Promise<void> {
    const from = this.mark();
    this.send(`Rig.press(${JSON.stringify(keys)},${downMs},${gapMs})`);
    await this.waitFor((e) => e.kind === "pressed" && e.args.join(" ") === keys, 10000 + keys.length * (downMs + gapMs) * 3, from, `the model pressing ${keys}`);
  }

  /** Each key held and released from here, 100 ms down and 150 ms apart: nothing of the model's waits in RAM
   * meanwhile (press() keeps a timer), so memory figures hold only the image's. */
  async tap(keys: string): Promise<void> {
    for (const key of keys) {
      await this.hold(key);
      await new Promise((r) => setTimeout(r, 100));
      await this.release(key);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  hold(key: string): Promise<unknown> {
    return this.eval(`Rig.hold(${JSON.stringify(key)})`);
  }

  release(key: string): Promise<unknown> {
    return this.eval(`Rig.release(${JSON.stringify(key)})`);
  }

  // ---- the record

  mark(): number {
    return this.record.length;
  }

  /** The first entry from `from` on that `match` accepts, waiting up to `timeoutMs` of wall-clock time. */
  waitFor(match: (e: Entry) => boolean, timeoutMs = 10000, from = 0, what = "a match"): Promise<Entry> {
    return new Promise((resolve, reject) => {
      let seen = from;
      const check = (): boolean => {
        for (; seen < this.record.length; seen++) {
          if (match(this.record[seen])) {
            resolve(this.record[seen]);
            return true;
          }
        }
        if (!this.proc) {
          reject(new Error(`${this.board.name}: the interpreter stopped while waiting for ${what}\n${this.tail()}`));
          return true;
        }
        return false;
      };
      if (check()) return;
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`${this.board.name}: no ${what} within ${timeoutMs} ms\n${this.tail()}`));
      }, timeoutMs);
      const waiter = () => {
        if (check()) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== waiter);
        }
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves once no LED, buzzer, motor or bolt event has come for `stillMs` (wall clock) since the call. */
  async quiet(stillMs = 1000, timeoutMs = 60000): Promise<void> {
    const start = Date.now();
    while (Date.now() - Math.max(this.lastActivity, start) < stillMs) {
      if (Date.now() - start > timeoutMs) throw new Error(`${this.board.name}: still busy after ${timeoutMs} ms\n${this.tail()}`);
      if (!this.proc) throw new Error(`${this.board.name}: the interpreter stopped\n${this.tail()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Console lines (not the model's), from `from` on. */
  lines(from = 0): string[] {
    return this.record.slice(from).filter((e) => e.kind === "console").map((e) => e.text);
  }

  /** Uncaught errors and ERROR lines on the console, shorts and the model's findings. */
  problems(from = 0): string[] {
    return this.record
      .slice(from)
      .filter((e) => (e.kind === "console" && /Uncaught|ERROR/.test(e.text)) || e.kind === "short" || e.kind === "finding")
      .map((e) => (e.kind === "console" ? e.text : `${e.kind} ${e.args.join(" ")}`));
  }

  /** [start, end] model ms of each time `on(entry)` held, for the run of `from`, starting after `from`. */
  private spans(isOn: (e: Entry) => boolean | undefined, from: number): Array<[number, number]> {
    const run = from < this.record.length ? this.record[from].run : this.run;
    const out: Array<[number, number]> = [];
    let on = false;
    for (let i = 0; i < this.record.length; i++) {
      const e = this.record[i];
      if (e.run !== run) continue;
      const now = isOn(e);
      if (now === undefined || now === on) continue;
      on = now;
      if (on && i >= from) out.push([e.t, Infinity]);
      else if (!on && out.length && out[out.length - 1][1] === Infinity) out[out.length - 1][1] = e.t;
    }
    return out;
  }

  private pinIs(pin: string, level: string) {
    return (e: Entry) => (e.kind === "pin" && e.args[0] === pin ? e.args[1] === level : undefined);
  }

  /** The LED's flashes that started after `from`. */
  flashes(color: "red" | "green", from = 0): Array<[number, number]> {
    const leds = this.board.wiring.leds;
    return this.spans(this.pinIs(color === "red" ? leds.red : leds.green, leds.activeHigh ? "1" : "0"), from);
  }

  /** The buzzer's beeps (PWM with a duty above 0) that started after `from`. */
  beeps(from = 0): Array<[number, number]> {
    const pin = this.board.wiring.buzzer.pin;
    return this.spans((e) => (e.kind === "pwm" && e.args[0] === pin ? Number(e.args[1]) > 0 : undefined), from);
  }

  /** Motor runs (the bolt driven either way) that started after `from`. */
  motorRuns(from = 0): Array<[number, number]> {
    return this.spans((e) => (e.kind === "bolt" ? e.args[1] === "extending" || e.args[1] === "retracting" : undefined), from);
  }

  /** The last lines of the record, for messages. */
  tail(n = 25): string {
    return this.record.slice(-n).map((e) => (e.kind === "console" || e.kind === "reply" ? e.text : `[rig] ${e.t} ${e.kind} ${e.args.join(" ")}`)).join("\n");
  }

  // ---- reading the interpreter's output

  private take(chunk: string) {
    const lines = (this.partial + chunk).split("\n");
    this.partial = lines.pop() as string;
    for (const raw of lines) {
      // the prompt (">") and the console's line clearing (ESC [ J) come before asynchronous output
      // eslint-disable-next-line no-control-regex
      const text = raw.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").replace(/\r/g, "").replace(/^>+/, "");
      if (!text) continue;
      const last = this.record.length ? this.record[this.record.length - 1] : undefined;
      const t = last && last.run === this.run ? last.t : 0;
      const rig = /^\[rig\] ([\d.]+) (\S+) ?(.*)$/.exec(text);
      if (rig) {
        this.record.push({ run: this.run, kind: rig[2], t: Number(rig[1]), args: rig[3] ? rig[3].split(" ") : [], text });
        if (rig[2] === "pin" || rig[2] === "pwm" || rig[2] === "bolt") this.lastActivity = Date.now();
      } else {
        this.record.push({ run: this.run, kind: text.startsWith("<<R") ? "reply" : "console", t, args: [], text });
      }
    }
    this.wake();
  }

  private wake() {
    for (const w of this.waiters.slice()) w();
  }

  /** While a telnet client holds the console, Espruino drops what comes on stdin: wait until it has left. */
  private async consoleHere(timeoutMs: number): Promise<void> {
    const held = () => {
      let n = 0;
      for (const e of this.record) if (e.run === this.run && e.kind === "console") n += e.text === "-> Telnet" ? 1 : e.text === "<- Telnet" ? -1 : 0;
      return n > 0;
    };
    if (held()) await this.waitFor(() => !held(), timeoutMs, this.mark(), "the telnet client to leave the console");
  }

  private async telnetListening(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const ok = await new Promise<boolean>((resolve) => {
        const s = net.connect(this.telnetPort, "127.0.0.1");
        s.on("connect", () => {
          s.destroy();
          resolve(true);
        });
        s.on("error", () => resolve(false));
      });
      if (ok) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${this.board.name}: nothing listens on the telnet port ${this.telnetPort}`);
  }
}
