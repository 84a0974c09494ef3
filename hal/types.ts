// Hardware interfaces of the lock, in the ECMA-419 shape: each part is built once from one options
// object, callbacks arrive in the options, and the part offers read/write/close. Firmware code sees
// only these interfaces; `hal/espruino/` implements them over Espruino's APIs and `hal/doubles/`
// implements them for host tests. No Espruino global appears anywhere else.

/** A keypad key: a digit, LOCK (`#` on a 4x3 matrix) or CLEAR (`*`). */
export type Key = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "L" | "C";

/** Emits one `onKey` per real press: bounce, a held key and several keys at once give at most one. */
export interface Keypad {
  close(): void;
}
export interface KeypadOptions {
  onKey: (key: Key) => void;
  /** a pin read inside the watch callback threw; without this it escapes as Uncaught */
  onError?: (err: unknown) => void;
}

/** The interior program button. `onChange` fires on each debounced edge. */
export interface Button {
  /** true while pressed */
  read(): boolean;
  close(): void;
}
export interface ButtonOptions {
  onChange: (pressed: boolean) => void;
}

/** H-bridge drive: "A" = IN1 high (1,0), "B" = IN2 high (0,1), "stop" = both low (coast). */
export type Drive = "A" | "B" | "stop";
export interface Motor {
  write(drive: Drive): void;
  close(): void;
}

/** The two end-of-travel switches, read as booleans (true = closed = bolt at that end). */
export interface BoltState {
  retracted: boolean;
  extended: boolean;
}
export interface BoltSensor {
  read(): BoltState;
  close(): void;
}
export interface BoltSensorOptions {
  onChange: (state: BoltState) => void;
  /** a pin read inside the watch callback threw; without this it escapes as Uncaught */
  onError?: (err: unknown) => void;
}

/** Motor current in amps. Boards without a sense resistor have none (the shell passes NaN on). */
export interface CurrentSensor {
  read(): number;
}

/** Battery pack voltage in volts, one ADC sample converted through the board's divider and reference. */
export interface BatteryGauge {
  read(): number;
}

export interface Led {
  write(on: boolean): void;
}

export interface Buzzer {
  write(on: boolean): void;
}

/** Persistent key-value store over flash. Values are strings; `read` of a missing key is undefined. */
export interface Kv {
  read(name: string): string | undefined;
  /** false when the write failed (flash full, error) */
  write(name: string, value: string): boolean;
  erase(name: string): void;
}

export type TimerId = unknown;
/** Time as a service: milliseconds on a monotonic clock, and one-shot and periodic timers. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
  setInterval(fn: () => void, ms: number): TimerId;
  clearInterval(id: TimerId): void;
}

/**
 * The parts the lock drives and reads while awake. On a board they are made again at every wake-up:
 * making one sets its pins to their idle level (motor stopped, LEDs and buzzer off), which is where
 * they already are while the lock sleeps.
 */
export interface HalOutputs {
  clock: Clock;
  motor: Motor;
  redLed: Led;
  greenLed: Led;
  buzzer: Buzzer;
  battery: BatteryGauge;
  current?: CurrentSensor;
  kv: Kv;
}

/** The inputs that wake the lock: started once at power-up, they stay while the lock sleeps. */
export interface HalInputs {
  startKeypad(options: KeypadOptions): Keypad;
  startProgramButton(options: ButtonOptions): Button;
  startBoltSensor(options: BoltSensorOptions): BoltSensor;
}

/** Everything the lock needs, built for one board. `current` is absent on boards without current sense. */
export interface Hal extends HalOutputs, HalInputs {}
