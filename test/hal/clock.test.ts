import { strict as assert } from "assert";
import { halOnBench } from "./espruino-rig";

describe("clock (Espruino HAL on the fake)", () => {
  it("now() is Espruino's getTime(), in seconds", () => {
    const { fake, hal } = halOnBench();
    fake.advance(1500);
    assert.equal(hal.espruinoHal.now(), 1.5);
  });

  it("timers are Espruino's own: an interval repeats until cleared", () => {
    const { fake, hal } = halOnBench();
    const clock = hal.espruinoHal;
    const at: number[] = [];
    const ms = () => Math.round(clock.now() * 1000);
    const every = clock.setInterval(() => at.push(ms()), 400);
    fake.advance(1000);
    assert.deepEqual(at, [400, 800]);
    clock.clearInterval(every);
    assert.equal(fake.armedTimers(), 0);
  });

  it("a cleared interval does not run", () => {
    const { fake, hal } = halOnBench();
    let ran = false;
    const id = hal.espruinoHal.setInterval(() => (ran = true), 100);
    hal.espruinoHal.clearInterval(id);
    fake.advance(200);
    assert.equal(ran, false);
  });
});
