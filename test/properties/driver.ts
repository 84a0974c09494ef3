// Runs actions (./actions.ts) against the real image in the simulator, as a person and the world would,
// and keeps what the invariants (./invariants.ts) need to judge the lock: when a LOCK press may have
// submitted a code that opens it, when a hand turned the key, the "Uncaught" lines of every power
// cycle, and which stored codes each change may leave behind.
import type { LockConfig } from "../../firmware/config";
import { readJournal, parseRecordText } from "../../tools/journal/read";
import { useConfig } from "../support/config";
import type { Simulation } from "../../sim/engine";
import type { Action, CodeRef, Entry, Inner, Program, Reading, Setup } from "./actions";
import { createEntryOracle, EntryOracle, Taken } from "./entry-oracle";
import { boardAndImage, newLock } from "./image";

/** codes (sorted) and mastercode as flash holds them */
export interface Stored {
  codes: string[];
  master: string;
}

export interface Turn {
  start: number;
  end: number;
  to: number;
}

interface LockView {
  mode: string;
  lockedOut: boolean;
  codes: number;
}

const KEY_HOLD_MS = 100;
const KEY_GAP_MS = 150;
const PROGRAM_TAP_MS = 200;
/** longer than the 5 s limit between programming keys: the dialogue is surely over */
const PROGRAM_SETTLE_MS = 6000;
/** first power-up: door handing from anywhere takes a few strokes */
const HANDING_MS = 9000;
const LEGEND: Record<string, string> = { L: "#", C: "*" };

function isPowerCut(err: unknown): boolean {
  return !!err && (err as { name?: string }).name === "PowerCut";
}

function ready(view: LockView | undefined): boolean {
  return !!view && view.mode === "ready" && !view.lockedOut;
}

/** what the lock's status before and after a press says about whether the entry took the key */
function takenFrom(before: LockView | undefined, after: LockView | undefined): Taken {
  if (ready(before) && ready(after)) return "applied";
  const same = before === after || (!!before && !!after && before.mode === after.mode && before.lockedOut === after.lockedOut);
  if (!ready(before) && same) return "ignored";
  return "maybe";
}

/** a code one digit off the given one */
function wrongCode(code: string): string {
  const last = code.charCodeAt(code.length - 1) - 48;
  return code.slice(0, -1) + String((last + 1) % 10);
}

/** the codes the lock's journal holds (the newest record that checks), read off its flash as the host reads it */
export function readStored(sim: Simulation, config: LockConfig): Stored {
  useConfig(config);
  const view = readJournal((n, a) => sim.boardFlash.chip.read(a, n), sim.board.journal.constants);
  const record = view.record?.text ? parseRecordText(view.record.text) : { codes: [] as string[], master: "" };
  return { codes: record.codes.filter((code) => code !== "").sort(), master: record.master };
}

export class LockDriver {
  readonly sim: Simulation;
  readonly config: LockConfig;
  /** times of LOCK presses that may have submitted a code that opens the lock */
  readonly codeAuths: number[] = [];
  readonly turns: Turn[] = [];
  /** "Uncaught ..." lines of every power cycle so far */
  readonly uncaught: string[] = [];
  /** what happened, for a failure message */
  readonly journal: string[] = [];
  /** how often the interesting things happened, to show what a run of the property covered */
  readonly stats = { flashCutsFired: 0, powerCuts: 0, longEntries: 0 };
  /** the codes in flash after the last check */
  stored: Stored = { codes: [], master: "" };
  /** what the changes attempted since the last check may have left in flash instead */
  afters: Stored[] = [];
  private readonly entry: EntryOracle;
  private readonly added: string[] = [];
  private cutAt: number | undefined;
  private flashCutArmed = false;
  private uncaughtSeen = 0;

  constructor(readonly setup: Setup) {
    this.config = boardAndImage().board.config;
    this.sim = newLock({ hand: setup.hand, boltPosition: setup.bolt });
    this.entry = createEntryOracle({ maxDigits: this.config.maxCodeLength, timeoutMs: this.config.entryTimeoutMs, slackMs: 60 });
  }

  /**
   * First power-up (door handing runs by itself), the user code, maybe a mastercode, then LOCK;
   * `checkpoint` after each (the invariants hold during the setup too).
   */
  start(checkpoint: (step: string) => void): void {
    this.powerOn();
    this.advance(HANDING_MS);
    checkpoint("first power-up");
    this.program({ kind: "program", op: { op: "add", code: { ref: "user" } }, wrongMaster: false });
    checkpoint("programming the user code");
    if (this.setup.master) {
      const code: CodeRef = { ref: "digits", digits: this.setup.master };
      this.program({ kind: "program", op: { op: "setMaster", code, again: "same" }, wrongMaster: false });
      checkpoint("setting the mastercode");
    }
    this.tap("L");
    this.advance(4000);
    checkpoint("LOCK");
  }

  run(action: Action): void {
    this.journal.push(`${(this.sim.now() / 1000).toFixed(3)}s ${JSON.stringify(action)}`);
    switch (action.kind) {
      case "chord":
        return this.chord(action.keys, action.ms);
      case "heldKey":
        this.tap(action.key, action.ms);
        return this.advance(KEY_GAP_MS);
      case "bouncyKey":
        return this.bouncy(action.key, action.bounces);
      case "block":
        this.sim.blockBolt(action.at);
        return;
      case "battery":
        this.sim.setBatteryVolts(action.volts);
        this.sim.setBatteryResistance(action.ohms === null ? undefined : action.ohms);
        return;
      case "freshBattery":
        return this.sim.replaceBattery();
      case "glitch":
        return this.glitch(action.reading, action.pin, action.delayMs, action.ms, action.during);
      case "powerCut":
        return this.powerCut(action.afterMs, action.during, action.offMs, action.turnWhileOff);
      case "flashCut":
        return this.flashCut(action.step, action.during, action.offMs);
      case "handingByHand":
        return this.handingByHand();
      default:
        return this.inner(action);
    }
  }

  /** codes that may open the lock now: those stored, and those a change under way may have added */
  validCodes(): Set<string> {
    const codes = new Set(this.stored.codes);
    for (const after of this.afters) after.codes.forEach((c) => codes.add(c));
    return codes;
  }

  /** the lock's own view (Latchkey.status() at its console); undefined while off */
  status(): LockView | undefined {
    if (!this.sim.powered()) return undefined;
    let view: LockView | undefined;
    this.touch(() => {
      const s = this.sim.console("Latchkey.status()") as LockView;
      view = { mode: s.mode, lockedOut: s.lockedOut, codes: s.codes };
    });
    return view;
  }

  /** Runs the lock for ms; a pending power cut happens on time, a cut in a Storage write at once. */
  advance(ms: number): void {
    const end = this.sim.now() + ms;
    this.checkCuts();
    while (this.sim.now() < end - 1e-9) {
      let chunk = end - this.sim.now();
      if (this.flashCutArmed && this.sim.powered()) chunk = Math.min(chunk, 10);
      if (this.cutAt !== undefined && this.cutAt < this.sim.now() + chunk) chunk = Math.max(this.cutAt - this.sim.now(), 0.5);
      this.touch(() => this.sim.advance(chunk));
    }
  }

  // ---- actions ----

  private inner(action: Inner): void {
    switch (action.kind) {
      case "entry":
        return this.typeEntry(action);
      case "program":
        return this.program(action);
      case "lockKey":
        this.tap("L");
        return this.advance(KEY_GAP_MS);
      case "turnKey":
        return this.turnKey(action.to, action.overMs);
      case "wait":
        return this.advance(action.ms);
    }
  }

  private codeOf(ref: CodeRef): string {
    if (ref.ref === "user") return this.setup.userCode;
    if (ref.ref === "master") return this.stored.master || this.setup.master || "2468";
    if (ref.ref === "added") return this.added.length ? this.added[ref.index % this.added.length] : this.setup.userCode;
    return ref.digits;
  }

  private typeEntry(e: Entry): void {
    if (e.clearFirst) this.type("C", KEY_GAP_MS);
    const digits = e.prefix + this.codeOf(e.code) + e.suffix;
    if (digits.length > this.config.maxCodeLength && e.submit) this.stats.longEntries++;
    this.type(digits, e.gapMs);
    if (e.submit) this.type("L", KEY_GAP_MS);
  }

  /** keys tapped one after another, `gapMs` from release to the next press */
  private type(keys: string, gapMs: number): void {
    for (const key of keys) {
      this.tap(key);
      this.advance(gapMs);
    }
  }

  private tap(key: string, holdMs = KEY_HOLD_MS): void {
    const at = this.sim.now();
    const before = this.status();
    this.touch(() => this.sim.keyDown(LEGEND[key] || key));
    this.advance(holdMs);
    this.touch(() => this.sim.keyUp(LEGEND[key] || key));
    this.noteKey(key, at, takenFrom(before, this.status()));
  }

  private noteKey(key: string, at: number, taken: Taken): void {
    if (this.entry.press(key, at, taken, this.validCodes())) this.codeAuths.push(at);
  }

  /** several keys pressed together: at most one of them counts */
  private chord(keys: string[], ms: number): void {
    const at = this.sim.now();
    const before = this.status();
    for (const key of keys) this.touch(() => this.sim.keyDown(LEGEND[key] || key));
    this.advance(ms);
    for (const key of keys) this.touch(() => this.sim.keyUp(LEGEND[key] || key));
    const taken = takenFrom(before, this.status());
    for (const key of keys) this.noteKey(key, at, taken === "ignored" ? "ignored" : "maybe");
    this.advance(KEY_GAP_MS);
  }

  /** contact bounce (down/up a few ms each), then a firm press: at most one press */
  private bouncy(key: string, bounces: number[]): void {
    const at = this.sim.now();
    const before = this.status();
    const legend = LEGEND[key] || key;
    bounces.forEach((ms, i) => {
      this.touch(() => (i % 2 === 0 ? this.sim.keyDown(legend) : this.sim.keyUp(legend)));
      this.advance(ms);
    });
    this.touch(() => this.sim.keyDown(legend));
    this.advance(KEY_HOLD_MS);
    this.touch(() => this.sim.keyUp(legend));
    const taken = takenFrom(before, this.status());
    this.noteKey(key, at, taken === "ignored" ? "ignored" : "maybe");
    this.advance(KEY_GAP_MS);
  }

  private holdProgram(ms: number): void {
    this.entry.maybeReset();
    this.touch(() => this.sim.setProgram(true));
    this.advance(ms);
    this.touch(() => this.sim.setProgram(false));
  }

  /** One Program press or hold and the keys of one operation (SPEC 4), then long enough to be over. */
  private program(p: Program): void {
    const op = p.op;
    const before = this.stored;
    const code = "code" in op ? this.codeOf(op.code) : "";
    const again = "again" in op ? (op.again === "same" ? code : this.codeOf(op.again)) : "";
    this.holdProgram(op.op === "setMaster" ? 5300 : op.op === "holdOnly" ? op.ms : PROGRAM_TAP_MS);
    this.advance(300);
    if (op.op !== "holdOnly" && before.master) this.type((p.wrongMaster ? wrongCode(before.master) : before.master) + "L", KEY_GAP_MS);
    if (op.op === "add") {
      this.added.push(code);
      this.afters.push({ codes: [...new Set([...before.codes, code])].sort(), master: before.master });
      this.type(code + "L", KEY_GAP_MS);
    } else if (op.op === "delete") {
      this.afters.push({ codes: before.codes.filter((c) => c !== code), master: before.master });
      this.type("CL" + code + "L" + again + "L", KEY_GAP_MS);
    } else if (op.op === "deleteAll") {
      this.afters.push({ codes: [], master: before.master });
      this.type("C0LC0L", KEY_GAP_MS);
    } else if (op.op === "setting") {
      this.type("C" + op.digit + "L", KEY_GAP_MS);
    } else if (op.op === "setMaster") {
      this.afters.push({ codes: before.codes, master: code });
      this.type(code + "L" + again + "L", KEY_GAP_MS);
    }
    this.advance(PROGRAM_SETTLE_MS);
  }

  private turnKey(to: number, overMs: number): void {
    const start = this.sim.now();
    this.turns.push({ start, end: start + overMs, to });
    this.sim.turnKey(to, overMs);
    this.advance(overMs + 20);
  }

  /**
   * analogRead gives a wrong reading (NaN, 0, full scale) or throws, on one or both analog pins, for
   * `ms` starting `delayMs` from now, while `during` happens. Installed at the lock's console, so it
   * ends at the next power cycle at the latest.
   */
  private glitch(reading: Reading, pin: "battery" | "current" | "both", delayMs: number, ms: number, during: Inner): void {
    const wiring = boardAndImage().board.wiring;
    const pins = pin === "both" ? ["*"] : [pin === "battery" ? wiring.battery.pin : (wiring.current || wiring.battery).pin];
    const value = reading === "throw" ? 'throw new Error("ADC glitch")' : reading === "nan" ? "return NaN" : reading === "zero" ? "return 0" : "return 1";
    if (this.sim.powered()) {
      this.touch(() =>
        this.sim.console(
          `(function () { var real = analogRead, from = getTime() * 1000 + ${delayMs}, to = from + ${ms};
            analogRead = function (p) { var t = getTime() * 1000;
              if (t >= from && t < to && ${JSON.stringify(pins)}.some(function (n) { return n === "*" || n === String(p); })) { ${value}; }
              return real(p); }; })()`,
        ),
      );
    }
    const until = this.sim.now() + delayMs + ms;
    this.inner(during);
    if (this.sim.now() < until) this.advance(until - this.sim.now());
    if (reading === "throw") this.entry.maybeReset(); // a fault clears the entry
  }

  private powerCut(afterMs: number, during: Inner, offMs: number, turnWhileOff: { to: number; overMs: number } | null): void {
    this.cutAt = this.sim.now() + afterMs;
    this.checkCuts();
    this.inner(during);
    if (this.cutAt !== undefined) this.advance(this.cutAt - this.sim.now() + 1);
    this.cutAt = undefined;
    this.stats.powerCuts++;
    this.powerOff();
    if (turnWhileOff) this.turnKey(turnWhileOff.to, turnWhileOff.overMs);
    this.advance(offMs);
    this.powerOn();
  }

  private flashCut(step: number, during: Inner, offMs: number): void {
    if (!this.sim.powered()) return this.inner(during);
    // a cut that tears the flash step it lands on (a word half programmed, a page half erased)
    this.sim.flash.cutPowerAt(step);
    this.flashCutArmed = true;
    try {
      this.inner(during);
    } finally {
      this.flashCutArmed = false;
    }
    if (this.sim.powered() && !this.sim.flash.isPoweredOff()) {
      this.sim.flash.cancelPowerCut();
      return;
    }
    this.stats.flashCutsFired++;
    this.powerOff();
    this.advance(offMs);
    this.powerOn();
  }

  private handingByHand(): void {
    this.powerOff();
    this.advance(500);
    this.powerOn(true);
    this.advance(1500);
    this.touch(() => this.sim.setProgram(false));
    this.advance(1000);
    this.holdProgram(PROGRAM_TAP_MS);
    this.advance(HANDING_MS);
  }

  // ---- power ----

  powerOff(): void {
    if (!this.sim.powered()) return;
    this.collectUncaught();
    this.sim.powerOff();
    this.journal.push(`${(this.sim.now() / 1000).toFixed(3)}s power off`);
  }

  private powerOn(holdingProgram = false): void {
    if (this.sim.powered()) return;
    this.sim.flash.cancelPowerCut();
    this.sim.powerOn({ holdingProgram });
    this.uncaughtSeen = 0;
    this.entry.reset();
  }

  collectUncaught(): void {
    if (!this.sim.powered()) return;
    const lines = this.sim.uncaught();
    for (const line of lines.slice(this.uncaughtSeen)) this.uncaught.push(`${(this.sim.now() / 1000).toFixed(3)}s ${line}`);
    this.uncaughtSeen = lines.length;
  }

  /**
   * Runs fn against the simulation. A power cut armed in the flash model stops the CPU: it leaves
   * the simulation as an exception, or the firmware swallows it (its shell catches every error);
   * either way the batteries are out from here.
   */
  private touch(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      if (!isPowerCut(err)) throw err;
      this.powerOff();
    }
    this.checkCuts();
  }

  private checkCuts(): void {
    if (this.sim.powered() && this.sim.flash.isPoweredOff()) this.powerOff();
    if (this.cutAt !== undefined && this.sim.now() >= this.cutAt - 1e-9) {
      this.cutAt = undefined;
      this.powerOff();
    }
  }
}
