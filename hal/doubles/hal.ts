// A whole HAL for host tests: a virtual clock, the record and the event log (in memory, or the journal
// itself, firmware/journal.ts, over a board's flash model), logs of every motor, LED and buzzer write
// (stamped with the clock), and setters that play the hardware: press a key, press Program, move the bolt
// switches, set the battery and motor current.
import { journalEvent, journalLoad, journalSave } from "../../firmware/journal";
import { defaultRecord } from "../../firmware/record";
import type { LockRecord } from "../../firmware/record";
import type { LockEvent } from "../../firmware/types";
import type { BoltState, Drive, Hal, Key } from "../types";
import { createClockDouble } from "./clock";
import type { ClockDouble } from "./clock";

/** The flash the journal runs on: Espruino's Flash and Storage (a board's model of them) and the layout. */
export interface JournalFlash {
  flash: FlashLib;
  storage: StorageLib;
  /** what the image gets as BOARD.journal (tools/journal/validate.ts JournalConstants) */
  layout: typeof BOARD.journal;
}

const LOCKOUT = 8;

/** The record and the events in memory: what the lock saved last, and a switch that makes saves fail. */
export interface MemoryStore {
  record: LockRecord | undefined;
  saves: number;
  failSaves: boolean;
}

export interface HalDoubleOptions {
  /** false: a board without current sense (current() is NaN); default true */
  current?: boolean;
  batteryVolts?: number;
  amps?: number;
  bolt?: BoltState;
  programPressed?: boolean;
  /** the journal over this flash (a power-up of the lock on it); without it, `memory` or a new one */
  flash?: JournalFlash;
  memory?: MemoryStore;
  /** a clock of the test's own (one with a physical model stepping in it) */
  clock?: ClockDouble;
  /** live readings instead of the set values (a battery model that sags with the motor current) */
  battery?: () => number;
  currentSensor?: () => number;
}

export interface HalDouble {
  hal: Hal;
  clock: ClockDouble;
  memory: MemoryStore;
  /** a key press; false when the inputs are not started (the key is lost) */
  pressKey(key: Key): boolean;
  /** Program pressed or released; an event only when it changes */
  setProgram(pressed: boolean): void;
  /** the bolt switches; an event only when they change */
  setBolt(state: BoltState): void;
  setBatteryVolts(volts: number): void;
  setAmps(amps: number): void;
  motorLog: Array<{ t: number; drive: Drive }>;
  ledLog: Array<{ t: number; led: "red" | "green"; on: boolean }>;
  buzzLog: Array<{ t: number; on: boolean }>;
  /** console lines, as printed */
  logs: string[];
  /** event-log entries: kind, arg, seconds since power-up */
  events: Array<{ kind: number; arg: number; seconds: number }>;
  /** the drive last written ("stop" before any) */
  drive(): Drive;
}

export function createHalDouble(options: HalDoubleOptions = {}): HalDouble {
  const clock = options.clock || createClockDouble();
  const memory: MemoryStore = options.memory || { record: undefined, saves: 0, failSaves: false };
  const journal = options.flash;
  /** the journal opens at the power-up's first load */
  let opened = false;
  let volts = options.batteryVolts ?? 6;
  let amps = options.amps ?? 0;
  let program = options.programPressed ?? false;
  let bolt: BoltState = { ...(options.bolt || { retracted: false, extended: false }) };
  let deliver: ((event: LockEvent) => void) | undefined;
  const motorLog: HalDouble["motorLog"] = [];
  const ledLog: HalDouble["ledLog"] = [];
  const buzzLog: HalDouble["buzzLog"] = [];
  const logs: string[] = [];
  const events: HalDouble["events"] = [];
  const withCurrent = options.current !== false;

  const hal: Hal = {
    now: () => clock.now() / 1000,
    setInterval: (fn, ms) => clock.setInterval(fn, ms),
    clearInterval: (id) => clock.clearInterval(id),
    motor: (drive) => motorLog.push({ t: clock.now(), drive }),
    outputs(red, green, buzz) {
      ledLog.push({ t: clock.now(), led: "red", on: red });
      ledLog.push({ t: clock.now(), led: "green", on: green });
      buzzLog.push({ t: clock.now(), on: buzz });
    },
    battery: () => (options.battery ? options.battery() : volts),
    current: () => (!withCurrent ? NaN : options.currentSensor ? options.currentSensor() : amps),
    load(): LockRecord {
      if (journal) {
        // the journal reads BOARD.journal and getTime() as the image does
        const g = globalThis as unknown as { BOARD: { journal: unknown }; getTime: () => number };
        g.BOARD = { ...g.BOARD, journal: journal.layout };
        if (!g.getTime) g.getTime = () => 0;
        const first = !opened;
        opened = true;
        return first ? journalLoad(journal.flash, journal.storage) : journalLoad();
      }
      return memory.record ? JSON.parse(JSON.stringify(memory.record)) : defaultRecord();
    },
    save(record) {
      if (journal) return journalSave(record);
      if (memory.failSaves) return false;
      memory.record = JSON.parse(JSON.stringify(record));
      memory.saves++;
      return true;
    },
    event(kind, arg, seconds) {
      events.push({ kind, arg, seconds });
      if (journal) journalEvent(kind, arg, seconds);
      // as in the journal, a lockout's event is the persisted lockout too (firmware/types.ts EventKind.LOCKOUT)
      else if (kind === LOCKOUT && memory.record && !memory.failSaves) memory.record.lockout = { active: true, lastMs: arg * 1000 };
    },
    log: (msg) => logs.push(msg),
    startInputs(onEvent) {
      deliver = onEvent;
      return { bolt: { ...bolt }, programHeld: program };
    },
  };

  return {
    hal,
    clock,
    memory,
    motorLog,
    ledLog,
    buzzLog,
    logs,
    events,
    pressKey(key) {
      if (!deliver) return false;
      deliver({ type: "key", key });
      return true;
    },
    setProgram(pressed) {
      if (pressed === program) return;
      program = pressed;
      if (deliver) deliver({ type: "program", down: pressed });
    },
    setBolt(state) {
      if (state.retracted === bolt.retracted && state.extended === bolt.extended) return;
      bolt = { ...state };
      if (deliver) deliver({ type: "bolt", state: { ...bolt } });
    },
    setBatteryVolts: (v) => (volts = v),
    setAmps: (a) => (amps = a),
    drive: () => (motorLog.length ? motorLog[motorLog.length - 1].drive : "stop"),
  };
}
