// What the image does to the board's pins (issue 16), on the real proto-pico image in the simulator:
// the motor's H-bridge inputs are driven low before anything else, and the keypad never joins a column
// driven high to one driven low, whatever keys are held.
import { strict as assert } from "assert";
import { lockedLock, press } from "../properties/door";
import { espruinoOf, newLock, skipWithoutImage } from "../properties/image";

describe("the board's pins, on the real image", function () {
  this.timeout(60000);

  before(function () {
    skipWithoutImage(this);
  });

  it("the motor pins are driven low by the image's first statement, before any other pin is touched", () => {
    const sim = newLock();
    sim.powerOn();
    const fake = espruinoOf(sim);
    assert.ok(fake);
    const { in1, in2 } = sim.board.wiring.motor;
    assert.deepEqual(fake.pinsTouched().slice(0, 2).sort(), [in1, in2].sort(), `the first pins touched: ${fake.pinsTouched().join(", ")}`);
    for (const pin of [in1, in2]) {
      assert.deepEqual(fake.history(pin)[0], { time: 0, level: false }, `${pin} driven low at power-up`);
      assert.equal(fake.mode(pin), "output", `${pin} is an output`);
    }
  });

  it("two keys held in one row, or a whole row, never join a column driven high to one driven low", () => {
    const sim = lockedLock();
    const start = sim.now();
    for (const chord of ["46", "456", "13", "79", "*#", "0#"]) {
      for (const key of chord) sim.keyDown(key);
      sim.advance(300);
      // another key while the chord is held makes the rows scan again
      press(sim, "2");
      for (const key of chord) sim.keyUp(key);
      sim.advance(300);
    }
    assert.deepEqual(sim.keypadShorts(), []);
    assert.ok(sim.timeline.events.some((e) => e.t >= start && e.kind === "key"), "the keys were pressed");
    assert.ok(sim.mechanism.position > 0.98, "no key of a chord opened anything");
  });
});
