import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BoardError, loadBoard, validateBoard } from "../../tools/boards/load";
import { BoardData, refusal, variant } from "./variant";

const pico = (change: (d: BoardData) => void) => variant("proto-pico", change);
const esp32 = (change: (d: BoardData) => void) => variant("proto-esp32", change);
const mdbt42q = (change: (d: BoardData) => void) => variant("proto-mdbt42q", change);

describe("a board file with a mistake is refused, naming the file and the field", () => {
  describe("the file itself", () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-boards-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("invalid JSON: names the file and the line", () => {
      const file = path.join(dir, "bad.json");
      fs.writeFileSync(file, '{\n  "name": "bad",\n  "chip": "stm32f401",,\n}\n');
      assert.throws(() => loadBoard(file), (e: Error) => {
        assert.ok(e instanceof BoardError);
        assert.match(e.message, /: \(file\): invalid JSON at line 3 column 23: /);
        assert.ok(e.message.startsWith(file + ": "), e.message);
        return true;
      });
    });

    it("a file that is not there", () => {
      const file = path.join(dir, "missing.json");
      assert.throws(() => loadBoard(file), (e: Error) => e.message.startsWith(file + ": (file): cannot read: "));
    });

    it("JSON that is not an object", () => {
      assert.equal(refusal([1, 2]), "boards/bad.json: (top level): must be a JSON object, got [1,2]");
    });

    it("a name that is not the file's name", () => {
      assert.equal(refusal(pico((d) => (d.name = "proto-pico"))),
        'boards/bad.json: name: must be "bad", the file name without .json, got "proto-pico"');
    });

    it("the error is a BoardError carrying file, field and problem apart", () => {
      try {
        validateBoard(pico((d) => (d.chip = "z80")), "boards/bad.json");
        assert.fail("accepted");
      } catch (e) {
        assert.ok(e instanceof BoardError);
        assert.deepEqual([e.file, e.field, e.problem],
          ["boards/bad.json", "chip", 'unknown chip "z80" (known: stm32f401, nrf52832, esp32)']);
      }
    });
  });

  describe("missing parts and fields", () => {
    const requiredTop = ["name", "chip", "keypad", "programButton", "motor", "bolt", "battery", "vref", "leds",
      "buzzer", "watchdogSeconds", "budget", "power"];
    for (const part of requiredTop) {
      it("no " + part, () => {
        assert.equal(refusal(pico((d) => delete d[part])), "boards/bad.json: " + part + ": missing");
      });
    }

    const requiredInside: Record<string, string[]> = {
      keypad: ["type", "rows", "cols", "keys", "debounceMs"],
      programButton: ["pin", "activeLow", "debounceMs"],
      motor: ["in1", "in2"],
      bolt: ["retracted", "extended", "activeLow", "debounceMs"],
      current: ["pin", "voltsPerAmp"],
      battery: ["pin", "dividerRatio"],
      leds: ["red", "green", "activeHigh"],
      buzzer: ["pin", "freq"],
      budget: ["minifiedBytes", "asleepJsVars", "peakJsVars"],
      power: ["sleepMicroAmps", "awakeMilliAmps", "ledMilliAmps", "buzzerMilliAmps", "source"],
    };
    for (const part of Object.keys(requiredInside)) {
      for (const field of requiredInside[part]) {
        it("no " + part + "." + field, () => {
          assert.equal(refusal(pico((d) => delete d[part][field])), "boards/bad.json: " + part + "." + field + ": missing");
        });
      }
    }

    it("a board without current sense is fine: current is optional", () => {
      assert.equal(refusal(pico((d) => delete d.current)), "");
    });

    it("a part that is not an object", () => {
      assert.equal(refusal(pico((d) => (d.motor = "B8,B9"))), 'boards/bad.json: motor: must be an object, got "B8,B9"');
    });
  });

  describe("unknown names", () => {
    it("an unknown chip", () => {
      assert.equal(refusal(pico((d) => (d.chip = "stm32f999"))),
        'boards/bad.json: chip: unknown chip "stm32f999" (known: stm32f401, nrf52832, esp32)');
    });

    it("an unknown top-level field", () => {
      assert.equal(refusal(pico((d) => (d.colour = "red"))),
        "boards/bad.json: colour: unknown field (expected one of name, chip, notes, keypad, programButton, motor, " +
        "bolt, current, battery, vref, leds, buzzer, watchdogSeconds, budget, power, config, radio, journal)");
    });

    it("a misspelt top-level field, with the likely meaning", () => {
      assert.equal(refusal(pico((d) => {
        d.programButon = d.programButton;
        delete d.programButton;
      })), "boards/bad.json: programButon: unknown field (did you mean programButton?)");
    });

    it("an unknown field inside a part", () => {
      assert.equal(refusal(pico((d) => (d.bolt.pullUp = true))),
        "boards/bad.json: bolt.pullUp: unknown field (expected one of retracted, extended, activeLow, debounceMs)");
    });

    it("a misspelt config key", () => {
      assert.equal(refusal(pico((d) => (d.config = { entryTimeoutMS: 8000 }))),
        "boards/bad.json: config.entryTimeoutMS: unknown field (did you mean entryTimeoutMs?)");
    });

    it("a config key LockConfig does not have", () => {
      assert.equal(refusal(pico((d) => (d.config = { turbo: 1 }))),
        "boards/bad.json: config.turbo: unknown field (expected one of the LockConfig fields of firmware/config.ts)");
    });

    it("a misspelt default setting", () => {
      assert.equal(refusal(pico((d) => (d.config = { defaults: { autolock: true } }))),
        "boards/bad.json: config.defaults.autolock: unknown field (did you mean autoLock?)");
    });
  });

  describe("pins", () => {
    it("a pin the chip does not have", () => {
      assert.equal(refusal(pico((d) => (d.keypad.rows[2] = "B11"))),
        'boards/bad.json: keypad.rows[2]: unknown pin "B11" for chip stm32f401');
    });

    it("a pin that is not a string", () => {
      assert.equal(refusal(pico((d) => (d.motor.in1 = 8))), "boards/bad.json: motor.in1: must be a string, got 8");
    });

    it("an ESP32 GPIO number that does not exist", () => {
      assert.equal(refusal(esp32((d) => (d.leds.green = "D20"))),
        'boards/bad.json: leds.green: unknown pin "D20" for chip esp32');
    });

    it("one pin used for two roles, naming both", () => {
      assert.equal(refusal(pico((d) => (d.leds.green = "B13"))),
        "boards/bad.json: leds.green: pin B13 is also used by keypad.rows[0]");
    });

    it("battery sense on a pin without ADC", () => {
      assert.equal(refusal(pico((d) => (d.battery.pin = "A15"))),
        "boards/bad.json: battery.pin: A15 cannot read analog on stm32f401 (ADC pins: A0, A1, A2, A3, A4, A5, A6, A7, B0, B1)");
    });

    it("current sense on a pin without ADC", () => {
      assert.equal(refusal(mdbt42q((d) => (d.current.pin = "D24"))),
        "boards/bad.json: current.pin: D24 cannot read analog on nrf52832 (ADC pins: D2, D3, D4, D5, D28, D29, D30, D31)");
    });

    it("the buzzer on a pin without PWM", () => {
      assert.equal(refusal(pico((d) => (d.buzzer.pin = "A13"))),
        "boards/bad.json: buzzer.pin: A13 cannot do hardware PWM on stm32f401, which the buzzer needs (PWM pins: " +
        "A0, A1, A2, A3, A5, A6, A7, A8, A9, A10, A11, A15, B0, B1, B3, B4, B5, B6, B7, B8, B9, B10, B13, B14, B15)");
    });

    it("the motor needs no PWM: a motor pin without a timer is fine", () => {
      assert.equal(refusal(pico((d) => (d.motor.in1 = "A13"))), "");
    });

    it("two watched pins with the same number on STM32, naming both", () => {
      assert.equal(refusal(pico((d) => (d.programButton.pin = "B0"))),
        "boards/bad.json: bolt.retracted: A0 and B0 (programButton.pin) share pin number 0: " +
        "stm32f401 cannot watch two pins with the same number");
    });

    it("a watched pin may share its number with an output (A8 watched, B8 driven, as on proto-pico)", () => {
      assert.equal(refusal(pico(() => undefined)), "");
    });

    it("the same numbers are fine on chips without that limit", () => {
      assert.equal(refusal(esp32((d) => (d.programButton.pin = "D16"))), "");
    });

    it("an output on an input-only pin", () => {
      assert.equal(refusal(esp32((d) => (d.leds.green = "D36"))),
        "boards/bad.json: leds.green: D36 is input-only on esp32 and cannot be driven as an output");
    });

    it("a watched input on a pin without a pull resistor", () => {
      assert.equal(refusal(esp32((d) => (d.programButton.pin = "D39"))),
        "boards/bad.json: programButton.pin: D39 has no internal pull resistor on esp32, so a watched input there would float");
    });

    it("a pin the board reserves (the Pico's BTN1)", () => {
      assert.equal(refusal(pico((d) => (d.programButton.pin = "C13"))),
        "boards/bad.json: programButton.pin: C13 is reserved on stm32f401: " +
        "the Pico's BTN1: holding it at power-up makes Espruino skip the saved code");
    });

    it("more watched pins than the chip can watch (a 12-pin keypad on nRF52)", () => {
      const pins = ["D11", "D12", "D13", "D14", "D15", "D16", "D17", "D22", "D23", "D24", "D28", "D29"];
      assert.equal(refusal(mdbt42q((d) => (d.keypad = { type: "pins", pins, keys: "123456789*0#", debounceMs: 30 }))),
        "boards/bad.json: keypad.pins[8]: makes 9 watched pins, but nrf52832 can watch at most 8");
    });
  });

  describe("numbers and types", () => {
    it("a battery divider ratio of 0", () => {
      assert.equal(refusal(pico((d) => (d.battery.dividerRatio = 0))),
        "boards/bad.json: battery.dividerRatio: must be a number > 0, got 0");
    });

    it("a negative current-sense scale", () => {
      assert.equal(refusal(pico((d) => (d.current.voltsPerAmp = -1))),
        "boards/bad.json: current.voltsPerAmp: must be a number > 0, got -1");
    });

    it("an infinite divider ratio", () => {
      assert.equal(refusal(pico((d) => (d.battery.dividerRatio = Infinity))),
        "boards/bad.json: battery.dividerRatio: must be a number > 0, got Infinity");
    });

    it("a divider ratio written as a string", () => {
      assert.equal(refusal(pico((d) => (d.battery.dividerRatio = "3"))),
        'boards/bad.json: battery.dividerRatio: must be a number > 0, got "3"');
    });

    it("a negative keypad debounce", () => {
      assert.equal(refusal(pico((d) => (d.keypad.debounceMs = -5))),
        "boards/bad.json: keypad.debounceMs: must be a number >= 0, got -5");
    });

    it("a program-button debounce that is not a number", () => {
      assert.equal(refusal(pico((d) => (d.programButton.debounceMs = "50ms"))),
        'boards/bad.json: programButton.debounceMs: must be a number >= 0, got "50ms"');
    });

    it("a bolt debounce of null", () => {
      assert.equal(refusal(pico((d) => (d.bolt.debounceMs = null))),
        "boards/bad.json: bolt.debounceMs: must be a number >= 0, got null");
    });

    it("a buzzer frequency of 0", () => {
      assert.equal(refusal(pico((d) => (d.buzzer.freq = 0))), "boards/bad.json: buzzer.freq: must be a number > 0, got 0");
    });

    it("activeLow that is not a boolean", () => {
      assert.equal(refusal(pico((d) => (d.bolt.activeLow = "yes"))),
        'boards/bad.json: bolt.activeLow: must be true or false, got "yes"');
    });

    it("an unknown keypad type", () => {
      assert.equal(refusal(pico((d) => (d.keypad.type = "capacitive"))),
        'boards/bad.json: keypad.type: must be "matrix" or "pins", got "capacitive"');
    });

    it("more legends than the matrix has keys", () => {
      assert.equal(refusal(pico((d) => (d.keypad.cols = ["B3", "B4"]))),
        "boards/bad.json: keypad.keys: has 12 legends but the 4x2 matrix has 8 keys");
    });

    it("fewer legends than the per-key pins", () => {
      assert.equal(refusal(esp32((d) => (d.keypad = { type: "pins", pins: ["D13", "D14"], keys: "1", debounceMs: 30 }))),
        "boards/bad.json: keypad.keys: has 1 legends but keypad.pins lists 2 keys");
    });

    it("legends that are not the 12 keys 0-9 * #", () => {
      assert.equal(refusal(pico((d) => (d.keypad.keys = "123456789*0*"))),
        'boards/bad.json: keypad.keys: must hold each of 0-9, * and # exactly once, got "123456789*0*" ' +
        "(missing #) (unexpected or repeated *)");
    });

    it("a matrix of the right size but the wrong legends", () => {
      assert.equal(refusal(pico((d) => (d.keypad.keys = "ABCDEFGHIJKL"))).startsWith(
        'boards/bad.json: keypad.keys: must hold each of 0-9, * and # exactly once, got "ABCDEFGHIJKL" (missing 0 1 2'), true);
    });

    it("an empty row list", () => {
      assert.equal(refusal(pico((d) => (d.keypad.rows = []))), "boards/bad.json: keypad.rows: must list at least one pin");
    });

    it("vref of 0", () => {
      assert.equal(refusal(pico((d) => (d.vref = 0))), "boards/bad.json: vref: must be a number > 0, got 0");
    });

    it("vref null on ESP32, where E.getAnalogVRef() is NaN", () => {
      assert.equal(refusal(esp32((d) => (d.vref = null))),
        "boards/bad.json: vref: E.getAnalogVRef() is not a number on esp32: give the ADC reference in volts");
    });

    it("a watchdog longer than the STM32 watchdog allows", () => {
      assert.equal(refusal(pico((d) => (d.watchdogSeconds = 30))),
        "boards/bad.json: watchdogSeconds: must be at most 26 s on stm32f401, got 30");
    });

    it("a JsVar budget the chip does not have", () => {
      assert.equal(refusal(mdbt42q((d) => (d.budget.peakJsVars = 3000))),
        "boards/bad.json: budget.peakJsVars: 3000 is not below the 2950 JsVars Espruino has on nrf52832");
    });

    it("an asleep budget above the awake one", () => {
      assert.equal(refusal(pico((d) => (d.budget.asleepJsVars = d.budget.peakJsVars + 1))),
        "boards/bad.json: budget.asleepJsVars: 1101 is more than budget.peakJsVars (1100): asleep is part of the peak");
    });

    it("a fractional byte budget", () => {
      assert.equal(refusal(pico((d) => (d.budget.minifiedBytes = 1.5))),
        "boards/bad.json: budget.minifiedBytes: must be a whole number >= 1, got 1.5");
    });

    it("a power figure that is negative", () => {
      assert.equal(refusal(pico((d) => (d.power.sleepMicroAmps = -1))),
        "boards/bad.json: power.sleepMicroAmps: must be a number >= 0, got -1");
    });
  });

  describe("config overrides", () => {
    it("a config number given as a string", () => {
      assert.equal(refusal(pico((d) => (d.config = { entryTimeoutMs: "5000" }))),
        'boards/bad.json: config.entryTimeoutMs: must be a number >= 0, got "5000"');
    });

    it("a count that is not a whole number", () => {
      assert.equal(refusal(pico((d) => (d.config = { maxUserCodes: 2.5 }))),
        "boards/bad.json: config.maxUserCodes: must be a whole number >= 1, got 2.5");
    });

    it("a default setting that is not a boolean", () => {
      assert.equal(refusal(pico((d) => (d.config = { defaults: { audio: "on" } }))),
        'boards/bad.json: config.defaults.audio: must be true or false, got "on"');
    });

    it("defaults that are not an object", () => {
      assert.equal(refusal(pico((d) => (d.config = { defaults: true }))),
        "boards/bad.json: config.defaults: must be an object, got true");
    });

    it("a minimum code length above the maximum", () => {
      assert.equal(refusal(pico((d) => (d.config = { minCodeLength: 9 }))),
        "boards/bad.json: config.minCodeLength: minCodeLength (9) must be at most maxCodeLength (8)");
    });

    it("battery thresholds out of order", () => {
      assert.equal(refusal(pico((d) => (d.config = { lowRestV: 4.4 }))),
        "boards/bad.json: config.lowRestV: criticalRestV (4.5) must be below lowRestV (4.4)");
    });
  });
});
