import { strict as assert } from "assert";
import { halOnBench } from "./espruino-rig";

// a keypad with one pin per key; the pin names are the fake's (numbers no other watched pin has, as STM32 needs)
const PINS = ["K20", "K21", "K22", "K23", "K24", "K25", "K26", "K27", "K28", "K29", "K30", "K31"];
const LEGENDS = "0123456789*#";

function pinKeypadOnBench() {
  const rig = halOnBench({ wiring: { keypad: { type: "pins", pins: PINS, keys: LEGENDS, debounceMs: 20 } } });
  rig.start();
  const press = (legend: string) => rig.fake.drive(PINS[LEGENDS.indexOf(legend)], false);
  const release = (legend: string) => rig.fake.drive(PINS[LEGENDS.indexOf(legend)], undefined);
  return { fake: rig.fake, keys: rig.keysSeen, press, release };
}

describe("pin-per-key keypad (Espruino HAL on the fake)", () => {
  it("a press gives one key; * is CLEAR and # is LOCK", () => {
    const { fake, keys, press, release } = pinKeypadOnBench();
    for (const legend of ["4", "*", "#"]) {
      press(legend);
      fake.advance(100);
      release(legend);
      fake.advance(100);
    }
    assert.deepEqual(keys(), ["4", "C", "L"]);
  });

  it("bounce gives one key, and a held key gives one", () => {
    const { fake, keys, press, release } = pinKeypadOnBench();
    for (const ms of [2, 3, 1]) {
      press("9");
      fake.advance(ms);
      release("9");
      fake.advance(ms);
    }
    press("9");
    fake.advance(5000);
    assert.deepEqual(keys(), ["9"]);
  });

  it("two keys at once give none", () => {
    const { fake, keys, press } = pinKeypadOnBench();
    press("1");
    press("2");
    fake.advance(200);
    assert.deepEqual(keys(), []);
  });

  it("arms no timer while idle, one watch per key", () => {
    const { fake } = pinKeypadOnBench();
    fake.advance(1000);
    assert.equal(fake.armedTimers(), 0);
    assert.equal(fake.watchCount(), 12 + 1 + 2);
  });
});
