// A board file copied from another and changed in several places: every fault is reported at once, each on its
// own line naming the file and the field, so one run of `make` shows everything to fix.
import { strict as assert } from "assert";
import { BoardError } from "../../tools/boards/load";
import { refusal, validateAsBad, variant } from "./variant";

describe("a board file with several mistakes is refused with all of them at once", () => {
  it("a copied board whose name, a pin, a divider, a field, a budget and a config value are wrong", () => {
    const data = variant("proto-pico", (d) => {
      d.name = "proto-pico";
      d.keypad.rows[2] = "B11";
      d.battery.dividerRatio = 0;
      d.leds.colour = "red";
      d.budget.peakJsVars = 9000;
      d.config = { entryTimeoutMs: "5000", lowRestV: 4.4 };
    });
    assert.equal(refusal(data), [
      'boards/bad.json: name: must be "bad", the file name without .json, got "proto-pico"',
      "boards/bad.json: battery.dividerRatio: must be a number > 0, got 0",
      "boards/bad.json: leds.colour: unknown field (expected one of red, green, activeHigh)",
      "boards/bad.json: budget.peakJsVars: 9000 is not below the 5100 JsVars Espruino has on stm32f401",
      'boards/bad.json: config.entryTimeoutMs: must be a number >= 0, got "5000"',
      "boards/bad.json: config.lowRestV: criticalRestV (4.5) must be below lowRestV (4.4)",
      'boards/bad.json: keypad.rows[2]: unknown pin "B11" for chip stm32f401',
    ].join("\n"));
  });

  it("the error carries each fault apart, with its file and field", () => {
    const data = variant("proto-pico", (d) => {
      d.motor.in1 = 8;
      d.leds.green = "B13";
    });
    try {
      validateAsBad(data);
      assert.fail("accepted");
    } catch (e) {
      assert.ok(e instanceof BoardError);
      assert.deepEqual(e.faults.map((f) => [f.file, f.field]), [
        ["boards/bad.json", "motor.in1"],
        ["boards/bad.json", "leds.green"],
      ]);
      assert.equal(e.field, "motor.in1", "the first fault is the error's own");
    }
  });

  it("a fault that hides others' checks is reported alone: an unknown chip leaves the pins unchecked", () => {
    assert.equal(refusal(variant("proto-pico", (d) => {
      d.chip = "z80";
      d.keypad.rows[0] = "Q1";
    })), 'boards/bad.json: chip: unknown chip "z80" (known: stm32f401, nrf52832, esp32)');
  });

  it("each wrong pin of a list is named, and too many watched pins is said once", () => {
    assert.equal(refusal(variant("proto-pico", (d) => (d.keypad.cols = [3, "B4", true]))), [
      "boards/bad.json: keypad.cols[0]: must be a string, got 3",
      "boards/bad.json: keypad.cols[2]: must be a string, got true",
    ].join("\n"));
  });
});
