// The lock simulator: the real firmware image (build/<board>/firmware.js) running in the fake Espruino,
// wired to physical models of the lock: bolt and motor (model/mechanism.ts), a 4xAA pack
// (model/battery.ts), the keypad matrix, the program button. Time is virtual; `advance` steps the
// physics in small steps as fast as the CPU allows, or `startRealTime` keeps it in step with the wall
// clock for the interactive view. A timeline records what a person at the door would see.
import type { Drive } from "../hal/types";
import { ConsoleView, createFakeEspruino, FakeEspruino, FakeNrfControl, PowerView } from "./espruino/fake";
import type { FlashStorage } from "./espruino/flash";
import { BoardFlash, createBoardFlash } from "./espruino/board-flash";
import { decodeSlot, EVENT, lockoutOf, TAG } from "../tools/journal/format";
import { matrixKeypad, MatrixKeypadModel } from "./espruino/keypad-matrix";
import { openRealm } from "./espruino/vm";
import type { ImageRealm } from "./espruino/realm";
import { Battery, createBattery } from "./model/battery";
import { Mechanism, MotorFault, SwitchFault } from "./model/mechanism";
import { CHIPS } from "../tools/boards/chips";
import type { ValidatedBoard } from "../tools/boards/load";
import type { Change } from "./scenario/pulses";

/** the physics step while the motor runs or a hand turns the bolt */
const MOVING_STEP_MS = 1;
/** the longest step while nothing moves (LED and buzzer times come exact from the pin history) */
const IDLE_STEP_MS = 5;
/** bolt position, battery and current are sampled at least this often */
const SAMPLE_EVERY_MS = 250;

export type OutputName = "red" | "green" | "buzzer";
export type Hand = "left" | "right";

export interface Sample {
  t: number;
  /** 0 retracted .. 1 extended */
  position: number;
  /** pack terminal volts (with the motor's sag) */
  volts: number;
  amps: number;
}

export type TimelineEvent =
  | { t: number; kind: OutputName; on: boolean }
  | { t: number; kind: "motor"; drive: Drive }
  | { t: number; kind: "key"; key: string; down: boolean }
  | { t: number; kind: "program"; down: boolean }
  | { t: number; kind: "power"; on: boolean }
  | { t: number; kind: "log"; text: string }
  | { t: number; kind: "note"; text: string }
  /** what Latchkey.status() answered, when it changed (a view asks for it; see Simulation.status) */
  | { t: number; kind: "status"; status: unknown }
  /** an event the image appended to its event log in flash (firmware/journal.ts), as it was written */
  | { t: number; kind: "event"; event: JournalEntry };

/** One entry of the lock's event log (EventKind and arg, tools/journal/format.ts), with its power-up. */
export interface JournalEntry {
  kind: number;
  arg: number;
  /** the power-up count it belongs to, and seconds since that power-up */
  powerUp: number;
  seconds: number;
}

/** Everything that happened, in simulation time (ms since the simulation was created). */
export class Timeline {
  readonly events: TimelineEvent[] = [];
  readonly samples: Sample[] = [];

  add(event: TimelineEvent): void {
    this.events.push(event);
  }

  /** on/off changes of an LED or the buzzer, in time order */
  changes(kind: OutputName): Change[] {
    const out: Change[] = [];
    for (const e of this.events) if (e.kind === kind) out.push({ t: e.t, on: (e as { on: boolean }).on });
    return out.sort((a, b) => a.t - b.t);
  }

  /** motor running (any drive) as on/off changes */
  motorChanges(): Change[] {
    const out: Change[] = [];
    for (const e of this.events) if (e.kind === "motor") out.push({ t: e.t, on: e.drive !== "stop" });
    return out;
  }

  logs(from = 0, to = Infinity): Array<{ t: number; text: string }> {
    const out: Array<{ t: number; text: string }> = [];
    for (const e of this.events) if (e.kind === "log" && e.t >= from && e.t <= to) out.push({ t: e.t, text: e.text });
    return out;
  }

  /** the entries the image appended to its event log, in time order */
  journal(from = 0, to = Infinity): Array<{ t: number; event: JournalEntry }> {
    const out: Array<{ t: number; event: JournalEntry }> = [];
    for (const e of this.events) if (e.kind === "event" && e.t >= from && e.t <= to) out.push({ t: e.t, event: e.event });
    return out;
  }
}

export interface SimulationOptions {
  board: ValidatedBoard;
  /** the image's code, exactly the bytes that get flashed */
  image: string;
  /** shown in stack traces */
  imageName?: string;
  /** seeds the battery noise; with no seed the readings have no noise */
  seed?: number;
  /** door hand at start; "right" extends the bolt with drive A */
  hand?: Hand;
  /** bolt position at start, 0 retracted .. 1 extended */
  boltPosition?: number;
  /** called with each log line the lock prints (and power events) as it happens */
  onLog?: (t: number, line: string) => void;
  /** CPU time the fake's power model charges per callback the image runs (ms); default 0 */
  cpuMsPerCallback?: number;
  /**
   * what `.bootcde` holds in the board's flash (the journal's arena fills Storage after it): default the image
   * when it fits the board's budget (the minified one), else as many bytes as the budget allows
   */
  storedImage?: string;
}

export interface Outputs {
  red: boolean;
  green: boolean;
  buzzer: boolean;
  drive: Drive;
}

/** the door hand as the mechanism knows it: which drive extends the bolt */
function extendDriveOf(hand: Hand): "A" | "B" {
  return hand === "right" ? "A" : "B";
}

export class Simulation {
  readonly board: ValidatedBoard;
  readonly battery: Battery;
  readonly mechanism: Mechanism;
  /** the board's flash: the chip, Storage over it, require("Flash") (sim/espruino/board-flash.ts) */
  readonly boardFlash: BoardFlash;
  /** Storage on the board's flash (power cuts: cutPowerAt; wear: stats) */
  readonly flash: FlashStorage;
  readonly timeline = new Timeline();
  private readonly image: string;
  private readonly imageName: string;
  private readonly onLog?: (t: number, line: string) => void;
  /** the ADC reference in volts, for the analog inputs */
  private readonly vref: number;
  /** what E.getAnalogVRef() says */
  private readonly reportedVref: number;
  private readonly pins: string[];
  private t = 0;
  /** simulation time at which the running fake's clock read 0 */
  private offset = 0;
  private fake: FakeEspruino | undefined;
  private realm: ImageRealm | undefined;
  /** the realm's vm context in Node (tools/bench/harness.ts reads it), undefined while off */
  private context: unknown;
  private keypad: MatrixKeypadModel | undefined;
  private readonly keysDown = new Set<string>();
  private programDown = false;
  private shown: Outputs = { red: false, green: false, buzzer: false, drive: "stop" };
  /** per output pin: how many history entries are already in the timeline */
  private historySeen: Record<string, number> = {};
  private lastSampleAt = -Infinity;
  private realTimer: ReturnType<typeof setInterval> | undefined;
  private startError: string | undefined;
  private readonly cpuMsPerCallback: number;
  private usb = false;
  /** centrals bonded with the board's radio: kept in its flash across power-ups, like the record */
  private readonly radioBonds = new Map<string, boolean>();

  constructor(options: SimulationOptions) {
    this.board = options.board;
    this.image = options.image;
    this.imageName = options.imageName ?? `build/${options.board.name}/firmware.js`;
    this.onLog = options.onLog;
    this.cpuMsPerCallback = options.cpuMsPerCallback ?? 0;
    const seeded = options.seed !== undefined;
    this.battery = createBattery({ noiseV: seeded ? 0.005 : 0, seed: options.seed });
    this.mechanism = new Mechanism({ extendDrive: extendDriveOf(options.hand ?? "right"), position: options.boltPosition ?? 0 });
    const budget = options.board.budget.minifiedBytes;
    const stored = options.storedImage ?? (options.image.length <= budget ? options.image : "/* the image, as large as the budget allows */" + " ".repeat(budget - 48));
    this.boardFlash = createBoardFlash(options.board.chip, options.board.journal.layout, { image: stored });
    this.flash = this.boardFlash.storage;
    const wiring = options.board.wiring;
    this.vref = typeof wiring.vref === "number" ? wiring.vref : 3.3;
    const chip = CHIPS[options.board.chip];
    this.pins = chip ? [...chip.pins] : collectPins(options.board);
    // where Espruino cannot tell its ADC reference (ESP32), E.getAnalogVRef() is NaN, as on the chip
    this.reportedVref = chip && !chip.hasAnalogVRef ? NaN : this.vref;
    this.sample(true);
  }

  // ---- time ----

  /** simulation time in ms */
  now(): number {
    return this.t;
  }

  powered(): boolean {
    return this.fake !== undefined;
  }

  /** Runs the lock and the physics for `ms` of virtual time. */
  advance(ms: number): void {
    const end = this.t + Math.max(0, ms);
    while (this.t < end - 1e-9) {
      const moving = this.shown.drive !== "stop" || this.mechanism.held();
      const dt = Math.min(end - this.t, moving ? MOVING_STEP_MS : IDLE_STEP_MS);
      this.step(dt);
    }
    // pulses shorter than a step leave the levels as they were: read the histories once per call
    this.syncOutputs(true);
  }

  private step(dt: number): void {
    // physics over [t, t+dt] with the drive the firmware set before it; then the lock catches up
    const amps = this.mechanism.amps();
    const supply = this.battery.terminalVolts(amps);
    this.mechanism.step(dt, this.powered() ? this.motorDrive() : "stop", supply);
    this.battery.draw(this.mechanism.amps(), dt);
    this.t += dt;
    if (this.fake) {
      this.senseSwitches();
      this.fake.advance(this.t - this.offset - this.fake.now());
    }
    this.record();
  }

  // ---- people ----

  keyDown(legend: string): void {
    this.keysDown.add(legend);
    this.timeline.add({ t: this.t, kind: "key", key: legend, down: true });
    this.applyKey(legend, true);
  }

  keyUp(legend: string): void {
    this.keysDown.delete(legend);
    this.timeline.add({ t: this.t, kind: "key", key: legend, down: false });
    this.applyKey(legend, false);
  }

  /** a key pressed for holdMs, then released */
  tap(legend: string, holdMs: number): void {
    this.keyDown(legend);
    this.advance(holdMs);
    this.keyUp(legend);
  }

  setProgram(down: boolean): void {
    if (down === this.programDown) return;
    this.programDown = down;
    this.timeline.add({ t: this.t, kind: "program", down });
    this.applyProgram();
  }

  programHeld(): boolean {
    return this.programDown;
  }

  /** a person turns the key or thumbturn to `position` (0 unlocked .. 1 locked) over `overMs` */
  turnKey(position: number, overMs: number): void {
    this.timeline.add({ t: this.t, kind: "note", text: `key turned to ${Math.round(position * 100)}%` });
    this.mechanism.turnTo(position, overMs);
  }

  /**
   * An obstacle at `at` (0..1) on the bolt's path, on the side it would move towards: below it (a
   * misaligned strike) it stops extending there; above it (the door pressing on the bolt) it stops
   * retracting there. The bolt can always move away from it. null removes it.
   */
  blockBolt(at: number | null): void {
    this.timeline.add({ t: this.t, kind: "note", text: at === null ? "bolt unblocked" : `bolt blocked at ${Math.round(at * 100)}%` });
    this.mechanism.clearObstructions();
    if (at === null) return;
    if (this.mechanism.position < at) this.mechanism.obstruct("extend", at);
    else this.mechanism.obstruct("retract", at);
  }

  setHand(hand: Hand): void {
    this.mechanism.setHand(extendDriveOf(hand));
  }

  hand(): Hand {
    return this.mechanism.extendDrive === "A" ? "right" : "left";
  }

  setBatteryVolts(volts: number): void {
    this.timeline.add({ t: this.t, kind: "note", text: `battery ${volts.toFixed(2)} V` });
    this.battery.setVolts(volts);
  }

  /** worn or cold cells: a fixed internal resistance (undefined: back to the model's) */
  setBatteryResistance(ohms: number | undefined): void {
    if (ohms !== undefined) this.timeline.add({ t: this.t, kind: "note", text: `battery resistance ${ohms} ohm` });
    this.battery.setResistance(ohms);
  }

  /** a broken motor wire ("open"), a seized gearbox, or a switch stuck "open" or "closed" */
  setFault(part: "motor" | "retracted" | "extended", fault: string): void {
    this.timeline.add({ t: this.t, kind: "note", text: `fault: ${part} ${fault}` });
    if (part === "motor") this.mechanism.setMotorFault(fault as MotorFault);
    else this.mechanism.setSwitchFault(part, fault as SwitchFault);
  }

  /**
   * writes of the lock's state so far: Storage files written (identical rewrites not counted) and the journal's
   * appends that carry state (a record, a lockout, a lockout's event); the event log's other entries are not
   * counted (see Timeline.journal)
   */
  flashWrites(): number {
    let n = this.stateWrites;
    const stats = this.flash.stats();
    for (const name of Object.keys(stats)) n += stats[name].writes;
    return n;
  }

  private stateWrites = 0;
  /** the power-up count of the last POWER_UP the journal took */
  private journalPowerUp = 0;

  /** require("Flash") as the image gets it: the board's, and every append read back into the timeline */
  private observedFlash(): FlashLib {
    const flash = this.boardFlash.flash;
    return {
      getFree: () => flash.getFree(),
      getPage: (addr) => flash.getPage(addr),
      erasePage: (addr) => flash.erasePage(addr),
      read: (length, addr) => flash.read(length, addr),
      write: (data, addr) => {
        flash.write(data, addr);
        // the journal's slot is the last 8 bytes of what it writes (a record's text comes first)
        const length = (data as ArrayLike<number>).length;
        if (length >= 8) this.journalAppended(addr + length - 8);
      },
    };
  }

  /** a write that landed a whole slot: an event goes into the timeline, state is counted */
  private journalAppended(addr: number): void {
    const slot = decodeSlot(this.boardFlash.chip.read(addr, 8));
    if (!slot) return;
    if (lockoutOf(slot)) this.stateWrites++;
    if (slot.tag < TAG.EVENT || slot.tag >= TAG.RECORD) return;
    const kind = slot.tag - TAG.EVENT;
    if (kind === EVENT.POWER_UP) this.journalPowerUp = slot.a;
    const time = kind <= EVENT.POWER_UP;
    const event = { kind, arg: time ? 0 : slot.a, powerUp: time ? slot.a : this.journalPowerUp, seconds: time ? 0 : slot.c };
    this.timeline.add({ t: this.fake ? this.offset + this.fake.now() : this.t, kind: "event", event });
  }

  /** a USB cable to a computer, in or out (kept across power cycles) */
  setUsbConnected(on: boolean): void {
    if (on === this.usb) return;
    this.usb = on;
    this.timeline.add({ t: this.t, kind: "note", text: on ? "USB connected" : "USB disconnected" });
    this.fake?.setUsbConnected(on);
  }

  /** the chip's power state and its accounting since this power-up (undefined while off) */
  power(): PowerView | undefined {
    return this.fake?.power;
  }

  /** the Bluetooth radio's far side, on nRF52 and ESP32 boards (undefined while off or on other chips) */
  nrf(): FakeNrfControl | undefined {
    return this.fake?.nrf;
  }

  replaceBattery(): void {
    this.timeline.add({ t: this.t, kind: "note", text: "fresh batteries" });
    this.battery.replace();
  }

  // ---- power ----

  /** Pull the batteries: the program stops, the outputs die, the flash keeps what it holds. */
  powerOff(): void {
    if (!this.fake) return;
    this.syncOutputs(true);
    this.fake = undefined;
    this.realm?.dispose();
    this.realm = undefined;
    this.context = undefined;
    this.keypad = undefined;
    this.timeline.add({ t: this.t, kind: "power", on: false });
    this.emitLog("[sim] power off");
    this.show({ red: false, green: false, buzzer: false, drive: "stop" });
  }

  /** Insert the batteries: a fresh CPU runs the image from the start (as Espruino runs .bootcde). */
  powerOn(options: { holdingProgram?: boolean } = {}): void {
    if (this.fake) this.powerOff();
    if (this.flash.isPoweredOff()) this.flash.powerOn();
    if (options.holdingProgram) this.setProgram(true);
    const chip = CHIPS[this.board.chip];
    let running: FakeEspruino | undefined;
    const echo = (line: string) => this.emitLog(line, running ? this.offset + running.now() : this.t);
    const fake = createFakeEspruino({
      pins: this.pins,
      vref: this.reportedVref,
      storage: this.flash,
      flash: this.observedFlash(),
      echo,
      exclusivePinNumbers: chip === undefined || chip.watchNumbersMustDiffer,
      chip: this.board.chip,
      cpuMsPerCallback: this.cpuMsPerCallback,
      radioBonds: this.radioBonds,
    });
    if (this.usb) fake.setUsbConnected(true);
    running = fake;
    this.fake = fake;
    this.offset = this.t;
    this.historySeen = {};
    this.timeline.add({ t: this.t, kind: "power", on: true });
    this.emitLog("[sim] power on" + (options.holdingProgram ? " holding Program" : ""));
    this.wire(fake);
    this.startError = undefined;
    try {
      this.realm = openRealm(this.image, fake, this.imageName);
      this.context = this.realm.context;
    } catch (err) {
      // Espruino prints the error and carries on with whatever the image had set up
      this.startError = "Uncaught " + String((err as Error)?.message ?? err);
      this.emitLog(this.startError);
    }
    fake.settle();
    this.record();
  }

  private wire(fake: FakeEspruino): void {
    const w = this.board.wiring;
    const current = w.current;
    if (current) {
      fake.setAnalog(current.pin, () => (this.mechanism.amps() * current.voltsPerAmp) / this.vref);
    }
    fake.setAnalog(w.battery.pin, () => this.battery.terminalVolts(this.mechanism.amps()) / w.battery.dividerRatio / this.vref);
    this.lastSwitches = undefined;
    this.senseSwitches();
    this.applyProgram();
    if (w.keypad.type === "matrix") {
      this.keypad = matrixKeypad(fake, w.keypad.rows, w.keypad.cols, w.keypad.keys);
    }
    for (const key of this.keysDown) this.applyKey(key, true);
  }

  private lastSwitches: string | undefined;

  private senseSwitches(): void {
    const fake = this.fake;
    if (!fake) return;
    const s = this.mechanism.switches();
    const key = `${s.retracted}${s.extended}`;
    if (key === this.lastSwitches) return;
    this.lastSwitches = key;
    const bolt = this.board.wiring.bolt;
    fake.drive(bolt.retracted, bolt.activeLow ? !s.retracted : s.retracted);
    fake.drive(bolt.extended, bolt.activeLow ? !s.extended : s.extended);
  }

  private applyProgram(): void {
    const button = this.board.wiring.programButton;
    this.fake?.drive(button.pin, button.activeLow ? !this.programDown : this.programDown);
  }

  private applyKey(legend: string, down: boolean): void {
    const fake = this.fake;
    if (!fake) return;
    const keypad = this.board.wiring.keypad;
    if (keypad.type === "matrix") {
      if (down) this.keypad?.press(legend);
      else this.keypad?.release(legend);
    } else {
      const i = keypad.keys.indexOf(legend);
      if (i < 0) throw new Error(`board ${this.board.name} has no key "${legend}"`);
      fake.drive(keypad.pins[i], down ? false : undefined);
    }
  }

  // ---- what can be seen ----

  outputs(): Outputs {
    return { ...this.shown };
  }

  /** every time two keys held in one keypad row joined a column driven high to one driven low */
  keypadShorts(): string[] {
    return this.keypad ? this.keypad.shorts() : [];
  }

  /** pending setTimeout/setInterval timers of the running image (0 when off) */
  armedTimers(): number {
    return this.fake ? this.fake.armedTimers() : 0;
  }

  /** "Uncaught ..." lines of the current power cycle, including an error at the image's top level */
  uncaught(): string[] {
    const lines = this.fake ? this.fake.uncaught() : [];
    return this.startError ? [this.startError, ...lines] : lines;
  }

  /** where the console is and what reached it (undefined while off) */
  consoleState(): ConsoleView | undefined {
    return this.fake?.console;
  }

  /** Evaluates an expression in the running image's global scope (the console), e.g. "Latchkey.battery()". */
  console(expression: string): unknown {
    if (!this.realm || !this.fake) throw new Error("the lock is powered off");
    const result = this.realm.evaluate(expression);
    this.fake.settle();
    this.record();
    return result;
  }

  private lastStatus = "";

  /**
   * Latchkey.status() as the console answers it (undefined when the lock is off or has no Latchkey), kept in
   * the timeline when it changed. Asking wakes a sleeping lock just to answer, as on a board.
   */
  status(): unknown {
    if (!this.powered()) return undefined;
    const answer = this.console(`typeof Latchkey !== "undefined" && Latchkey.status ? Latchkey.status() : undefined`);
    const text = answer === undefined ? "" : JSON.stringify(answer);
    if (text !== this.lastStatus) {
      this.lastStatus = text;
      if (text !== "") this.timeline.add({ t: this.t, kind: "status", status: JSON.parse(text) });
    }
    return text === "" ? undefined : JSON.parse(text);
  }

  private motorDrive(): Drive {
    const fake = this.fake;
    if (!fake) return "stop";
    const motor = this.board.wiring.motor;
    const a = fake.level(motor.in1);
    const b = fake.level(motor.in2);
    return a && !b ? "A" : b && !a ? "B" : "stop";
  }

  private outputOn(kind: OutputName): boolean {
    const fake = this.fake;
    if (!fake) return false;
    const w = this.board.wiring;
    if (kind === "buzzer") {
      const pwm = fake.pwm(w.buzzer.pin);
      return pwm !== undefined && pwm.value > 0;
    }
    const level = fake.level(kind === "red" ? w.leds.red : w.leds.green);
    return level === w.leds.activeHigh;
  }

  /** Brings the timeline up to date: output changes at their exact times, samples, log lines. */
  record(): void {
    this.syncOutputs();
    this.sample(false);
  }

  private syncOutputs(force = false): void {
    const fake = this.fake;
    if (!fake) return;
    const w = this.board.wiring;
    const current: Outputs = { red: this.outputOn("red"), green: this.outputOn("green"), buzzer: this.outputOn("buzzer"), drive: this.motorDrive() };
    const changed =
      current.red !== this.shown.red || current.green !== this.shown.green || current.buzzer !== this.shown.buzzer || current.drive !== this.shown.drive;
    if (!changed && !force) return;
    // replay the pin histories since the last look, so pulses shorter than a step keep their times
    const ledOn = (level: boolean) => level === w.leds.activeHigh;
    const changes: Array<{ time: number; apply: (o: Outputs) => void }> = [];
    const collect = (pin: string, apply: (o: Outputs, level: boolean, pwm: boolean) => void) => {
      const history = fake.history(pin);
      const seen = this.historySeen[pin] ?? 0;
      for (const h of history.slice(seen)) changes.push({ time: h.time, apply: (o) => apply(o, h.level, h.pwm !== undefined) });
      this.historySeen[pin] = history.length;
    };
    collect(w.leds.red, (o, level) => (o.red = ledOn(level)));
    collect(w.leds.green, (o, level) => (o.green = ledOn(level)));
    collect(w.buzzer.pin, (o, level, pwm) => (o.buzzer = pwm && level));
    const levels = { in1: false, in2: false };
    const driveOf = () => (levels.in1 && !levels.in2 ? "A" : levels.in2 && !levels.in1 ? "B" : "stop") as Drive;
    levels.in1 = this.shown.drive === "A";
    levels.in2 = this.shown.drive === "B";
    collect(w.motor.in1, (o, level) => {
      levels.in1 = level;
      o.drive = driveOf();
    });
    collect(w.motor.in2, (o, level) => {
      levels.in2 = level;
      o.drive = driveOf();
    });
    changes.sort((a, b) => a.time - b.time);
    for (const c of changes) {
      const next = { ...this.shown };
      c.apply(next);
      this.show(next, this.offset + c.time);
    }
    // whatever the histories say, end at the levels the pins show now
    this.show(current);
  }

  private show(next: Outputs, t = this.t): void {
    for (const kind of ["red", "green", "buzzer"] as const) {
      if (next[kind] !== this.shown[kind]) this.timeline.add({ t, kind, on: next[kind] });
    }
    if (next.drive !== this.shown.drive) this.timeline.add({ t, kind: "motor", drive: next.drive });
    this.shown = { ...next };
  }

  private sample(force: boolean): void {
    const amps = this.mechanism.amps();
    const s: Sample = { t: this.t, position: this.mechanism.position, volts: this.battery.terminalVolts(amps), amps };
    const last = this.timeline.samples[this.timeline.samples.length - 1];
    const moved = !last || Math.abs(last.position - s.position) > 0.001 || Math.abs(last.amps - s.amps) > 0.001;
    if (force || moved || this.t - this.lastSampleAt >= SAMPLE_EVERY_MS) {
      this.timeline.samples.push(s);
      this.lastSampleAt = this.t;
    }
  }

  private emitLog(text: string, t = this.t): void {
    this.timeline.add({ t, kind: "log", text });
    this.onLog?.(t, text);
  }

  // ---- real time ----

  /** Keeps virtual time in step with the wall clock; `onFrame` runs after each catch-up. */
  startRealTime(onFrame?: () => void, frameMs = 20): void {
    this.stopRealTime();
    let wall = Date.now();
    this.realTimer = setInterval(() => {
      const now = Date.now();
      // after a long pause (a debugger, a suspended terminal) do not replay minutes at once
      this.advance(Math.min(now - wall, 1000));
      wall = now;
      onFrame?.();
    }, frameMs);
  }

  stopRealTime(): void {
    if (this.realTimer) clearInterval(this.realTimer);
    this.realTimer = undefined;
  }
}

/** every pin a board file names (when its chip is not known here) */
function collectPins(board: ValidatedBoard): string[] {
  const w = board.wiring;
  const pins = new Set<string>([
    w.programButton.pin, w.motor.in1, w.motor.in2, w.bolt.retracted, w.bolt.extended, w.battery.pin,
    w.leds.red, w.leds.green, w.buzzer.pin,
  ]);
  if (w.current) pins.add(w.current.pin);
  if (w.keypad.type === "matrix") [...w.keypad.rows, ...w.keypad.cols].forEach((p) => pins.add(p));
  else w.keypad.pins.forEach((p) => pins.add(p));
  return [...pins];
}

export function createSimulation(options: SimulationOptions): Simulation {
  return new Simulation(options);
}
