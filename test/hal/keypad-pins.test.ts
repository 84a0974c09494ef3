import { strict as assert } from "assert";
import { espruinoRig } from "./espruino-rig";

// a keypad with one pin per key; the pin names are the fake's (distinct numbers, as STM32 needs)
const PINS = ["K0", "K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8", "K9", "K10", "K11"];
const LEGENDS = "0123456789*#";

function pinKeypadOnBench() {
  const rig = espruinoRig({ wiring: { keypad: { type: "pins", pins: PINS, keys: LEGENDS, debounceMs: 20 } } });
  const keys: string[] = [];
  const keypad = rig.hal.createEspruinoHal(rig.wiring, undefined as never).startKeypad({ onKey: (k) => keys.push(k) });
  const press = (legend: string) => rig.fake.drive(PINS[LEGENDS.indexOf(legend)], false);
  const release = (legend: string) => rig.fake.drive(PINS[LEGENDS.indexOf(legend)], undefined);
  return { fake: rig.fake, keys, keypad, press, release };
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
    assert.deepEqual(keys, ["4", "C", "L"]);
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
    assert.deepEqual(keys, ["9"]);
  });

  it("two keys at once give none", () => {
    const { fake, keys, press } = pinKeypadOnBench();
    press("1");
    press("2");
    fake.advance(200);
    assert.deepEqual(keys, []);
  });

  it("arms no timer while idle and stops on close", () => {
    const { fake, keys, keypad, press } = pinKeypadOnBench();
    assert.equal(fake.armedTimers(), 0);
    keypad.close();
    press("5");
    fake.advance(100);
    assert.deepEqual(keys, []);
    assert.equal(fake.watchCount(), 0);
  });
});
