import { strict as assert } from "assert";
import { espruinoRig } from "./espruino-rig";

function clockOnBench() {
  const rig = espruinoRig();
  return { fake: rig.fake, clock: rig.hal.createClock() };
}

describe("clock (Espruino HAL on the fake)", () => {
  it("now() is whole milliseconds of getTime()", () => {
    const { fake, clock } = clockOnBench();
    fake.advance(1001); // getTime()*1000 = 1000.9999999999999
    assert.equal(clock.now(), 1001);
  });

  it("a timeout runs once after its delay; an interval repeats until cleared", () => {
    const { fake, clock } = clockOnBench();
    const at: number[] = [];
    clock.setTimeout(() => at.push(clock.now()), 250);
    const every = clock.setInterval(() => at.push(-clock.now()), 400);
    fake.advance(1000);
    assert.deepEqual(at, [250, -400, -800]);
    clock.clearInterval(every);
    assert.equal(fake.armedTimers(), 0);
  });

  it("clearing an undefined id or one that already fired is harmless", () => {
    const { fake, clock } = clockOnBench();
    const id = clock.setTimeout(() => {}, 10);
    fake.advance(20);
    clock.clearTimeout(id);
    clock.clearTimeout(undefined);
    clock.clearInterval(undefined);
    assert.deepEqual(fake.uncaught(), []);
  });

  it("a cleared timeout does not run", () => {
    const { fake, clock } = clockOnBench();
    let ran = false;
    const id = clock.setTimeout(() => (ran = true), 100);
    clock.clearTimeout(id);
    fake.advance(200);
    assert.equal(ran, false);
  });
});
