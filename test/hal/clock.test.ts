import { strict as assert } from "assert";
import { halOnBench } from "./espruino-rig";

describe("clock (Espruino HAL on the fake)", () => {
  it("now() is Espruino's getTime(), in seconds", () => {
    const { fake, hal } = halOnBench();
    fake.advance(1500);
    assert.equal(hal.espruinoHal.now(), 1.5);
  });

  it("timers are Espruino's own: a timeout runs once after its delay; an interval repeats until cleared", () => {
    const { fake, hal } = halOnBench();
    const clock = hal.espruinoHal;
    const at: number[] = [];
    const ms = () => Math.round(clock.now() * 1000);
    clock.setTimeout(() => at.push(ms()), 250);
    const every = clock.setInterval(() => at.push(-ms()), 400);
    fake.advance(1000);
    assert.deepEqual(at, [250, -400, -800]);
    clock.clearInterval(every);
    assert.equal(fake.armedTimers(), 0);
  });

  it("a cleared timeout does not run", () => {
    const { fake, hal } = halOnBench();
    let ran = false;
    const id = hal.espruinoHal.setTimeout(() => (ran = true), 100);
    hal.espruinoHal.clearTimeout(id);
    fake.advance(200);
    assert.equal(ran, false);
  });
});
