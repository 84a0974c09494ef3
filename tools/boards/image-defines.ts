// What the build writes into one board's image: every `CFG.x` (the config, defaults merged with the
// board file's overrides) and `BOARD.x.y` (the wiring) as a literal in place (esbuild `define`), so
// neither takes RAM on the board; and a banner, the image's first statements: the motor pins driven
// low before anything else is parsed (STM32 pins float from reset until then), and the pin lists the
// keypad scans, made once.
import { CHIP_POWER } from "../../sim/espruino/chip-power";
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
  // from the chip: STM32 has setDeepSleep (off until the image turns it on), and the Pico reads USB power on A9
  const chip = CHIP_POWER[b.chip];
  leaves.push(["deepSleep", !!chip && chip.hasSetDeepSleep]);
  leaves.push(["usbSense", chip && chip.usbSensePin ? JSON.stringify(chip.usbSensePin) : false]);
  // pins (and "undefined") go in as identifiers, everything else as JSON
  for (const [field, value] of leaves) define["BOARD." + field] = typeof value === "string" ? value : JSON.stringify(value);
  const banner =
    "// " + b.name + " (" + b.chip + "), built from " + b.file + "\n" +
    "digitalWrite([" + pin(w.motor.in1) + ", " + pin(w.motor.in2) + "], 0); // the motor off before anything else\n" +
    "var " + lists.join(", ") + ";\n";
  return { define, banner };
}
