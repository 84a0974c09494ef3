// save() typed at the lock's console stores Espruino's whole state; at the next boot that state is
// restored (a lock already running) and then the image runs from .bootcde as well (issue 16). Here the
// image runs a second time in the same interpreter, as it would then: it must say so and start nothing.
import { strict as assert } from "assert";
import { CODE, lockedLock, logsSince, motorRuns, press } from "../properties/door";
import { boardAndImage, espruinoOf, skipWithoutImage } from "../properties/image";

describe("a state restored from save(), on the real image", function () {
  this.timeout(60000);

  before(function () {
    skipWithoutImage(this);
  });

  it("the image says a lock is already running, starts no second one, and the running lock still opens once per code", () => {
    const sim = lockedLock();
    const fake = espruinoOf(sim);
    assert.ok(fake);
    const watches = fake.watchCount();
    const timers = sim.armedTimers();
    const start = sim.now();
    sim.console(boardAndImage().image);
    sim.advance(3000);
    assert.equal(fake.watchCount(), watches, "no second set of watches");
    assert.equal(sim.armedTimers(), timers, "no second set of timers");
    assert.deepEqual(motorRuns(sim, start), [], "no motor activity");
    const lines = logsSince(sim, start);
    assert.ok(lines.some((l) => l.includes("already running")), `the console says a lock already runs: ${lines.join(" / ")}`);
    assert.deepEqual(sim.uncaught(), []);
    const typed = sim.now();
    press(sim, CODE + "#");
    sim.advance(4000);
    assert.equal(motorRuns(sim, typed).length, 1, "one stroke for one code");
    assert.ok(sim.mechanism.position < 0.02, "the code opened the lock");
  });
});
