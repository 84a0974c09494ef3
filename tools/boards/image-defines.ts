// What the build writes into one board's image: every `CFG.x` (the config, defaults merged with the
// board file's overrides) and `BOARD.x.y` (the wiring, and the journal's flash layout) as a literal in place (esbuild `define`), so
// neither takes RAM on the board; and a banner, the image's first statements: the motor pins driven
// low before anything else is parsed (STM32 pins float from reset until then), the radio as the board's
// `radio` says (tools/boards/radio-field.ts), and the pin lists the keypad scans, made once.
import { CHIP_POWER } from "../../sim/espruino/chip-power";
import { radioPowerUp } from "./radio-field";
import type { ValidatedBoard } from "./validate";

export interface ImageDefines {
  /** esbuild `define`: dotted name -> a JSON literal or an identifier */
  define: Record<string, string>;
  /** the image's first lines */
  banner: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function pin(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error("not a pin identifier: " + name);
  return name;
}

/** the banner variable that holds a pin list */
const LISTS = { rows: "LK_ROWS", cols: "LK_COLS", pins: "LK_PINS" } as const;

export function imageDefines(b: ValidatedBoard): ImageDefines {
  const define: Record<string, string> = {};
  const w = b.wiring;
  for (const [key, value] of Object.entries(b.config)) {
    if (key === "defaults") for (const [k, v] of Object.entries(value)) define["CFG.defaults." + k] = JSON.stringify(v);
    else define["CFG." + key] = JSON.stringify(value);
  }
  define["BOARD.name"] = JSON.stringify(w.name);
  // a literal: on a board without a radio ("none") every radio branch is dead and dropped
  define["BOARD.radio"] = JSON.stringify(b.radio);
  const lists: string[] = [];
  define["BOARD.keypad.type"] = JSON.stringify(w.keypad.type);
  define["BOARD.keypad.keys"] = JSON.stringify(w.keypad.keys);
  define["BOARD.keypad.debounceMs"] = JSON.stringify(w.keypad.debounceMs);
  for (const list of ["rows", "cols", "pins"] as const) {
    const pins = (w.keypad as unknown as Record<string, string[] | undefined>)[list];
    define["BOARD.keypad." + list] = pins ? LISTS[list] : "undefined";
    if (pins) lists.push(LISTS[list] + " = [" + pins.map(pin).join(", ") + "]");
  }
  const leaves: Array<[string, unknown]> = [
    ["programButton.pin", pin(w.programButton.pin)],
    ["programButton.activeLow", w.programButton.activeLow],
    ["programButton.debounceMs", w.programButton.debounceMs],
    ["motor.in1", pin(w.motor.in1)],
    ["motor.in2", pin(w.motor.in2)],
    ["bolt.retracted", pin(w.bolt.retracted)],
    ["bolt.extended", pin(w.bolt.extended)],
    ["bolt.activeLow", w.bolt.activeLow],
    ["bolt.debounceMs", w.bolt.debounceMs],
    ["current", w.current ? true : false],
    ["current.pin", w.current ? pin(w.current.pin) : "undefined"],
    ["current.voltsPerAmp", w.current ? w.current.voltsPerAmp : 1],
    ["battery.pin", pin(w.battery.pin)],
    ["battery.dividerRatio", w.battery.dividerRatio],
    ["vref", w.vref],
    ["leds.red", pin(w.leds.red)],
    ["leds.green", pin(w.leds.green)],
    ["leds.activeHigh", w.leds.activeHigh],
    ["buzzer.pin", pin(w.buzzer.pin)],
    ["buzzer.freq", w.buzzer.freq],
    ["watchdogSeconds", w.watchdogSeconds],
  ];
  // the journal's flash layout (tools/journal/validate.ts checked it against the chip's map)
  for (const [field, value] of Object.entries(b.journal.constants)) leaves.push(["journal." + field, value]);
  // from the chip: STM32 has setDeepSleep (off until the image turns it on), and the Pico reads USB power on A9
  const chip = CHIP_POWER[b.chip];
  leaves.push(["deepSleep", !!chip && chip.hasSetDeepSleep]);
  leaves.push(["usbSense", chip && chip.usbSensePin ? JSON.stringify(chip.usbSensePin) : false]);
  // pins (and "undefined") go in as identifiers, everything else as JSON
  for (const [field, value] of leaves) define["BOARD." + field] = typeof value === "string" ? value : JSON.stringify(value);
  const banner =
    "// " + b.name + " (" + b.chip + "), built from " + b.file + "\n" +
    "digitalWrite([" + pin(w.motor.in1) + ", " + pin(w.motor.in2) + "], 0); // the motor off before anything else\n" +
    radioPowerUp(b.chip, b.radio) +
    "var " + lists.join(", ") + ";\n";
  return { define, banner };
}
