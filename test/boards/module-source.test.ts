import { strict as assert } from "assert";
import * as acorn from "acorn";
import * as walk from "acorn-walk";
import * as path from "path";
import { DEFAULT_CONFIG } from "../../firmware/config";
import { CHIPS } from "../../tools/boards/chips";
import { boardModuleSource, loadBoard, loadBoards, ValidatedBoard } from "../../tools/boards/load";
import { BOARDS_DIR, validateAsBad, variant } from "./variant";

const pico = () => loadBoard(path.join(BOARDS_DIR, "proto-pico.json"));

/** what a pin global holds when the module runs here */
class PinGlobal {
  constructor(readonly name: string) {}
}

/** runs the module with every pin of the chip defined as a global, as Espruino does, and reads pins back as names */
function evaluate(b: ValidatedBoard): { board: unknown; config: unknown } {
  const pins = [...CHIPS[b.chip].pins];
  const body = boardModuleSource(b).replace(/export (const|function) /g, "$1 ") + "\nreturn { board: board, config: config() };";
  const result = new Function(...pins, body)(...pins.map((name) => new PinGlobal(name)));
  return JSON.parse(JSON.stringify(result, (_key, v) => (v instanceof PinGlobal ? v.name : v)));
}

describe("the board module the build bundles", () => {
  it("is a valid ES module for every board", () => {
    for (const b of loadBoards(BOARDS_DIR)) {
      assert.doesNotThrow(() => acorn.parse(boardModuleSource(b), { ecmaVersion: 2020, sourceType: "module" }), b.name);
    }
  });

  it("writes pins as bare identifiers: rows: [B13, B14, B15, B10]", () => {
    const source = boardModuleSource(pico());
    assert.ok(source.includes("rows: [B13, B14, B15, B10]"), source);
    assert.ok(source.includes("programButton: { pin: A8, activeLow: true, debounceMs: 50 }"), source);
    assert.ok(source.includes("buzzer: { pin: B1, freq: 2700 }"), source);
  });

  it("has no pin name left as a string anywhere", () => {
    for (const b of loadBoards(BOARDS_DIR)) {
      const ast = acorn.parse(boardModuleSource(b), { ecmaVersion: 2020, sourceType: "module" });
      const identifiers = new Set<string>();
      walk.simple(ast, {
        Literal(node: any) {
          if (typeof node.value === "string") assert.ok(!CHIPS[b.chip].pins.has(node.value), b.name + ": string " + node.value);
        },
        Identifier(node: any) {
          identifiers.add(node.name);
        },
      });
      const w = b.wiring;
      for (const pin of [w.programButton.pin, w.motor.in1, w.motor.in2, w.bolt.retracted, w.bolt.extended, w.battery.pin,
        w.leds.red, w.leds.green, w.buzzer.pin]) {
        assert.ok(identifiers.has(pin), b.name + ": " + pin);
      }
    }
  });

  it("exports board and config that, run with pin globals, equal the board file's wiring and merged config", () => {
    for (const b of loadBoards(BOARDS_DIR)) {
      const { board, config } = evaluate(b);
      assert.deepEqual(board, b.wiring, b.name);
      assert.deepEqual(config, b.config, b.name);
    }
  });

  it("leaves current out for a board without current sense", () => {
    const b = validateAsBad(variant("proto-pico", (d) => delete d.current));
    const source = boardModuleSource(b);
    assert.ok(!source.includes("current:"), source);
    assert.equal((evaluate(b).board as { current?: unknown }).current, undefined);
  });

  it("merges config overrides over the defaults, nested settings included", () => {
    const b = validateAsBad(variant("proto-pico", (d) => {
      d.config = { entryTimeoutMs: 8000, stallCurrentA: 0.8, defaults: { autoLock: true } };
    }));
    assert.deepEqual(b.config, {
      ...DEFAULT_CONFIG,
      entryTimeoutMs: 8000,
      stallCurrentA: 0.8,
      defaults: { ...DEFAULT_CONFIG.defaults, autoLock: true },
    });
    assert.equal(DEFAULT_CONFIG.defaults.autoLock, false, "the defaults themselves are untouched");
    const config = evaluate(b).config as typeof DEFAULT_CONFIG;
    assert.equal(config.entryTimeoutMs, 8000);
    assert.equal(config.lockoutMs, DEFAULT_CONFIG.lockoutMs);
    assert.deepEqual(config.defaults, { autoLock: true, audio: true, oneTouch: true, statusLed: false });
  });
});
