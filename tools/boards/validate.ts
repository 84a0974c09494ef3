// One board file's data checked against hal/board.ts's BoardWiring and the chip it names, at build time. Every
// fault is found before the file is refused: each part and field is read on its own (Fields.attempt), and a
// check that needs something that was wrong (the chip, a part) is left out rather than reported twice.
import * as path from "path";
import type { BoardWiring, MatrixKeypadWiring, PinPerKeyWiring } from "../../hal/board";
import type { LockConfig } from "../../firmware/config";
import { CHIPS, ChipInfo } from "./chips";
import { mergeConfig } from "./config-overrides";
import { BoardError } from "./board-error";
import { childField, describe, Fields, fieldsOf, isPlainObject, JsonObject } from "./fields";
import { checkPinRoles, pinRoles } from "./pin-rules";
import { BoardPower, readMinBatteryYears, readPower } from "./power-fields";
import { BoardJournal, readJournal } from "./journal-fields";
import { BoardRadio, readRadio } from "./radio-field";

export type { BoardPower } from "./power-fields";
export type { BoardJournal } from "./journal-fields";
export type { BoardRadio } from "./radio-field";

export interface BoardBudget {
  /** largest firmware.js after minifying, in bytes */
  minifiedBytes: number;
  /** most JsVars of the image's own with the lock asleep after door handing, measured on Espruino's Linux build */
  asleepJsVars: number;
  /** most JsVars of the image's own while awake (door handing, programming, a stroke), measured the same way */
  peakJsVars: number;
  /** shortest battery life at 10 operations a day, years (battery boards; `make bench` checks it when given) */
  minBatteryYears?: number;
}

export interface ValidatedBoard {
  name: string;
  /** the file as given, e.g. boards/proto-pico.json */
  file: string;
  /** key into CHIPS */
  chip: string;
  wiring: BoardWiring<string>;
  /** DEFAULT_CONFIG with the board's overrides merged in */
  config: LockConfig;
  budget: BoardBudget;
  power: BoardPower;
  /** who can reach the console over the air; "none" on a chip without a radio */
  radio: BoardRadio;
  /** where the record and the event log live, checked against the chip's flash map */
  journal: BoardJournal;
}

const TOP_FIELDS = [
  "name", "chip", "notes", "keypad", "programButton", "motor", "bolt", "current", "battery", "vref", "leds",
  "buzzer", "watchdogSeconds", "budget", "power", "config", "radio", "journal",
];
const KEYPAD_LEGENDS = "0123456789*#";

/** the pins, or undefined when one of them is wrong (each wrong one reported) */
function pinList(value: unknown, field: string, f: Fields): string[] | undefined {
  const list = f.array(value, field);
  if (list.length === 0) f.fail(field, "must list at least one pin");
  const pins = list.map((pin, i) => f.attempt(() => f.string(pin, field + "[" + i + "]")));
  return pins.some((p) => p === undefined) ? undefined : (pins as string[]);
}

/** each of 0-9, * and # exactly once, in `count` legends */
function checkLegends(keys: string, count: number, what: string, f: Fields): void {
  if (keys.length !== count) f.fail("keypad.keys", "has " + keys.length + " legends but " + what + " " + count + " keys");
  const missing = [...KEYPAD_LEGENDS].filter((k) => !keys.includes(k));
  const unknown = [...keys].filter((k, i) => !KEYPAD_LEGENDS.includes(k) || keys.indexOf(k) !== i);
  if (missing.length > 0 || unknown.length > 0) {
    f.fail("keypad.keys", "must hold each of 0-9, * and # exactly once, got " + describe(keys) +
      (missing.length > 0 ? " (missing " + missing.join(" ") + ")" : "") +
      (unknown.length > 0 ? " (unexpected or repeated " + unknown.join(" ") + ")" : ""));
  }
}

/** every read of `reads` on its own; undefined when any of them had a fault */
function readAll<T>(reads: { [K in keyof T]: () => T[K] | undefined }, f: Fields): T | undefined {
  const out = {} as T;
  let whole = true;
  for (const key of Object.keys(reads) as (keyof T & string)[]) {
    const value = f.attempt(reads[key]);
    if (value === undefined) whole = false;
    else out[key] = value;
  }
  return whole ? out : undefined;
}

function readKeypad(value: unknown, f: Fields): MatrixKeypadWiring<string> | PinPerKeyWiring<string> | undefined {
  if (!isPlainObject(value)) return f.fail("keypad", "must be an object, got " + describe(value));
  const type = f.required(value, "type", "keypad");
  const debounceMs = () => f.number(f.required(value, "debounceMs", "keypad"), "keypad.debounceMs", 0, false);
  const keys = () => f.string(f.required(value, "keys", "keypad"), "keypad.keys");
  if (type === "matrix") {
    f.object(value, "keypad", ["type", "rows", "cols", "keys", "debounceMs"]);
    const read = readAll<{ rows: string[]; cols: string[]; keys: string; debounceMs: number }>({
      rows: () => pinList(f.required(value, "rows", "keypad"), "keypad.rows", f),
      cols: () => pinList(f.required(value, "cols", "keypad"), "keypad.cols", f),
      keys,
      debounceMs,
    }, f);
    if (!read) return undefined;
    checkLegends(read.keys, read.rows.length * read.cols.length, "the " + read.rows.length + "x" + read.cols.length + " matrix has", f);
    return { type: "matrix", ...read };
  }
  if (type === "pins") {
    f.object(value, "keypad", ["type", "pins", "keys", "debounceMs"]);
    const read = readAll<{ pins: string[]; keys: string; debounceMs: number }>({ pins: () => pinList(f.required(value, "pins", "keypad"), "keypad.pins", f), keys, debounceMs }, f);
    if (!read) return undefined;
    checkLegends(read.keys, read.pins.length, "keypad.pins lists", f);
    return { type: "pins", ...read };
  }
  return f.fail("keypad.type", 'must be "matrix" or "pins", got ' + describe(type));
}

/** a part of the board: an object with exactly these fields, each read by its reader; undefined after a fault */
function part<T>(top: JsonObject, name: string, readers: { [K in keyof T]: (v: unknown, field: string) => T[K] }, f: Fields): T | undefined {
  const o = f.object(f.required(top, name, ""), name, Object.keys(readers));
  const reads = {} as { [K in keyof T]: () => T[K] };
  for (const key of Object.keys(readers) as (keyof T & string)[]) {
    reads[key] = () => readers[key](f.required(o, key, name), childField(name, key));
  }
  return readAll(reads, f);
}

/** the wiring as far as it could be read: a part with a fault is missing */
type WiringParts = { [K in keyof BoardWiring<string>]: BoardWiring<string>[K] | undefined };

function readWiring(top: JsonObject, name: string | undefined, chipName: string | undefined, chip: ChipInfo | undefined, f: Fields): WiringParts {
  const pin = (v: unknown, field: string) => f.string(v, field);
  const flag = (v: unknown, field: string) => f.boolean(v, field);
  const ms = (v: unknown, field: string) => f.number(v, field, 0, false);
  const positive = (v: unknown, field: string) => f.number(v, field, 0, true);
  const read = <T>(fn: () => T | undefined) => f.attempt(fn);

  const keypad = read(() => readKeypad(f.required(top, "keypad", ""), f));
  const programButton = read(() => part(top, "programButton", { pin, activeLow: flag, debounceMs: ms }, f));
  const motor = read(() => part(top, "motor", { in1: pin, in2: pin }, f));
  const bolt = read(() => part(top, "bolt", { retracted: pin, extended: pin, activeLow: flag, debounceMs: ms }, f));
  const current = top.current === undefined ? undefined : read(() => part(top, "current", { pin, voltsPerAmp: positive }, f));
  const battery = read(() => part(top, "battery", { pin, dividerRatio: positive }, f));
  const vref = read(() => {
    const value = f.required(top, "vref", "");
    if (value !== null) return f.number(value, "vref", 0, true);
    if (chip && !chip.hasAnalogVRef) {
      f.fail("vref", "E.getAnalogVRef() is not a number on " + chipName + ": give the ADC reference in volts");
    }
    return null;
  });
  const leds = read(() => part(top, "leds", { red: pin, green: pin, activeHigh: flag }, f));
  const buzzer = read(() => part(top, "buzzer", { pin, freq: positive }, f));
  const watchdogSeconds = read(() => {
    const seconds = f.number(f.required(top, "watchdogSeconds", ""), "watchdogSeconds", 0, false);
    if (chip && seconds > chip.maxWatchdogSeconds) {
      f.fail("watchdogSeconds", "must be at most " + chip.maxWatchdogSeconds + " s on " + chipName + ", got " + seconds);
    }
    return seconds;
  });

  // in BoardWiring's order, which is the order the board module lists them in
  return { name: name as string, keypad, programButton, motor, bolt, current, battery, vref, leds, buzzer, watchdogSeconds };
}

function readBudget(top: JsonObject, chipName: string | undefined, chip: ChipInfo | undefined, power: BoardPower | undefined, f: Fields): BoardBudget | undefined {
  const o = f.object(f.required(top, "budget", ""), "budget", ["minifiedBytes", "asleepJsVars", "peakJsVars", "minBatteryYears"]);
  const whole = (key: string) => () => f.integer(f.required(o, key, "budget"), "budget." + key, 1);
  const budget = readAll<BoardBudget>({ minifiedBytes: whole("minifiedBytes"), asleepJsVars: whole("asleepJsVars"), peakJsVars: whole("peakJsVars") }, f);
  if (!budget) return budget;
  const years = f.attempt(() => readMinBatteryYears(o, power, f));
  if (years !== undefined) budget.minBatteryYears = years;
  if (!chip) return budget;
  if (budget.minifiedBytes > chip.storageBytes) {
    f.report("budget.minifiedBytes", budget.minifiedBytes + " bytes do not fit the " + chip.storageBytes + " bytes of Storage on " + chipName);
  }
  if (budget.peakJsVars >= chip.jsVars) {
    f.report("budget.peakJsVars", budget.peakJsVars + " is not below the " + chip.jsVars + " JsVars Espruino has on " + chipName);
  }
  if (budget.asleepJsVars > budget.peakJsVars) {
    f.report("budget.asleepJsVars", budget.asleepJsVars + " is more than budget.peakJsVars (" + budget.peakJsVars + "): asleep is part of the peak");
  }
  return budget;
}

/** the whole wiring when every part of it was read */
function complete(w: WiringParts): BoardWiring<string> | undefined {
  const required: (keyof WiringParts)[] = ["keypad", "programButton", "motor", "bolt", "battery", "vref", "leds", "buzzer", "watchdogSeconds"];
  if (required.some((key) => w[key] === undefined)) return undefined;
  const { current, ...rest } = w;
  return { ...(rest as BoardWiring<string>), ...(current ? { current } : {}) };
}

export function validateBoard(data: unknown, file: string): ValidatedBoard {
  const f: Fields = fieldsOf(file);
  if (!isPlainObject(data)) throw new BoardError(file, "(top level)", "must be a JSON object, got " + describe(data));
  const top = f.object(data, "", TOP_FIELDS);

  const expectedName = path.basename(file, ".json");
  const name = f.attempt(() => {
    const name = f.string(f.required(top, "name", ""), "name");
    if (name !== expectedName) f.fail("name", 'must be "' + expectedName + '", the file name without .json, got ' + describe(name));
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) f.fail("name", "must be lower-case letters, digits and dashes, got " + describe(name));
    return name;
  });

  const chipName = f.attempt(() => f.string(f.required(top, "chip", ""), "chip"));
  const chip = chipName !== undefined && Object.prototype.hasOwnProperty.call(CHIPS, chipName) ? CHIPS[chipName] : undefined;
  if (chipName !== undefined && !chip) f.report("chip", "unknown chip " + describe(chipName) + " (known: " + Object.keys(CHIPS).join(", ") + ")");

  if (top.notes !== undefined) {
    f.attempt(() => f.array(top.notes, "notes").forEach((note, i) => f.attempt(() => f.string(note, "notes[" + i + "]"))));
  }

  const parts = readWiring(top, name, chipName, chip, f);
  const power = f.attempt(() => readPower(top, chipName ?? "", f));
  const budget = f.attempt(() => readBudget(top, chipName, chip, power, f));
  const config = f.attempt(() => mergeConfig(top.config, f));
  const radio = f.attempt(() => readRadio(top, chipName, chip, f));
  const journal = name !== undefined && chip && chipName !== undefined && budget ? f.attempt(() => readJournal(top, name, chipName, budget.minifiedBytes, f)) : undefined;
  if (chip && chipName !== undefined) checkPinRoles(pinRoles(parts), chipName, chip, f.report);

  const wiring = complete(parts);
  const faults = f.faults();
  if (faults.length > 0) throw BoardError.all(faults);
  if (name === undefined || chipName === undefined || !wiring || !budget || !power || !config || !radio || !journal) {
    throw new Error(file + ": a part could not be read, yet no fault was recorded (a bug in tools/boards/validate.ts)");
  }
  return { name, file, chip: chipName, wiring, config, budget, power, radio, journal };
}
