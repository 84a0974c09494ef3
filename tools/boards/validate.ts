// One board file's data checked against hal/board.ts's BoardWiring and the chip it names, at build time.
import * as path from "path";
import type { BoardWiring, MatrixKeypadWiring, PinPerKeyWiring } from "../../hal/board";
import type { LockConfig } from "../../firmware/config";
import { CHIPS, ChipInfo } from "./chips";
import { mergeConfig } from "./config-overrides";
import { childField, describe, Fields, fieldsOf, JsonObject } from "./fields";
import { checkPinRoles, pinRoles } from "./pin-rules";
import { BoardPower, readMinBatteryYears, readPower } from "./power-fields";

export type { BoardPower } from "./power-fields";

export interface BoardBudget {
  /** largest firmware.js after minifying, in bytes */
  minifiedBytes: number;
  /** largest JsVar count after the image has loaded */
  jsVars: number;
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
}

const TOP_FIELDS = [
  "name", "chip", "notes", "keypad", "programButton", "motor", "bolt", "current", "battery", "vref", "leds",
  "buzzer", "watchdogSeconds", "budget", "power", "config",
];
const KEYPAD_LEGENDS = "0123456789*#";

function pinList(value: unknown, field: string, f: Fields): string[] {
  const list = f.array(value, field);
  if (list.length === 0) f.fail(field, "must list at least one pin");
  return list.map((pin, i) => f.string(pin, field + "[" + i + "]"));
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

function readKeypad(value: unknown, f: Fields): MatrixKeypadWiring<string> | PinPerKeyWiring<string> {
  const loose = f.object(value, "keypad", ["type", "rows", "cols", "pins", "keys", "debounceMs"]);
  const type = f.required(loose, "type", "keypad");
  if (type === "matrix") {
    const o = f.object(value, "keypad", ["type", "rows", "cols", "keys", "debounceMs"]);
    const rows = pinList(f.required(o, "rows", "keypad"), "keypad.rows", f);
    const cols = pinList(f.required(o, "cols", "keypad"), "keypad.cols", f);
    const keys = f.string(f.required(o, "keys", "keypad"), "keypad.keys");
    checkLegends(keys, rows.length * cols.length, "the " + rows.length + "x" + cols.length + " matrix has", f);
    const debounceMs = f.number(f.required(o, "debounceMs", "keypad"), "keypad.debounceMs", 0, false);
    return { type: "matrix", rows, cols, keys, debounceMs };
  }
  if (type === "pins") {
    const o = f.object(value, "keypad", ["type", "pins", "keys", "debounceMs"]);
    const pins = pinList(f.required(o, "pins", "keypad"), "keypad.pins", f);
    const keys = f.string(f.required(o, "keys", "keypad"), "keypad.keys");
    checkLegends(keys, pins.length, "keypad.pins lists", f);
    const debounceMs = f.number(f.required(o, "debounceMs", "keypad"), "keypad.debounceMs", 0, false);
    return { type: "pins", pins, keys, debounceMs };
  }
  return f.fail("keypad.type", 'must be "matrix" or "pins", got ' + describe(type));
}

/** a part of the board: an object with exactly these fields, each read by its reader */
function part<T>(top: JsonObject, name: string, readers: { [K in keyof T]: (v: unknown, field: string) => T[K] }, f: Fields): T {
  const o = f.object(f.required(top, name, ""), name, Object.keys(readers));
  const out = {} as T;
  for (const key of Object.keys(readers) as (keyof T & string)[]) {
    out[key] = readers[key](f.required(o, key, name), childField(name, key));
  }
  return out;
}

function readWiring(top: JsonObject, name: string, chipName: string, chip: ChipInfo, f: Fields): BoardWiring<string> {
  const pin = (v: unknown, field: string) => f.string(v, field);
  const flag = (v: unknown, field: string) => f.boolean(v, field);
  const ms = (v: unknown, field: string) => f.number(v, field, 0, false);
  const positive = (v: unknown, field: string) => f.number(v, field, 0, true);

  const keypad = readKeypad(f.required(top, "keypad", ""), f);
  const programButton = part(top, "programButton", { pin, activeLow: flag, debounceMs: ms }, f);
  const motor = part(top, "motor", { in1: pin, in2: pin }, f);
  const bolt = part(top, "bolt", { retracted: pin, extended: pin, activeLow: flag, debounceMs: ms }, f);
  const current = top.current === undefined ? undefined : part(top, "current", { pin, voltsPerAmp: positive }, f);
  const battery = part(top, "battery", { pin, dividerRatio: positive }, f);
  const vrefValue = f.required(top, "vref", "");
  const vref = vrefValue === null ? null : f.number(vrefValue, "vref", 0, true);
  if (vref === null && !chip.hasAnalogVRef) {
    f.fail("vref", "E.getAnalogVRef() is not a number on " + chipName + ": give the ADC reference in volts");
  }
  const leds = part(top, "leds", { red: pin, green: pin, activeHigh: flag }, f);
  const buzzer = part(top, "buzzer", { pin, freq: positive }, f);
  const watchdogSeconds = f.number(f.required(top, "watchdogSeconds", ""), "watchdogSeconds", 0, false);
  if (watchdogSeconds > chip.maxWatchdogSeconds) {
    f.fail("watchdogSeconds", "must be at most " + chip.maxWatchdogSeconds + " s on " + chipName + ", got " + watchdogSeconds);
  }

  // in BoardWiring's order, which is the order the board module lists them in
  return { name, keypad, programButton, motor, bolt, ...(current ? { current } : {}), battery, vref, leds, buzzer, watchdogSeconds };
}

function readBudget(top: JsonObject, chipName: string, chip: ChipInfo, power: BoardPower, f: Fields): BoardBudget {
  const o = f.object(f.required(top, "budget", ""), "budget", ["minifiedBytes", "jsVars", "minBatteryYears"]);
  const budget: BoardBudget = {
    minifiedBytes: f.integer(f.required(o, "minifiedBytes", "budget"), "budget.minifiedBytes", 1),
    jsVars: f.integer(f.required(o, "jsVars", "budget"), "budget.jsVars", 1),
  };
  const years = readMinBatteryYears(o, power, f);
  if (years !== undefined) budget.minBatteryYears = years;
  if (budget.minifiedBytes > chip.storageBytes) {
    f.fail("budget.minifiedBytes", budget.minifiedBytes + " bytes do not fit the " + chip.storageBytes + " bytes of Storage on " + chipName);
  }
  if (budget.jsVars >= chip.jsVars) {
    f.fail("budget.jsVars", budget.jsVars + " is not below the " + chip.jsVars + " JsVars Espruino has on " + chipName);
  }
  return budget;
}

export function validateBoard(data: unknown, file: string): ValidatedBoard {
  const f: Fields = fieldsOf(file);
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    f.fail("(top level)", "must be a JSON object, got " + describe(data));
  }
  const top = f.object(data, "", TOP_FIELDS);

  const expectedName = path.basename(file, ".json");
  const name = f.string(f.required(top, "name", ""), "name");
  if (name !== expectedName) f.fail("name", 'must be "' + expectedName + '", the file name without .json, got ' + describe(name));
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) f.fail("name", "must be lower-case letters, digits and dashes, got " + describe(name));

  const chipName = f.string(f.required(top, "chip", ""), "chip");
  const chip = Object.prototype.hasOwnProperty.call(CHIPS, chipName) ? CHIPS[chipName] : undefined;
  if (!chip) f.fail("chip", "unknown chip " + describe(chipName) + " (known: " + Object.keys(CHIPS).join(", ") + ")");

  if (top.notes !== undefined) f.array(top.notes, "notes").forEach((note, i) => f.string(note, "notes[" + i + "]"));

  const wiring = readWiring(top, name, chipName, chip, f);
  const power = readPower(top, chipName, f);
  const budget = readBudget(top, chipName, chip, power, f);
  const config = mergeConfig(top.config, f);
  checkPinRoles(pinRoles(wiring), chipName, chip, f.fail);
  return { name, file, chip: chipName, wiring, config, budget, power };
}
