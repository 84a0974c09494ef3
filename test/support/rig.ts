// A lock on the bench, in virtual time: the firmware shell and machine over HAL doubles, with the
// physical bolt model driving the switches and the motor current, and a battery with internal
// resistance. Tests talk to it as a person would: press keys, press Program, turn the key, wait, and
// look at the LEDs, the buzzer and the bolt.
import type { BoltSensorOptions, ButtonOptions, Drive, Hal, Key, KeypadOptions } from "../../hal/types";
import { DEFAULT_CONFIG } from "../../firmware/config";
import type { LockConfig } from "../../firmware/config";
import { startLock } from "../../firmware/shell";
import type { LockShell } from "../../firmware/shell";
import { createRecordStore } from "../../firmware/store";
import { createFlashStorage } from "../../sim/espruino/flash";
import { Mechanism } from "../../sim/model/mechanism";
import { createVirtualClock } from "./virtual-clock";
import type { VirtualClock } from "./virtual-clock";
import { createStorageKv } from "../../hal/espruino/kv";

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
  programHeldAtPowerUp?: boolean;
}

const KEY_NAMES: { [legend: string]: Key } = { "#": "L", "*": "C" };

export class LockRig {
  readonly config: LockConfig;
  readonly clock: VirtualClock;
  readonly flash = createFlashStorage();
  readonly mechanism: Mechanism;
  openVolts: number;
  internalOhms: number;
  log: string[] = [];
  drive: Drive = "stop";
  /** the motor-current ADC throws while set (a sensor fault) */
  currentSensorFault = false;
  red: Pulse[] = [];
  green: Pulse[] = [];
  buzz: Pulse[] = [];
  motorRuns: Pulse[] = [];
  shell!: LockShell;
  private keypad?: KeypadOptions;
  private button?: ButtonOptions;
  private bolts?: BoltSensorOptions;
  private programPressed = false;
  private lastSwitches = { retracted: false, extended: false };
  private powered = false;

  constructor(options: RigOptions = {}) {
    this.config = { ...DEFAULT_CONFIG, ...(options.config || {}) };
    this.clock = createVirtualClock();
    this.mechanism = new Mechanism({ extendDrive: options.extendDrive === "B" ? "B" : "A", position: options.boltAt ?? 0 });
    this.openVolts = options.batteryVolts ?? 6.0;
    this.internalOhms = options.internalOhms ?? 0.3;
    this.clock.onStep = (dt) => this.physics(dt);
    this.clock.maxStep = () => (this.drive !== "stop" || this.mechanism.held() ? 1 : 50);
  }

  /** insert the batteries */
  powerOn(options: { holdingProgram?: boolean } = {}): this {
    this.programPressed = !!options.holdingProgram;
    this.powered = true;
    if (this.flash.isPoweredOff()) this.flash.powerOn();
    this.lastSwitches = this.mechanism.switches();
    this.shell = startLock(this.hal(), this.config, createRecordStore(createStorageKv(this.flash), this.config), (m) =>
      this.log.push(`${this.clock.now()} ${m}`),
    );
    return this;
  }

  /** pull the batteries: every timer and callback of the old power cycle is gone */
  powerOff(): this {
    this.powered = false;
    this.flash.cancelPowerCut();
    this.clock.reset();
    this.drive = "stop";
    this.closePulses(this.clock.now());
    return this;
  }

  wait(ms: number): this {
    this.clock.advance(ms);
    return this;
  }

  /** tap keys as a person does: `press("1234#")`; `#` is LOCK, `*` is CLEAR */
  press(keys: string): this {
    for (const legend of keys.split("")) {
      const key = (KEY_NAMES[legend] || legend) as Key;
      if (this.powered && this.keypad) this.keypad.onKey(key);
      this.wait(300);
    }
    return this;
  }

  programDown(): this {
    this.programPressed = true;
    if (this.powered && this.button) this.button.onChange(true);
    return this;
  }
  programUp(): this {
    this.programPressed = false;
    if (this.powered && this.button) this.button.onChange(false);
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
    return this.clock.armed();
  }

  private physics(dtMs: number) {
    const volts = this.terminalVolts();
    this.mechanism.step(dtMs, this.drive, volts);
    const s = this.mechanism.switches();
    if (this.powered && (s.retracted !== this.lastSwitches.retracted || s.extended !== this.lastSwitches.extended)) {
      this.lastSwitches = s;
      if (this.bolts) this.bolts.onChange(s);
    }
  }

  terminalVolts(): number {
    return this.openVolts - this.mechanism.amps() * this.internalOhms;
  }

  private closePulses(at: number) {
    for (const list of [this.red, this.green, this.buzz, this.motorRuns]) {
      const last = list[list.length - 1];
      if (last && last.end === Infinity) last.end = at;
    }
  }

  private level(list: Pulse[], on: boolean) {
    const last = list[list.length - 1];
    const isOn = !!last && last.end === Infinity;
    if (on && !isOn) list.push({ start: this.clock.now(), end: Infinity });
    if (!on && isOn) last.end = this.clock.now();
  }

  private hal(): Hal {
    const rig = this;
    return {
      clock: this.clock,
      motor: {
        write(drive) {
          rig.drive = drive;
          rig.level(rig.motorRuns, drive !== "stop");
        },
        close() {},
      },
      redLed: { write: (on) => this.level(this.red, on) },
      greenLed: { write: (on) => this.level(this.green, on) },
      buzzer: { write: (on) => this.level(this.buzz, on) },
      battery: { read: () => this.terminalVolts() },
      current: {
        read: () => {
          if (this.currentSensorFault) throw new Error("ADC fault");
          return this.mechanism.amps();
        },
      },
      kv: createStorageKv(this.flash),
      startKeypad: (options) => {
        this.keypad = options;
        return { close() {} };
      },
      startProgramButton: (options) => {
        this.button = options;
        return { read: () => this.programPressed, close() {} };
      },
      startBoltSensor: (options) => {
        this.bolts = options;
        return { read: () => this.mechanism.switches(), close() {} };
      },
    };
  }
}
