// The Espruino HAL as the image carries it: hal/espruino bundled by esbuild with a board's pins and
// config written in place (tools/boards/image-defines.ts, as the image build does), refusing syntax
// Espruino cannot run, and run in the fake Espruino's vm context. Tests reach the hardware only through
// the fake: keys on the matrix model, pin levels, ADC values.
import { buildSync } from "esbuild";
import * as fs from "fs";
import * as path from "path";
import type { BoardWiring } from "../../hal/board";
import type { Hal, InputState } from "../../hal/types";
import type { LockEvent } from "../../firmware/types";
import { imageDefines } from "../../tools/boards/image-defines";
import type { ValidatedBoard } from "../../tools/boards/load";
import { createFakeEspruino } from "../../sim/espruino/fake";
import type { FakeEspruino } from "../../sim/espruino/fake";
import { matrixKeypad } from "../../sim/espruino/keypad-matrix";
import type { MatrixKeypadModel } from "../../sim/espruino/keypad-matrix";
import { runImage } from "../../sim/espruino/vm";
import { loadBoard } from "../../tools/boards/load";

const ROOT = path.resolve(__dirname, "../..");

/** hal/espruino as the bundle exports it */
export interface EspruinoHalModule {
  espruinoHal: Hal;
  startInputs(deliver: (event: LockEvent) => void): InputState;
  startOutputs(): void;
  motorWrite(drive: string): void;
  ledsWrite(red: boolean, green: boolean): void;
  buzzerWrite(on: boolean): void;
  batteryVolts(): number;
  motorAmps(): number;
}

const PARTS = ["index", "inputs", "outputs", "analog"];
const bundles = new Map<string, string>();

/** hal/espruino as one IIFE for this board, built once per board per test run */
function halBundle(board: ValidatedBoard): string {
  const key = JSON.stringify(board.wiring) + JSON.stringify(board.config);
  let code = bundles.get(key);
  if (code === undefined) {
    const defines = imageDefines(board);
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
      banner: { js: defines.banner },
      define: { ...defines.define, require: "global.require" },
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
    code = result.outputFiles[0].text;
    bundles.set(key, code);
  }
  return code;
}

/** proto-pico's board file, validated: the pins tests drive and look at */
export const PROTO_PICO: ValidatedBoard = loadBoard(path.join(ROOT, "boards/proto-pico.json"));

/** every pin a wiring uses */
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

export interface HalBench {
  fake: FakeEspruino;
  hal: EspruinoHalModule;
  /** the matrix keypad, electrically connected to its rows and columns (matrix boards) */
  keys: MatrixKeypadModel;
  /** what the inputs delivered, as plain objects */
  events: LockEvent[];
  /** keys only, in order */
  keysSeen(): string[];
  /** the inputs' own pin reads that threw, as they were reported */
  faults(): string[];
  /** starts the inputs (and the outputs), as the driver does at power-up */
  start(): InputState;
}

export interface BenchOptions {
  /** overrides of the proto-pico wiring (pin names) */
  wiring?: Partial<BoardWiring<string>>;
  /** what E.getAnalogVRef() returns (NaN models ESP32) */
  deviceVref?: number;
}

export function halOnBench(options: BenchOptions = {}): HalBench {
  const wiring: BoardWiring<string> = { ...PROTO_PICO.wiring, ...(options.wiring || {}) };
  if (options.wiring && "current" in options.wiring && !options.wiring.current) delete wiring.current;
  const board: ValidatedBoard = { ...PROTO_PICO, wiring };
  const fake = createFakeEspruino({ pins: wiringPins(wiring), vref: options.deviceVref });
  const context = runImage(halBundle(board) + "\n", fake, "hal-under-test.js");
  const hal = context.halUnderTest as EspruinoHalModule;
  const k = wiring.keypad;
  const keys = k.type === "matrix" ? matrixKeypad(fake, k.rows, k.cols, k.keys) : (undefined as unknown as MatrixKeypadModel);
  const events: LockEvent[] = [];
  return {
    fake,
    hal,
    keys,
    events,
    faults: () => events.filter((e) => e.type === "fault").map((e) => (e as { why: string }).why),
    keysSeen: () => events.filter((e) => e.type === "key").map((e) => (e as { key: string }).key),
    start: () => JSON.parse(JSON.stringify(hal.startInputs((e) => events.push(JSON.parse(JSON.stringify(e)))))),
  };
}
