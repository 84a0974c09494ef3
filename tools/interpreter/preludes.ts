// Each board's `.boot0` for Espruino's Linux build: the board's pin names as globals, then rig/model.js
// (the hardware in JavaScript) put in place of Espruino's pin functions, then rig/flash.js (the board's flash
// map over the Linux build's flash file, for the image's journal). Generated from boards/*.json into
// rig/<board>.boot0.js, which are committed so that anyone can run an image on the interpreter by hand.
//
//   npx tsx tools/interpreter/preludes.ts --write     rewrite rig/*.boot0.js
//   npx tsx tools/interpreter/preludes.ts --check     exit 1 naming each stale one (a test runs this check)
import * as esbuild from "esbuild";
import * as fs from "fs";
import * as path from "path";
import { CHIPS } from "../boards/chips";
import { loadBoards, ValidatedBoard } from "../boards/load";
import { FLASH_MAPS } from "../journal/flash-maps";

export const ROOT = path.resolve(__dirname, "..", "..");
export const RIG_DIR = path.join(ROOT, "rig");
export const MODEL_FILE = path.join(RIG_DIR, "model.js");
export const FLASH_FILE = path.join(RIG_DIR, "flash.js");

/** Espruino's Linux build has pins D0-D32 only */
const LINUX_PINS = 33;

/** What rig/model.js knows of a board (its `B` argument). */
export interface RigBoard {
  name: string;
  family: "stm32" | "nrf52" | "esp32" | "other";
  /** every pin the board file names, and the Linux pin (D number) that stands in for it */
  names: string[];
  nums: number[];
  /** STM32: one watch per pin number (A0 and B0 conflict); numbers[i] is names[i]'s number */
  oneWatchPerNumber: boolean;
  numbers: number[];
  keys: string;
  rows?: string[];
  cols?: string[];
  keyPins?: string[];
  program: { pin: string; activeLow: boolean };
  motor: { in1: string; in2: string };
  bolt: { retracted: string; extended: string; activeLow: boolean };
  current: { pin: string; voltsPerAmp: number } | null;
  battery: { pin: string; dividerRatio: number };
  vref: number | null;
  /** the chip's E.getAnalogVRef() gives a number (the model makes it return its vref) */
  hasVref: boolean;
  leds: { red: string; green: string; activeHigh: boolean };
  buzzer: { pin: string };
}

function family(chip: string): RigBoard["family"] {
  return chip.startsWith("stm32") ? "stm32" : chip.startsWith("nrf52") ? "nrf52" : chip.startsWith("esp32") ? "esp32" : "other";
}

export function rigBoard(board: ValidatedBoard): RigBoard {
  const w = board.wiring;
  const k = w.keypad;
  const names: string[] = [];
  const add = (pin: string) => {
    if (!names.includes(pin)) names.push(pin);
  };
  (k.type === "matrix" ? [...k.rows, ...k.cols] : k.pins).forEach(add);
  [w.programButton.pin, w.motor.in1, w.motor.in2, w.bolt.retracted, w.bolt.extended].forEach(add);
  if (w.current) add(w.current.pin);
  [w.battery.pin, w.leds.red, w.leds.green, w.buzzer.pin].forEach(add);

  // a name Linux has keeps its pin; the others take the lowest pins no name of this board uses
  const native = (name: string) => {
    const m = /^D(\d+)$/.exec(name);
    return m && Number(m[1]) < LINUX_PINS ? Number(m[1]) : -1;
  };
  const taken = new Set(names.map(native).filter((n) => n >= 0));
  const free = Array.from({ length: LINUX_PINS }, (_, i) => i).filter((i) => !taken.has(i));
  const nums = names.map((name) => (native(name) >= 0 ? native(name) : free.shift()));
  if (nums.some((n) => n === undefined)) throw new Error(`${board.file}: more pins than Espruino's Linux build has (${LINUX_PINS})`);

  const chip = CHIPS[board.chip];
  return {
    name: board.name,
    family: family(board.chip),
    names,
    nums: nums as number[],
    oneWatchPerNumber: chip ? chip.watchNumbersMustDiffer : false,
    numbers: names.map((name) => Number(name.replace(/^[A-Z]+/, ""))),
    keys: k.keys,
    ...(k.type === "matrix" ? { rows: k.rows, cols: k.cols } : { keyPins: k.pins }),
    program: { pin: w.programButton.pin, activeLow: w.programButton.activeLow },
    motor: { in1: w.motor.in1, in2: w.motor.in2 },
    bolt: { retracted: w.bolt.retracted, extended: w.bolt.extended, activeLow: w.bolt.activeLow },
    current: w.current ? { pin: w.current.pin, voltsPerAmp: w.current.voltsPerAmp } : null,
    battery: { pin: w.battery.pin, dividerRatio: w.battery.dividerRatio },
    vref: w.vref,
    hasVref: chip ? chip.hasAnalogVRef : true,
    leds: { red: w.leds.red, green: w.leds.green, activeHigh: w.leds.activeHigh },
    buzzer: { pin: w.buzzer.pin },
  };
}

/** What rig/flash.js knows of the board's flash (its `M` argument): the map the image's journal expects. */
export interface RigFlash {
  ss: number;
  se: number;
  ra: number;
  rl: number;
  arena: boolean;
  pages: Array<[number, number, number]>;
  free: Array<{ addr: number; length: number }>;
}

export function rigFlashMap(board: ValidatedBoard): RigFlash {
  const map = FLASH_MAPS[board.chip];
  const c = board.journal.constants;
  return {
    ss: c.storage,
    se: c.storageEnd,
    ra: c.raw,
    rl: c.rawPages * c.rawPage,
    arena: c.arenaPage > 0,
    pages: map.pages.map((r) => [r.addr, r.pageSize, r.count] as [number, number, number]),
    free: map.getFree,
  };
}

/** the root names the prelude replaces or adds, beside Rig */
export function replacedGlobals(rb: RigBoard): string[] {
  const names = ["pinMode", "getPinMode", "digitalRead", "digitalWrite", "analogRead", "analogWrite", "setWatch", "clearWatch"];
  if (rb.family === "stm32") names.push("setDeepSleep");
  if (rb.family === "nrf52") names.push("NRF");
  return names;
}

/** the model without comments or spaces, still ES5 (esbuild keeps the top-level name rigModel) */
export function minifiedModel(modelSource: string): string {
  return esbuild.transformSync(modelSource, { minify: true, target: "es5", charset: "ascii" }).code.trim();
}

export function preludeFor(board: ValidatedBoard, modelSource: string, flashSource: string): string {
  const rb = rigBoard(board);
  const aliases = rb.names
    .map((name, i) => (name === "D" + rb.nums[i] ? "" : `${name} = D${rb.nums[i]}`))
    .filter((a) => a);
  const globals = replacedGlobals(rb);
  return [
    `// Generated by tools/interpreter/preludes.ts from boards/${board.name}.json and rig/model.js: do not edit.`,
    `// The .boot0 that runs before the ${board.name} image on Espruino's Linux build: the board's pins and a`,
    `// model of its hardware (rig/model.js). Conditions at power-up come from ./rig.json when it exists.`,
    aliases.length ? `var ${aliases.join(", ")};` : `// (every pin of this board exists on the Linux build)`,
    `// rig/model.js, minified, made from a string so that its code sits in RAM: the Linux build keeps Storage`,
    `// in a file and runs code kept there about ten times slower than a board does.`,
    `eval(${JSON.stringify(minifiedModel(modelSource))});`,
    `var Rig, ${globals.join(", ")};`,
    `(function (m) {`,
    `  Rig = m.rig;`,
    ...globals.map((g) => `  ${g} = m.hw.${g};`),
    `})(rigModel(${JSON.stringify(rb)}, (function () {`,
    `  try {`,
    `    return JSON.parse(require("fs").readFileSync("rig.json"));`,
    `  } catch (e) {`,
    `    return {};`,
    `  }`,
    `})()));`,
    `// rig/flash.js: the board's flash map over the Linux build's flash file, for the image's journal`,
    `eval(${JSON.stringify(minifiedModel(flashSource))});`,
    `rigFlash(${JSON.stringify(rigFlashMap(board))});`,
    ``,
  ].join("\n");
}

export function preludeFile(board: string): string {
  return path.join(RIG_DIR, `${board}.boot0.js`);
}

/** every board's prelude as it should be: file -> text */
export function expectedPreludes(root = ROOT): Map<string, string> {
  const model = fs.readFileSync(path.join(root, "rig", "model.js"), "utf8");
  const flash = fs.readFileSync(path.join(root, "rig", "flash.js"), "utf8");
  const out = new Map<string, string>();
  for (const board of loadBoards(path.join(root, "boards"))) out.set(path.join(root, "rig", `${board.name}.boot0.js`), preludeFor(board, model, flash));
  return out;
}

/** the committed preludes that differ from what the board files and the model give (missing ones too) */
export function stalePreludes(root = ROOT): string[] {
  const stale: string[] = [];
  for (const [file, text] of expectedPreludes(root)) {
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) stale.push(path.relative(root, file));
  }
  return stale;
}

function main(argv: string[]): number {
  if (argv[0] === "--write") {
    for (const [file, text] of expectedPreludes()) {
      fs.writeFileSync(file, text);
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
    return 0;
  }
  if (argv[0] === "--check") {
    const stale = stalePreludes();
    for (const file of stale) console.error(`${file} is stale: run npx tsx tools/interpreter/preludes.ts --write`);
    return stale.length ? 1 : 0;
  }
  console.error("usage: tsx tools/interpreter/preludes.ts --write | --check");
  return 2;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
