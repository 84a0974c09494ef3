import { strict as assert } from "assert";
import { halOnBench as bench } from "./espruino-rig";
import type { BenchOptions } from "./espruino-rig";

/** the HAL with its outputs started, as at power-up */
function halOnBench(options?: BenchOptions) {
  const b = bench(options);
  b.hal.startOutputs();
  return { fake: b.fake, hal: b.hal.espruinoHal, bench: b };
}

describe("motor (Espruino HAL on the fake)", () => {
  it("starts with both H-bridge inputs low", () => {
    const { fake } = halOnBench();
    assert.deepEqual([fake.level("B8"), fake.level("B9")], [false, false]);
    assert.deepEqual([fake.mode("B8"), fake.mode("B9")], ["output", "output"]);
  });

  it("drives both H-bridge inputs low in the image's first statement, before anything else is set up", () => {
    const { fake } = bench();
    assert.deepEqual([fake.level("B8"), fake.level("B9")], [false, false]);
    assert.deepEqual(fake.history("B8"), [{ time: 0, level: false }]);
    assert.deepEqual(fake.history("B9"), [{ time: 0, level: false }]);
  });

  it("drives A as (1,0), B as (0,1) and stop as (0,0)", () => {
    const { fake, hal } = halOnBench();
    const pins = () => [fake.level("B8") ? 1 : 0, fake.level("B9") ? 1 : 0];
    hal.motor("A");
    assert.deepEqual(pins(), [1, 0]);
    hal.motor("B");
    assert.deepEqual(pins(), [0, 1]);
    hal.motor("stop");
    assert.deepEqual(pins(), [0, 0]);
  });

  it("never passes through (1,1), the brake, when reversing", () => {
    const { fake, hal } = halOnBench();
    let braked = false;
    // a spare watched pin whose computed level is re-read after every write: it sees each step
    fake.connect("B13", () => {
      if (fake.level("B8") && fake.level("B9")) braked = true;
      return undefined;
    });
    (fake.globals.setWatch as Function)(() => {}, "B13", { repeat: true });
    hal.motor("A");
    hal.motor("B");
    hal.motor("A");
    assert.equal(braked, false);
  });
});

describe("LEDs and buzzer (Espruino HAL on the fake)", () => {
  it("LEDs start off and light with a high output", () => {
    const { fake, hal } = halOnBench();
    assert.deepEqual([fake.level("B2"), fake.level("B12")], [false, false]);
    hal.outputs(true, true, false);
    assert.deepEqual([fake.level("B2"), fake.level("B12")], [true, true]);
    hal.outputs(false, true, false);
    assert.equal(fake.level("B2"), false);
  });

  it("an active-low LED is driven low to light", () => {
    const { fake, hal } = halOnBench({ wiring: { leds: { red: "B2", green: "B12", activeHigh: false } } });
    assert.equal(fake.level("B2"), true, "off");
    hal.outputs(true, false, false);
    assert.equal(fake.level("B2"), false);
  });

  it("the buzzer sounds as PWM at 2700 Hz, half duty, and a low output silences it", () => {
    const { fake, hal } = halOnBench();
    assert.equal(fake.pwm("B1"), undefined);
    hal.outputs(false, false, true);
    assert.deepEqual(fake.pwm("B1"), { value: 0.5, freq: 2700 });
    fake.advance(150);
    hal.outputs(false, false, false);
    assert.equal(fake.pwm("B1"), undefined);
    assert.equal(fake.level("B1"), false);
    assert.deepEqual(fake.pulses("B1"), [{ start: 0, end: 150 }]);
  });
});

describe("battery and motor current (Espruino HAL on the fake)", () => {
  it("pack volts are the ADC fraction times vref times the divider ratio", () => {
    const { fake, hal } = halOnBench();
    fake.setAnalog("A4", 0.5);
    assert.ok(Math.abs(hal.battery() - 0.5 * 3.3 * 3) < 1e-9);
  });

  it("motor amps are the ADC fraction times vref over volts per amp", () => {
    const { fake, hal } = halOnBench();
    fake.setAnalog("A5", 0.3);
    assert.ok(Math.abs(hal.current() - 0.3 * 3.3) < 1e-9);
  });

  it("uses the chip's own reference when it reports one", () => {
    const { fake, hal } = halOnBench({ deviceVref: 3.0 });
    fake.setAnalog("A4", 0.5);
    assert.ok(Math.abs(hal.battery() - 4.5) < 1e-9);
  });

  it("falls back to 3.3 V where E.getAnalogVRef() is NaN (ESP32)", () => {
    const { fake, hal } = halOnBench({ deviceVref: NaN });
    fake.setAnalog("A4", 0.5);
    assert.ok(Math.abs(hal.battery() - 4.95) < 1e-9);
  });

  it("a vref in the board file wins over the chip's", () => {
    const { fake, hal } = halOnBench({ deviceVref: 3.0, wiring: { vref: 3.1 } });
    fake.setAnalog("A4", 0.5);
    assert.ok(Math.abs(hal.battery() - 0.5 * 3.1 * 3) < 1e-9);
  });

  it("a board without current sense reads NaN amps", () => {
    const { hal } = halOnBench({ wiring: { current: undefined } });
    assert.ok(Number.isNaN(hal.current()));
  });
});

describe("the whole HAL at power-up", () => {
  it("arms no timer and throws nothing when everything is started and idle", () => {
    const { fake, bench: b } = halOnBench();
    b.start();
    fake.advance(60000);
    assert.equal(fake.armedTimers(), 0);
    assert.equal(fake.watchCount(), 4 + 1 + 2);
    assert.deepEqual(fake.uncaught(), []);
    assert.deepEqual(fake.output(), [], "no warning: every watch was accepted");
  });
});
