// The lock's events and effects: the only way the pure behaviour talks to the world.
// The shell (firmware/shell.ts) turns HAL callbacks into events, stamps each with the time, and
// carries out the effects. Time arrives as `now` (ms); nothing in firmware reads a clock.
import type { BoltState, Drive, Key } from "../hal/types";

export type LockEvent =
  | { type: "key"; key: Key }
  | { type: "program"; down: boolean }
  | { type: "bolt"; state: BoltState }
  /** the deadline the machine asked for (see `deadline()`) has come */
  | { type: "tick" }
  /** one sample while the motor runs: motor amps (NaN without current sense) and pack volts */
  | { type: "sample"; amps: number; volts: number }
  /** the answer to a `measureRest` effect: mean of the rest samples, in volts */
  | { type: "rest"; volts: number };

export type Effect =
  | { t: "motor"; drive: Drive }
  | { t: "led"; red: boolean; green: boolean }
  | { t: "buzz"; on: boolean }
  /** start (ms > 0) or stop (ms = 0) sampling motor current and battery every ms while the motor runs */
  | { t: "sample"; ms: number }
  /** take a rest-voltage reading now and answer with a `rest` event */
  | { t: "measureRest" }
  /** write the persistent record (the machine's `record()`) */
  | { t: "save" }
  | { t: "log"; msg: string };

export type Effects = Effect[];
