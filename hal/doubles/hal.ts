// A whole HAL for host tests of the shell: a virtual clock, a memory Kv, logs of every motor, LED and
// buzzer write (stamped with the clock), and setters that play the hardware: press a key, press
// Program, move the bolt switches, set the battery and motor current.
import type { BatteryGauge, BoltSensorOptions, BoltState, ButtonOptions, CurrentSensor, Drive, Hal, Key, KeypadOptions, Kv } from "../types";
import { createClockDouble } from "./clock";
import type { ClockDouble } from "./clock";
import { createMemoryKv } from "./kv";

export interface HalDoubleOptions {
  /** false: a board without current sense (hal.current absent); default true */
  current?: boolean;
  batteryVolts?: number;
  amps?: number;
  bolt?: BoltState;
  programPressed?: boolean;
  kv?: Kv;
  /** a clock of the test's own (one with a physical model stepping in it) */
  clock?: ClockDouble;
  /** live readings instead of the set values (a battery model that sags with the motor current) */
  battery?: BatteryGauge;
  currentSensor?: CurrentSensor;
}

export interface HalDouble {
  hal: Hal;
  clock: ClockDouble;
  kv: Kv;
  /** a key press; false when no keypad is started (the key is lost) */
  pressKey(key: Key): boolean;
  /** Program pressed or released; onChange only when it changes */
  setProgram(pressed: boolean): void;
  /** the bolt switches; onChange only when they change */
  setBolt(state: BoltState): void;
  setBatteryVolts(volts: number): void;
  setAmps(amps: number): void;
  motorLog: Array<{ t: number; drive: Drive }>;
  ledLog: Array<{ t: number; led: "red" | "green"; on: boolean }>;
  buzzLog: Array<{ t: number; on: boolean }>;
  /** the drive last written ("stop" before any) */
  drive(): Drive;
}

export function createHalDouble(options: HalDoubleOptions = {}): HalDouble {
  const clock = options.clock || createClockDouble();
  const kv = options.kv || createMemoryKv();
  let volts = options.batteryVolts ?? 6;
  let amps = options.amps ?? 0;
  let program = options.programPressed ?? false;
  let bolt: BoltState = { ...(options.bolt || { retracted: false, extended: false }) };
  let keypad: KeypadOptions | undefined;
  let button: ButtonOptions | undefined;
  let bolts: BoltSensorOptions | undefined;
  const motorLog: HalDouble["motorLog"] = [];
  const ledLog: HalDouble["ledLog"] = [];
  const buzzLog: HalDouble["buzzLog"] = [];

  const led = (name: "red" | "green") => ({ write: (on: boolean) => ledLog.push({ t: clock.now(), led: name, on }) });

  const hal: Hal = {
    clock,
    kv,
    motor: {
      write: (drive) => motorLog.push({ t: clock.now(), drive }),
      close: () => motorLog.push({ t: clock.now(), drive: "stop" }),
    },
    redLed: led("red"),
    greenLed: led("green"),
    buzzer: { write: (on) => buzzLog.push({ t: clock.now(), on }) },
    battery: options.battery || { read: () => volts },
    startKeypad(o) {
      keypad = o;
      return { close: () => (keypad = keypad === o ? undefined : keypad) };
    },
    startProgramButton(o) {
      button = o;
      return { read: () => program, close: () => (button = button === o ? undefined : button) };
    },
    startBoltSensor(o) {
      bolts = o;
      return { read: () => ({ ...bolt }), close: () => (bolts = bolts === o ? undefined : bolts) };
    },
  };
  if (options.current !== false) hal.current = options.currentSensor || { read: () => amps };

  return {
    hal,
    clock,
    kv,
    motorLog,
    ledLog,
    buzzLog,
    pressKey(key) {
      if (!keypad) return false;
      keypad.onKey(key);
      return true;
    },
    setProgram(pressed) {
      if (pressed === program) return;
      program = pressed;
      if (button) button.onChange(pressed);
    },
    setBolt(state) {
      if (state.retracted === bolt.retracted && state.extended === bolt.extended) return;
      bolt = { ...state };
      if (bolts) bolts.onChange({ ...bolt });
    },
    setBatteryVolts: (v) => (volts = v),
    setAmps: (a) => (amps = a),
    drive: () => (motorLog.length ? motorLog[motorLog.length - 1].drive : "stop"),
  };
}
