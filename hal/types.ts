// What the lock needs from a board, as one small interface. The firmware sees hardware only through
// it: hal/espruino/ implements it over Espruino's APIs (pins from the board file, written into the
// image at build time), hal/doubles/ implements it for host tests. No Espruino global appears anywhere
// else in the firmware.
import type { LockRecord } from "../firmware/record";
import type { LockEvent } from "../firmware/types";

/** A keypad key: a digit, LOCK (`#` on a 4x3 matrix) or CLEAR (`*`). */
export type Key = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "L" | "C";

/** H-bridge drive: "A" = IN1 high (1,0), "B" = IN2 high (0,1), "stop" = both low (coast). */
export type Drive = "A" | "B" | "stop";

/** The two end-of-travel switches, read as booleans (true = closed = bolt at that end). */
export interface BoltState {
  retracted: boolean;
  extended: boolean;
}

/** The inputs as they are at power-up. */
export interface InputState {
  bolt: BoltState;
  programHeld: boolean;
}

export type TimerId = unknown;

export interface Hal {
  /** seconds on the chip's clock, as getTime() (setting the time moves it: the driver keeps its own) */
  now(): number;
  /** the driver's only timers: ids are cleared at most once */
  setInterval(fn: () => void, ms: number): TimerId;
  clearInterval(id: TimerId): void;
  motor(drive: Drive): void;
  /** both LEDs and the buzzer at once */
  outputs(red: boolean, green: boolean, buzz: boolean): void;
  /** pack volts, one ADC sample */
  battery(): number;
  /** motor amps, one ADC sample; NaN on a board without current sense */
  current(): number;
  /**
   * the newest valid record in flash, the defaults when there is none. The first call is the power-up's:
   * it opens the journal (firmware/journal.ts) and counts the power-up.
   */
  load(): LockRecord;
  /** writes the record when it differs from the one in flash; false when it was not written and read back */
  save(record: LockRecord): boolean;
  /** appends to the event log: what happened (EventKind), its detail, seconds since power-up */
  event(kind: number, arg: number, seconds: number): void;
  /** prints a line at the console */
  log(line: string): void;
  /**
   * Sets the outputs to their idle level and starts the inputs (keypad, Program, bolt switches): each
   * real change arrives at `deliver`, and so does a pin read that throws inside an input's callback (as
   * a "fault" event). Returns the inputs now.
   */
  startInputs(deliver: (event: LockEvent) => void): InputState;
  /** called after each key press is handled (the board checks Espruino's memory flags there) */
  afterKey?: () => void;
  /** a board whose radio is "paired": opens the pairing window for a device that enters `passkey` */
  pair?: (passkey: string) => void;
}
