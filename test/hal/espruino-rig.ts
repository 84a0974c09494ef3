// The Espruino HAL as the image carries it: hal/espruino bundled by esbuild (refusing syntax Espruino
// cannot run) and run in the fake Espruino's vm context, wired as the proto-pico board file says.
// Tests reach the hardware only through the fake: keys on the matrix model, pin levels, ADC values.
import { buildSync } from "esbuild";
import * as fs from "fs";
import * as path from "path";
import type { BoardWiring } from "../../hal/board";
import type * as Types from "../../hal/types";
import { createFakeEspruino } from "../../sim/espruino/fake";
import type { FakeEspruino } from "../../sim/espruino/fake";
import { matrixKeypad } from "../../sim/espruino/keypad-matrix";
import type { MatrixKeypadModel } from "../../sim/espruino/keypad-matrix";
import { runImage } from "../../sim/espruino/vm";

const ROOT = path.resolve(__dirname, "../..");

/** every part of hal/espruino, as the test bundle exports them */
export interface EspruinoHalModule {
  createEspruinoHal(wiring: BoardWiring<unknown>, kv: Types.Kv): Types.Hal;
  startMatrixKeypad(wiring: unknown, options: Types.KeypadOptions): Types.Keypad;
  startPinKeypad(wiring: unknown, options: Types.KeypadOptions): Types.Keypad;
  startButton(wiring: unknown, options: Types.ButtonOptions): Types.Button;
  startBoltSensor(wiring: unknown, options: Types.BoltSensorOptions): Types.BoltSensor;
  createMotor(in1: unknown, in2: unknown): Types.Motor;
  createLed(pin: unknown, activeHigh: boolean): Types.Led;
  createBuzzer(pin: unknown, freq: number): Types.Buzzer;
  createClock(): Types.Clock;
  analogVref(configured: number | null): number;
  createBatteryGauge(pin: unknown, dividerRatio: number, vref: number): Types.BatteryGauge;
  createCurrentSensor(pin: unknown, voltsPerAmp: number, vref: number): Types.CurrentSensor;
}

const PARTS = ["index", "keypad-matrix", "keypad-pins", "button", "bolt", "motor", "led", "buzzer", "clock", "analog"];

let bundled: string | undefined;

/** hal/espruino as one IIFE, built once per test run */
function halBundle(): string {
  if (bundled === undefined) {
    const result = buildSync({
      stdin: {
        contents: PARTS.map((p) => 'export * from "./hal/espruino/' + p + '";').join("\n"),
        resolveDir: ROOT,
        sourcefile: "hal-under-test.ts",
        loader: "ts",
      },
      bundle: true,
      format: "iife",
      globalName: "halUnderTest",
      target: "es2015",
      // what Espruino cannot parse must fail the build, not be silently lowered
      supported: {
        destructuring: false,
        "default-argument": false,
        "rest-argument": false,
        "object-rest-spread": false,
        generator: false,
        "async-await": false,
        class: false,
      },
      write: false,
      logLevel: "silent",
    });
    bundled = result.outputFiles[0].text;
  }
  return bundled;
}

/** proto-pico's board file with pin names: the pins tests drive and look at */
export const PROTO_PICO: BoardWiring<string> = JSON.parse(fs.readFileSync(path.join(ROOT, "boards/proto-pico.json"), "utf8"));

/** every pin the proto-pico wiring uses */
export function wiringPins(w: BoardWiring<string>): string[] {
  const k = w.keypad;
  const pins = (k.type === "matrix" ? k.rows.concat(k.cols) : k.pins).concat([
    w.programButton.pin,
    w.motor.in1,
    w.motor.in2,
    w.bolt.retracted,
    w.bolt.extended,
    w.battery.pin,
    w.leds.red,
    w.leds.green,
    w.buzzer.pin,
  ]);
  if (w.current) pins.push(w.current.pin);
  return pins;
}

/** the wiring with each pin name replaced by the fake's pin global, as the build does for the image */
function withPinGlobals<T>(value: T, fake: FakeEspruino, pinNames: string[]): T {
  if (typeof value === "string" && pinNames.indexOf(value) >= 0) return fake.globals[value] as T;
  if (Array.isArray(value)) return value.map((v) => withPinGlobals(v, fake, pinNames)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = withPinGlobals((value as Record<string, unknown>)[key], fake, pinNames);
    return out as T;
  }
  return value;
}

export interface EspruinoRig {
  fake: FakeEspruino;
  hal: EspruinoHalModule;
  /** the wiring as the image sees it: pin globals */
  wiring: BoardWiring<unknown>;
  /** the proto-pico matrix keypad, electrically connected to its rows and columns */
  keys: MatrixKeypadModel;
}

export interface RigOptions {
  /** overrides of the proto-pico wiring (pin names) */
  wiring?: Partial<BoardWiring<string>>;
  /** what E.getAnalogVRef() returns (NaN models ESP32) */
  deviceVref?: number;
}

export function espruinoRig(options: RigOptions = {}): EspruinoRig {
  const names: BoardWiring<string> = Object.assign({}, PROTO_PICO, options.wiring || {});
  const pinNames = wiringPins(names);
  const fake = createFakeEspruino({ pins: pinNames, vref: options.deviceVref });
  const context = runImage(halBundle() + "\n", fake, "hal-under-test.js");
  const k = names.keypad;
  const keys =
    k.type === "matrix" ? matrixKeypad(fake, k.rows, k.cols, k.keys) : (undefined as unknown as MatrixKeypadModel);
  return { fake, hal: context.halUnderTest as EspruinoHalModule, wiring: withPinGlobals(names, fake, pinNames), keys };
}

/** a Kv that is never used by these tests */
export const UNUSED_KV: Types.Kv = {
  read: () => undefined,
  write: () => false,
  erase: () => undefined,
};
