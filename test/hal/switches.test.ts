import { strict as assert } from "assert";
import { halOnBench } from "./espruino-rig";

describe("program button (Espruino HAL on the fake)", () => {
  function buttonOnBench(activeLow = true) {
    const rig = halOnBench({ wiring: { programButton: { pin: "A8", activeLow, debounceMs: 50 } } });
    const programs = () => rig.events.filter((e) => e.type === "program").map((e) => (e as { down: boolean }).down);
    return { fake: rig.fake, programs, start: rig.start };
  }

  it("a press and a release each give one change, 50 ms after the contacts settle", () => {
    const { fake, programs, start } = buttonOnBench();
    assert.equal(start().programHeld, false);
    fake.drive("A8", false);
    fake.advance(49);
    assert.deepEqual(programs(), []);
    fake.advance(1);
    assert.deepEqual(programs(), [true]);
    fake.drive("A8", undefined);
    fake.advance(100);
    assert.deepEqual(programs(), [true, false]);
  });

  it("reads Program held at power-up", () => {
    const { fake, start } = buttonOnBench();
    fake.drive("A8", false);
    assert.equal(start().programHeld, true);
  });

  it("bounce gives one press", () => {
    const { fake, programs, start } = buttonOnBench();
    start();
    for (const ms of [3, 5, 2, 8]) {
      fake.drive("A8", false);
      fake.advance(ms);
      fake.drive("A8", undefined);
      fake.advance(ms);
    }
    fake.drive("A8", false);
    fake.advance(2000);
    assert.deepEqual(programs(), [true]);
  });

  it("an active-high button reads pressed when its pin is high", () => {
    const { fake, programs, start } = buttonOnBench(false);
    start();
    assert.equal(fake.mode("A8"), "input_pulldown");
    fake.drive("A8", true);
    fake.advance(60);
    assert.deepEqual(programs(), [true]);
  });

  it("arms no timer while idle", () => {
    const { fake, start } = buttonOnBench();
    start();
    fake.advance(1000);
    assert.equal(fake.armedTimers(), 0);
  });
});

describe("bolt switches (Espruino HAL on the fake)", () => {
  function boltOnBench() {
    const rig = halOnBench();
    const changes = () => rig.events.filter((e) => e.type === "bolt").map((e) => (e as { state: unknown }).state);
    return { fake: rig.fake, changes, start: rig.start, hal: rig.hal };
  }

  it("reads both switches at power-up, closed = low", () => {
    const { fake, start } = boltOnBench();
    fake.drive("A0", false);
    assert.deepEqual(start().bolt, { retracted: true, extended: false });
  });

  it("a switch closing gives one change with both switches, after the debounce, however it bounces", () => {
    const { fake, changes, start } = boltOnBench();
    start();
    fake.drive("A1", false);
    fake.advance(2);
    fake.drive("A1", undefined);
    fake.advance(2);
    fake.drive("A1", false);
    fake.advance(9);
    assert.deepEqual(changes(), []);
    fake.advance(1);
    assert.deepEqual(changes(), [{ retracted: false, extended: true }]);
  });

  it("the bolt turned by hand from extended to retracted: its leaving one end goes unseen at rest, its reaching the other does not", () => {
    const { fake, changes, start } = boltOnBench();
    start();
    fake.drive("A1", false);
    fake.advance(100);
    fake.drive("A1", undefined);
    fake.advance(500);
    fake.drive("A0", false);
    fake.advance(100);
    assert.deepEqual(changes(), [
      { retracted: false, extended: true },
      { retracted: true, extended: false },
    ]);
  });

  it("a closed switch rests pulled the way it holds its pin (no current through it); while the motor runs both are pulled up", () => {
    const { fake, start, hal } = boltOnBench();
    fake.drive("A0", false); // retracted: A0 closed to ground
    start();
    assert.deepEqual([fake.mode("A0"), fake.mode("A1")], ["input_pulldown", "input_pullup"]);
    hal.motorWrite("A");
    assert.deepEqual([fake.mode("A0"), fake.mode("A1")], ["input_pullup", "input_pullup"]);
    hal.motorWrite("stop");
    assert.deepEqual([fake.mode("A0"), fake.mode("A1")], ["input_pulldown", "input_pullup"]);
  });

  it("arms no timer while idle", () => {
    const { fake, start } = boltOnBench();
    start();
    fake.advance(1000);
    assert.equal(fake.armedTimers(), 0);
  });
});
