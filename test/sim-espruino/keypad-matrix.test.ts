import { strict as assert } from "assert";
import { createFakeEspruino } from "../../sim/espruino/fake";
import { matrixKeypad } from "../../sim/espruino/keypad-matrix";

const ROWS = ["B13", "B14", "B15", "B10"];
const COLS = ["B3", "B4", "B5"];

function wiredKeypad() {
  const fake = createFakeEspruino({ pins: ROWS.concat(COLS) });
  const g: any = fake.globals;
  ROWS.forEach((r) => g.pinMode(r, "input_pullup"));
  COLS.forEach((c) => {
    g.pinMode(c, "output");
    g.digitalWrite(c, 0);
  });
  return { fake, g, keypad: matrixKeypad(fake, ROWS, COLS, "123456789*0#") };
}

describe("keypad matrix model", () => {
  it("all rows read high while no key is pressed", () => {
    const { g } = wiredKeypad();
    assert.deepEqual(ROWS.map((r) => g.digitalRead(r)), [1, 1, 1, 1]);
  });

  it("a pressed key pulls its row low through its column held low", () => {
    const { g, keypad } = wiredKeypad();
    keypad.press("5");
    assert.deepEqual(ROWS.map((r) => g.digitalRead(r)), [1, 0, 1, 1]);
    keypad.release("5");
    assert.deepEqual(ROWS.map((r) => g.digitalRead(r)), [1, 1, 1, 1]);
  });

  it("the row stays high when the pressed key's column is driven high", () => {
    const { g, keypad } = wiredKeypad();
    keypad.press("#");
    assert.equal(g.digitalRead("B10"), 0);
    g.digitalWrite("B5", 1);
    assert.equal(g.digitalRead("B10"), 1);
    g.digitalWrite("B5", 0);
    g.digitalWrite("B3", 1);
    g.digitalWrite("B4", 1);
    assert.equal(g.digitalRead("B10"), 0, "the other columns do not matter");
  });

  it("a column that is not an output does not pull the row", () => {
    const { g, keypad } = wiredKeypad();
    g.pinMode("B4", "input");
    keypad.press("8");
    assert.equal(g.digitalRead("B15"), 1);
  });

  it("tap holds the key for the given virtual time", () => {
    const { fake, keypad } = wiredKeypad();
    const lows: number[] = [];
    (fake.globals as any).setWatch((e: any) => lows.push(fake.now()), "B13", { repeat: true, edge: "both" });
    keypad.tap("2", 120);
    assert.deepEqual(lows, [0, 120]);
    assert.deepEqual(keypad.pressed(), []);
  });

  it("refuses a legend the keypad does not have", () => {
    const { keypad } = wiredKeypad();
    assert.throws(() => keypad.press("A"), /no key/);
  });
});
