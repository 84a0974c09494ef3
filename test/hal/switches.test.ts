import { strict as assert } from "assert";
import { espruinoRig } from "./espruino-rig";
import type { BoltState } from "../../hal/types";

/** objects made inside the image's vm context, as plain host objects for deepEqual */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe("program button (Espruino HAL on the fake)", () => {
  function buttonOnBench(activeLow = true) {
    const rig = espruinoRig({ wiring: { programButton: { pin: "A8", activeLow, debounceMs: 50 } } });
    const changes: boolean[] = [];
    const button = rig.hal.createEspruinoHal(rig.wiring, undefined as never).startProgramButton({ onChange: (p) => changes.push(p) });
    return { fake: rig.fake, changes, button };
  }

  it("a press and a release each give one change, 50 ms after the contacts settle", () => {
    const { fake, changes, button } = buttonOnBench();
    assert.equal(button.read(), false);
    fake.drive("A8", false);
    fake.advance(49);
    assert.deepEqual(changes, []);
    fake.advance(1);
    assert.deepEqual(changes, [true]);
    assert.equal(button.read(), true);
    fake.drive("A8", undefined);
    fake.advance(100);
    assert.deepEqual(changes, [true, false]);
    assert.equal(button.read(), false);
  });

  it("bounce gives one press", () => {
    const { fake, changes } = buttonOnBench();
    for (const ms of [3, 5, 2, 8]) {
      fake.drive("A8", false);
      fake.advance(ms);
      fake.drive("A8", undefined);
      fake.advance(ms);
    }
    fake.drive("A8", false);
    fake.advance(2000);
    assert.deepEqual(changes, [true]);
  });

  it("an active-high button reads pressed when its pin is high", () => {
    const { fake, changes, button } = buttonOnBench(false);
    assert.equal(fake.mode("A8"), "input_pulldown");
    fake.drive("A8", true);
    fake.advance(60);
    assert.deepEqual(changes, [true]);
    assert.equal(button.read(), true);
  });

  it("arms no timer while idle; close stops changes", () => {
    const { fake, changes, button } = buttonOnBench();
    assert.equal(fake.armedTimers(), 0);
    button.close();
    fake.drive("A8", false);
    fake.advance(100);
    assert.deepEqual(changes, []);
    assert.equal(fake.watchCount(), 0);
  });
});

describe("bolt switches (Espruino HAL on the fake)", () => {
  function boltOnBench() {
    const rig = espruinoRig();
    const changes: BoltState[] = [];
    const bolt = rig.hal.createEspruinoHal(rig.wiring, undefined as never).startBoltSensor({ onChange: (s) => changes.push(s) });
    return { fake: rig.fake, changes, bolt };
  }

  it("reads both switches, closed = low", () => {
    const { fake, bolt } = boltOnBench();
    assert.deepEqual(plain(bolt.read()), { retracted: false, extended: false });
    fake.drive("A0", false);
    assert.deepEqual(plain(bolt.read()), { retracted: true, extended: false });
  });

  it("a switch closing gives one change with both switches, after the debounce, however it bounces", () => {
    const { fake, changes } = boltOnBench();
    fake.drive("A1", false);
    fake.advance(2);
    fake.drive("A1", undefined);
    fake.advance(2);
    fake.drive("A1", false);
    fake.advance(9);
    assert.deepEqual(changes, []);
    fake.advance(1);
    assert.deepEqual(plain(changes), [{ retracted: false, extended: true }]);
  });

  it("the bolt travelling from extended to retracted gives a change as it leaves one end and as it reaches the other", () => {
    const { fake, changes } = boltOnBench();
    fake.drive("A1", false);
    fake.advance(100);
    fake.drive("A1", undefined);
    fake.advance(500);
    fake.drive("A0", false);
    fake.advance(100);
    assert.deepEqual(plain(changes), [
      { retracted: false, extended: true },
      { retracted: false, extended: false },
      { retracted: true, extended: false },
    ]);
  });

  it("arms no timer while idle", () => {
    const { fake } = boltOnBench();
    fake.advance(1000);
    assert.equal(fake.armedTimers(), 0);
  });
});
