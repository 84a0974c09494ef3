import { strict as assert } from "assert";
import * as path from "path";
import { DEFAULT_CONFIG } from "../../firmware/config";
import { loadBoard, loadBoards } from "../../tools/boards/load";
import { BOARDS_DIR } from "./variant";

describe("the board files in boards/", () => {
  it("all load, sorted by name: proto-esp32, proto-mdbt42q, proto-pico", () => {
    const boards = loadBoards(BOARDS_DIR);
    assert.deepEqual(boards.map((b) => [b.name, b.chip]), [
      ["proto-esp32", "esp32"],
      ["proto-mdbt42q", "nrf52832"],
      ["proto-pico", "stm32f401"],
    ]);
  });

  it("proto-pico is wired exactly as REFERENCE-BOARD.md says, pin for pin", () => {
    const pico = loadBoard(path.join(BOARDS_DIR, "proto-pico.json"));
    assert.deepEqual(pico.wiring, {
      name: "proto-pico",
      keypad: {
        type: "matrix",
        rows: ["B13", "B14", "B15", "B10"],
        cols: ["B3", "B4", "B5"],
        keys: "123456789*0#",
        debounceMs: 30,
      },
      programButton: { pin: "A8", activeLow: true, debounceMs: 50 },
      motor: { in1: "B8", in2: "B9" },
      bolt: { retracted: "A0", extended: "A1", activeLow: true, debounceMs: 10 },
      current: { pin: "A5", voltsPerAmp: 1.0 },
      battery: { pin: "A4", dividerRatio: 3 },
      vref: null,
      leds: { red: "B2", green: "B12", activeHigh: true },
      buzzer: { pin: "B1", freq: 2700 },
      watchdogSeconds: 10,
    });
    assert.deepEqual(pico.budget, { minifiedBytes: 20480, asleepJsVars: 800, peakJsVars: 1100, minBatteryYears: 3 });
  });

  it("the real boards keep the spec's numbers: no config overrides", () => {
    for (const b of loadBoards(BOARDS_DIR)) assert.deepEqual(b.config, DEFAULT_CONFIG, b.name);
  });

  it("proto-esp32 gives vref 3.3 and keeps outputs and pulled inputs off the input-only pins D34-D39", () => {
    const esp = loadBoard(path.join(BOARDS_DIR, "proto-esp32.json"));
    assert.equal(esp.wiring.vref, 3.3);
    const w = esp.wiring;
    if (w.keypad.type !== "matrix") throw new Error("expected a matrix keypad");
    const digitalPins = [...w.keypad.rows, ...w.keypad.cols, w.programButton.pin, w.bolt.retracted, w.bolt.extended,
      w.motor.in1, w.motor.in2, w.leds.red, w.leds.green, w.buzzer.pin];
    for (const pin of digitalPins) assert.ok(Number(pin.slice(1)) < 34, pin);
  });

  it("every board has a watchdog of 10 s, the resident lock's JsVar budgets (asleep 800, peak 1,100 on the real interpreter), and power figures marked as estimates", () => {
    const boards = loadBoards(BOARDS_DIR);
    assert.deepEqual(boards.map((b) => [b.name, b.wiring.watchdogSeconds, b.budget.asleepJsVars, b.budget.peakJsVars]), [
      ["proto-esp32", 10, 800, 1100],
      ["proto-mdbt42q", 10, 800, 1100],
      ["proto-pico", 10, 800, 1100],
    ]);
    for (const b of boards) assert.match(b.power.source, /estimates, not measurements/, b.name);
  });
});
