// The lock's events and effects: the only way the pure behaviour (lock.ts and the modules it uses)
// talks to the world. The driver (driver.ts) turns inputs into events, stamps each with the time, and
// carries out the effects. Time arrives as `now` (ms, monotonic); nothing in the machine reads a clock.
import type { BoltState, Drive, Key } from "../hal/types";
import type { LockRecord } from "./record";

export type LockEvent =
  /** the batteries went in: the machine's first event */
  | { type: "powerUp" }
  /** something threw (an input's pin read, a handler): the motor stops, whatever ran ends */
  | { type: "fault"; why: string }
  | { type: "key"; key: Key }
  | { type: "program"; down: boolean }
  | { type: "bolt"; state: BoltState }
  /** the deadline the machine asked for (see `deadline()`) has come */
  | { type: "tick" }
  /** a reading while the motor runs: motor amps (NaN without current sense) and pack volts */
  | { type: "sample"; amps: number; volts: number }
  /** the answer to a `measureRest` effect: mean of the rest samples, in volts */
  | { type: "rest"; volts: number }
  /** the answer to a `save` effect, with its verdict; when the write failed, the record as it still is in flash */
  | { type: "saved"; ok: boolean; verdict: number; record?: LockRecord };

export type Effect =
  /** "A"/"B": the motor on, for at most limitMs (the driver enforces it on its own); "stop": off */
  | { t: "motor"; drive: Drive; limitMs: number }
  /** the LEDs and the buzzer as they are to be now */
  | { t: "out"; red: boolean; green: boolean; buzz: boolean }
  /** take a rest-voltage reading now and answer with a `rest` event */
  | { t: "measureRest" }
  /** write the record (never while the motor runs) and answer with a `saved` event (a lockout's start is
   * not saved: its LOCKOUT event persists it) */
  | { t: "save"; record: LockRecord; verdict: number }
  /** append an entry to the event log (never while the motor runs) */
  | { t: "event"; kind: EventKind; arg: number }
  | { t: "log"; msg: string }
  /** a "paired" radio board: the pairing window opens for a device that enters the passkey */
  | { t: "pair"; passkey: string };

/**
 * What the event log records (issue: "why did it jam at 3 am?"). `arg` says more, per kind. The journal
 * (journal.ts) stores each as slot tag 0x80 + kind, and tools/log.ts and the simulator name them
 * (tools/journal/format.ts): one numbering everywhere.
 */
export const enum EventKind {
  /** the wall clock was set (Latchkey.setTime): the journal keeps the Unix time at this power-up's start */
  TIME = 0,
  /** the journal keeps the power-up count and the Unix time at its start (0: not known) */
  POWER_UP = 1,
  /** arg: the code's slot */
  UNLOCK_CODE = 2,
  /** by the key or the thumbturn */
  UNLOCK_KEY = 3,
  LOCK_ONE_TOUCH = 4,
  LOCK_AUTO = 5,
  LOCK_KEY = 6,
  WRONG_CODE = 7,
  /** arg: its length in seconds; the journal keeps it as the persisted lockout too */
  LOCKOUT = 8,
  /** arg: 1 while locking, 0 while unlocking */
  JAM = 9,
  /** arg: 0 drive A extends the bolt, 1 drive B */
  HANDING_OK = 10,
  HANDING_FAILED = 11,
  /** arg: the new level, 0 OK .. 3 DEAD */
  BATTERY = 12,
  /** arg: the slot */
  CODE_ADDED = 13,
  /** arg: the slot */
  CODE_DELETED = 14,
  /** arg: menu digit * 2 + 1 when turned on, + 0 when off */
  SETTING = 15,
  MASTER_SET = 16,
  DELETE_ALL = 17,
  FACTORY_RESET = 18,
  /** something threw: the motor was stopped */
  FAULT = 19,
  /** the radio passkey was set (never the passkey itself) */
  PASSKEY_SET = 20,
  /** the pairing window opened */
  PAIRING_OPEN = 21,
}
