// A lock on the bench, in virtual time: the firmware (driver and machine) over the HAL double
// (hal/doubles), with the physical bolt model driving the switches and the motor current, a battery
// with internal resistance, and the journal (firmware/journal.ts) on the reference board's flash model.
// Tests talk to it as a person would: press keys, press Program, turn the key, wait, and look at the LEDs,
// the buzzer and the bolt; and read its flash as make log would (`journal()`).
import * as path from "path";
import type { Drive, Key } from "../../hal/types";
import { createClockDouble } from "../../hal/doubles/clock";
import type { ClockDouble } from "../../hal/doubles/clock";
import { createHalDouble } from "../../hal/doubles/hal";
import type { HalDouble } from "../../hal/doubles/hal";
import type { LockConfig } from "../../firmware/config";
import { startLock, status } from "../../firmware/driver";
import type { LockStatus } from "../../firmware/lock";
import type { BoardFlash } from "../../sim/espruino/board-flash";
import { boardFlashOf } from "../../sim/espruino/board-flash-file";
import { readJournal } from "../../tools/journal/read";
import type { JournalView } from "../../tools/journal/read";
import { loadBoard } from "../../tools/boards/load";
import { useConfig } from "./config";
import { Mechanism } from "../../sim/model/mechanism";

export interface Pulse {
  start: number;
  end: number;
}

export interface RigOptions {
  config?: Partial<LockConfig>;
  /** which drive extends the bolt ("A" default) */
  extendDrive?: Drive;
  /** bolt position at power-up: 0 retracted .. 1 extended */
  boltAt?: number;
  batteryVolts?: number;
  /** the pack's internal resistance in ohms (sag under the motor) */
  internalOhms?: number;
}

const KEY_NAMES: { [legend: string]: Key } = { "#": "L", "*": "C" };

/** on-spans from a log of (time, on) writes; a span still on at the end runs to Infinity */
function spans(log: Array<{ t: number; on: boolean }>): Pulse[] {
  const out: Pulse[] = [];
  for (const e of log) {
    const last = out[out.length - 1];
    const isOn = !!last && last.end === Infinity;
    if (e.on && !isOn) out.push({ start: e.t, end: Infinity });
    if (!e.on && isOn) last.end = e.t;
  }
  return out;
}

/** the reference board, whose flash layout the rig's journal uses */
const BOARD_FILE = path.join(__dirname, "..", "..", "boards", "proto-pico.json");
/** an image of the size of today's in .bootcde: the journal's arena fills Storage after it */
const IMAGE = "// the image\n" + " ".repeat(18000);

export class LockRig {
  readonly config: LockConfig;
  readonly clock: ClockDouble = createClockDouble();
  /** the board's flash: the chip, Storage over it (`flash`), require("Flash") */
  readonly chip: BoardFlash = boardFlashOf("proto-pico", { image: IMAGE });
  readonly flash = this.chip.storage;
  readonly layout = loadBoard(BOARD_FILE).journal.constants;
  readonly mechanism: Mechanism;
  openVolts: number;
  internalOhms: number;
  log: string[] = [];
  /** the motor-current ADC throws while set (a sensor fault) */
  currentSensorFault = false;
  private board!: HalDouble;
  /** outputs of earlier power cycles: power off switches everything off */
  private past = { red: [] as Pulse[], green: [] as Pulse[], buzz: [] as Pulse[], motor: [] as Pulse[] };

  constructor(options: RigOptions = {}) {
    this.config = useConfig(options.config || {});
    this.mechanism = new Mechanism({ extendDrive: options.extendDrive === "B" ? "B" : "A", position: options.boltAt ?? 0 });
    this.openVolts = options.batteryVolts ?? 6.0;
    this.internalOhms = options.internalOhms ?? 0.3;
    this.clock.onStep = (dt) => this.physics(dt);
    this.clock.maxStep = () => (this.drive !== "stop" || this.mechanism.held() ? 1 : 50);
  }

  /** insert the batteries */
  powerOn(options: { holdingProgram?: boolean } = {}): this {
    if (this.flash.isPoweredOff()) this.flash.powerOn();
    this.board = createHalDouble({
      clock: this.clock,
      flash: { flash: this.chip.flash, storage: this.flash, layout: this.layout },
      bolt: this.mechanism.switches(),
      programPressed: !!options.holdingProgram,
      battery: () => this.terminalVolts(),
      currentSensor: () => {
        if (this.currentSensorFault) throw new Error("ADC fault");
        return this.mechanism.amps();
      },
    });
    const log = this.log;
    const clock = this.clock;
    this.board.hal.log = (line: string) => log.push(`${clock.now()} ${line.replace(/^\[latchkey\] /, "")}`);
    startLock(this.board.hal);
    return this;
  }

  /** nothing in progress: no timer armed, the motor off */
  idle(): boolean {
    return this.timersArmed() === 0 && this.drive === "stop";
  }

  /** the journal as make log would read it: events (oldest first), the newest record and lockout */
  journal(): JournalView {
    return readJournal((n, a) => this.chip.chip.read(a, n), this.layout);
  }

  /** what `Latchkey.status()` says on a board */
  status(): LockStatus {
    return status();
  }

  /** pull the batteries: every timer and callback of the old power cycle is gone */
  powerOff(): this {
    const at = this.clock.now();
    const cut = (list: Pulse[]) => list.map((p) => (p.end === Infinity ? { start: p.start, end: at } : p));
    this.past = { red: cut(this.red), green: cut(this.green), buzz: cut(this.buzz), motor: cut(this.motorRuns) };
    this.board = undefined as unknown as HalDouble;
    this.flash.cancelPowerCut();
    this.clock.reset();
    return this;
  }

  get drive(): Drive {
    return this.board ? this.board.drive() : "stop";
  }
  get red(): Pulse[] {
    return this.outputs("red");
  }
  get green(): Pulse[] {
    return this.outputs("green");
  }
  get buzz(): Pulse[] {
    return this.past.buzz.concat(this.board ? spans(this.board.buzzLog) : []);
  }
  get motorRuns(): Pulse[] {
    const now = this.board ? spans(this.board.motorLog.map((m) => ({ t: m.t, on: m.drive !== "stop" }))) : [];
    return this.past.motor.concat(now);
  }

  wait(ms: number): this {
    this.clock.advance(ms);
    return this;
  }

  /** tap keys as a person does: `press("1234#")`; `#` is LOCK, `*` is CLEAR */
  press(keys: string): this {
    for (const legend of keys.split("")) {
      if (this.board) this.board.pressKey((KEY_NAMES[legend] || legend) as Key);
      this.wait(300);
    }
    return this;
  }

  programDown(): this {
    if (this.board) this.board.setProgram(true);
    return this;
  }
  programUp(): this {
    if (this.board) this.board.setProgram(false);
    return this;
  }
  /** a short press of the interior Program button */
  program(holdMs = 200): this {
    return this.programDown().wait(holdMs).programUp().wait(300);
  }

  /** a person turns the key or thumbturn */
  turnKey(to: "locked" | "unlocked", overMs = 400): this {
    this.mechanism.turnTo(to === "locked" ? 1 : 0, overMs);
    return this.wait(overMs + 100);
  }

  get bolt(): "retracted" | "extended" | "between" {
    const s = this.mechanism.switches();
    return s.retracted ? "retracted" : s.extended ? "extended" : "between";
  }

  /** pulses that start in [from, to) */
  count(pulses: Pulse[], from: number, to = Infinity): number {
    return pulses.filter((p) => p.start >= from && p.start < to).length;
  }

  timersArmed(): number {
    return this.clock.pending();
  }

  terminalVolts(): number {
    return this.openVolts - this.mechanism.amps() * this.internalOhms;
  }

  private outputs(led: "red" | "green"): Pulse[] {
    const now = this.board ? spans(this.board.ledLog.filter((l) => l.led === led)) : [];
    return this.past[led].concat(now);
  }

  private physics(dtMs: number) {
    this.mechanism.step(dtMs, this.drive, this.terminalVolts());
    if (this.board) this.board.setBolt(this.mechanism.switches());
  }
}
