// How the image drives the motor (issue 16), on the real proto-pico image in the simulator: never
// straight into reverse (it coasts first), and the inrush at start is not taken for a stall while
// short current spikes never add up to one.
import { strict as assert } from "assert";
import type { Simulation } from "../../sim/engine";
import { assertMotorCoasts, CODE, lockedLock, logsSince, motorRuns, press, steadyPack } from "../properties/door";
import { LockDriver } from "../properties/driver";
import { boardAndImage, espruinoOf, skipWithoutImage } from "../properties/image";

function config() {
  return boardAndImage().board.config;
}

/**
 * From now on the current sense reads `amps(msSinceStart)` while the motor is driven (ms since the
 * drive started, from the pin histories), and the mechanism's own current otherwise; the pack reads steady.
 */
function currentWhileDriven(sim: Simulation, amps: (ms: number) => number | undefined): void {
  steadyPack(sim, 5.6);
  const fake = espruinoOf(sim);
  const wiring = sim.board.wiring;
  const current = wiring.current;
  assert.ok(fake && current);
  const vref = typeof wiring.vref === "number" ? wiring.vref : 3.3;
  fake.setAnalog(current.pin, () => {
    const pins = [wiring.motor.in1, wiring.motor.in2];
    const driven = fake.level(pins[0]) !== fake.level(pins[1]);
    const startedAt = Math.max(...pins.map((p) => Math.max(-1, ...fake.history(p).filter((h) => h.level).map((h) => h.time))));
    const surge = driven ? amps(fake.now() - startedAt) : undefined;
    return ((surge ?? sim.mechanism.amps()) * current.voltsPerAmp) / vref;
  });
}

const OVER_STALL_A = 1.0;

describe("the motor drive, on the real image", function () {
  this.timeout(60000);

  before(function () {
    skipWithoutImage(this);
  });

  it("a jam while locking drives the bolt back only after the motor has coasted at least 50 ms", () => {
    const sim = lockedLock();
    press(sim, CODE + "#");
    sim.advance(4000);
    sim.blockBolt(0.5);
    const start = sim.now();
    press(sim, "#"); // one-touch locking, into the obstacle
    sim.advance(8000);
    const runs = motorRuns(sim, start);
    assert.equal(runs.length, 2, "the locking stroke, then the drive back");
    const coast = runs[1].start - (runs[0].start + runs[0].ms);
    assert.ok(coast >= config().coastMs, `the drive back started ${coast} ms after the stop`);
    assert.ok(logsSince(sim, start).some((l) => l.includes("jam while locking")));
    assert.ok(sim.mechanism.position < 0.02, "the bolt is back in");
    assertMotorCoasts(sim);
  });

  it("every start coasts first: door handing from the middle of the travel, a jam while unlocking and its retry", () => {
    const driver = new LockDriver({ hand: "left", bolt: 0.5, userCode: CODE, master: "" });
    driver.start(() => undefined);
    const sim = driver.sim;
    assert.ok(sim.mechanism.position > 0.98, "handed from the middle, then locked");
    sim.blockBolt(0.6); // the door presses on the bolt: it cannot retract past 60 %
    const start = sim.now();
    press(sim, CODE + "#");
    sim.advance(10000);
    assert.ok(logsSince(sim, start).some((l) => l.includes("jam while unlocking")), "the unlock jammed, after its retry");
    assert.ok(motorRuns(sim, start).length >= 2, "the stroke and its retry");
    assertMotorCoasts(sim);
  });

  it("the inrush is no stall: current over the threshold through the first 50 ms and for less than the stall time after, the stroke locks", () => {
    const sim = lockedLock();
    press(sim, CODE + "#");
    sim.advance(4000);
    assert.ok(sim.mechanism.position < 0.02, "unlocked");
    const { stallIgnoreMs, stallMs, sampleMs } = config();
    const surgeMs = stallIgnoreMs + stallMs - sampleMs / 2;
    currentWhileDriven(sim, (ms) => (ms < surgeMs ? OVER_STALL_A : undefined));
    const start = sim.now();
    press(sim, "#");
    sim.advance(4000);
    assert.equal(motorRuns(sim, start).length, 1, "one stroke, no drive back");
    assert.ok(sim.mechanism.position > 0.98, "locked");
    assert.ok(!logsSince(sim, start).some((l) => l.includes("stall")), "no stall");
  });

  it("short current spikes with normal current between never add up to a stall", () => {
    const sim = lockedLock();
    press(sim, CODE + "#");
    sim.advance(4000);
    const { stallMs, sampleMs } = config();
    // over the threshold for most of each period, under it for two samples
    const period = stallMs + 2 * sampleMs;
    currentWhileDriven(sim, (ms) => (ms % period < stallMs - sampleMs ? OVER_STALL_A : undefined));
    const start = sim.now();
    press(sim, "#");
    sim.advance(4000);
    assert.equal(motorRuns(sim, start).length, 1, "one stroke, no drive back");
    assert.ok(sim.mechanism.position > 0.98, "locked");
  });

  it("a current over the threshold for the stall time after the inrush is a stall", () => {
    const sim = lockedLock();
    press(sim, CODE + "#");
    sim.advance(4000);
    const { stallIgnoreMs, stallMs } = config();
    currentWhileDriven(sim, (ms) => (ms >= stallIgnoreMs && ms < stallIgnoreMs + stallMs + 100 ? OVER_STALL_A : undefined));
    const start = sim.now();
    press(sim, "#");
    sim.advance(4000);
    assert.ok(logsSince(sim, start).some((l) => l.includes("lock stroke stall")), "the locking stroke ended as a stall");
  });
});
