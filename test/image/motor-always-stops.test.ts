// The motor stops by itself whatever else fails (issue 16), on the real proto-pico image in the
// simulator. The gear is broken in most of these stories (the motor spins free, the bolt never moves,
// the current stays normal): then no switch and no stall can end a stroke, only the lock's own limits.
import { strict as assert } from "assert";
import type { Simulation } from "../../sim/engine";
import { assertCodeOpens, assertRunsWithin, CODE, lockedLock, logsSince, motorRuns, press, setClock, steadyPack } from "../properties/door";
import { boardAndImage, espruinoOf, motorDriven, skipWithoutImage } from "../properties/image";

const TIMERS = ["setTimeout", "setInterval"];

/** a motor run may outlast a limit by this: the sampling and timer granularity */
const SLACK_MS = 25;

function config() {
  return boardAndImage().board.config;
}

/** the stroke limit: where the machine stops the motor */
function strokeLimitMs(): number {
  return config().strokeLimitMs + SLACK_MS;
}

/** the driver's own stop, whatever the machine does: the limit plus the guard */
function guardedLimitMs(): number {
  return config().strokeLimitMs + config().motorGuardMs + SLACK_MS;
}

/** locked, the user code typed (LOCK not yet pressed), the gear broken, the pack reading steady */
function brokenGearBeforeLock(): Simulation {
  const sim = lockedLock();
  sim.setFault("motor", "sheared");
  steadyPack(sim, 5.6);
  press(sim, CODE);
  return sim;
}

/** the gear repaired, the faults gone: the lock opens for the next valid code */
function assertRecovers(sim: Simulation): void {
  const fake = espruinoOf(sim);
  for (const name of [...TIMERS, "getTime"]) fake?.replace(name, undefined);
  sim.setFault("motor", "none");
  sim.advance(2000);
  assertCodeOpens(sim);
}

describe("the motor always stops, on the real image", function () {
  this.timeout(60000);

  before(function () {
    skipWithoutImage(this);
  });

  for (const failing of [["setTimeout"], ["setInterval"], TIMERS]) {
    it(`${failing.join(" and ")} throwing once the motor runs: the motor is off within the stroke limit, and the next code opens`, () => {
      const sim = brokenGearBeforeLock();
      const fake = espruinoOf(sim);
      assert.ok(fake);
      for (const name of failing) {
        fake.replace(name, (real, args) => {
          if (motorDriven(sim)) throw new Error("Out of Memory");
          return real(...args);
        });
      }
      const start = sim.now();
      press(sim, "#");
      sim.advance(10000);
        assertRunsWithin(sim, start, strokeLimitMs(), `${failing.join(" and ")} throwing`);
      assertRecovers(sim);
    });
  }

  it("every timer armed while the motor runs lost (it never fires), no current reading: the motor stops by the driver's own count", () => {
    const sim = brokenGearBeforeLock();
    const fake = espruinoOf(sim);
    const current = sim.board.wiring.current;
    assert.ok(fake && current);
    fake.setAnalog(current.pin, 0);
    let lost = 0;
    for (const name of TIMERS) fake.replace(name, (real, args) => (motorDriven(sim) ? ++lost + 1000 : real(...args)));
    const start = sim.now();
    press(sim, "#");
    sim.advance(10000);
    assert.ok(lost > 0, "the lock armed a timer while the motor ran, and it was lost");
    assertRunsWithin(sim, start, guardedLimitMs(), "lost timers");
    assertRecovers(sim);
  });

  it("a clock that throws when read, from the start of a stroke: the motor stops by the driver's own count", () => {
    const sim = brokenGearBeforeLock();
    const fake = espruinoOf(sim);
    assert.ok(fake);
    const start = sim.now();
    // the first read is the key's own; every later one throws
    let reads = 0;
    fake.replace("getTime", (real) => {
      if (++reads > 3) throw new Error("Out of Memory");
      return real();
    });
    press(sim, "#");
    sim.advance(10000);
    assertRunsWithin(sim, start, guardedLimitMs(), "getTime throwing");
    assertRecovers(sim);
  });

  for (const hours of [-1, 1]) {
    it(`the clock set ${hours < 0 ? "back" : "forward"} 1 hour during a stroke: the motor stops at the stroke limit`, () => {
      const sim = brokenGearBeforeLock();
      const start = sim.now();
      press(sim, "#");
      sim.advance(300);
      setClock(sim, hours * 3600);
      sim.advance(10000);
        assertRunsWithin(sim, start, strokeLimitMs(), "the clock set");
      assert.ok(logsSince(sim, start).some((l) => l.includes("jam")), "the lock says it jammed");
      assertRecovers(sim);
    });
  }

  /**
   * One lock, one unlock attempt per point: Espruino interrupts a callback at the n-th call into it
   * from the moment the trap is set (out of memory, say), so the rest of that callback and its catch
   * blocks never run. The trap is set before LOCK is pressed, or `beforeEndMs` before the first
   * stroke would end at its limit.
   */
  function interruptSweep(points: number, beforeEndMs?: number): void {
    const sim = brokenGearBeforeLock();
    const fake = espruinoOf(sim);
    assert.ok(fake);
    let strokeMs = 0;
    let hit = 0;
    for (let n = -1; n < points; n++) {
      sim.advance(6000); // a partial entry left by an interrupted key is gone
      press(sim, "*" + CODE);
      const start = sim.now();
      const before = sim.uncaught().length;
      // n = -1: no interrupt, to time the stroke
      if (n >= 0 && beforeEndMs === undefined) fake.interruptAt("*", n);
      press(sim, "#");
      if (n >= 0 && beforeEndMs !== undefined) {
        const run = motorRuns(sim, start)[0];
        assert.ok(run, `the stroke started (before call ${n})`);
        sim.advance(run.start + strokeMs - beforeEndMs - sim.now());
        fake.interruptAt("*", n);
      }
      sim.advance(8000);
      if (n < 0) strokeMs = motorRuns(sim, start)[0].ms;
      const lines = sim.uncaught().slice(before);
      hit += lines.filter((l) => l.includes("Execution Interrupted")).length;
      // an interrupt before the motor started may leave no run
      assertRunsWithin(sim, start, guardedLimitMs(), `interrupted at call ${n}`, true);
      assert.deepEqual(lines.filter((l) => !l.includes("Execution Interrupted")), [], `interrupted at call ${n}: nothing else escapes`);
    }
    assert.equal(hit, points, "every point interrupted a callback");
    assertRecovers(sim);
  }

  it("an interrupt at any call of the LOCK key's callback (no catch runs): the next callback stops the motor, and the lock recovers", () => {
    interruptSweep(60);
  });

  it("an interrupt at any call around the stroke's limit (no catch runs): the motor still stops, and the lock recovers", () => {
    interruptSweep(30, 50);
  });

  it("a free-spinning motor with the current sense reading nothing: every stroke ends at its limit", () => {
    const sim = brokenGearBeforeLock();
    const current = sim.board.wiring.current;
    assert.ok(current);
    espruinoOf(sim)?.setAnalog(current.pin, 0);
    const start = sim.now();
    press(sim, "#");
    sim.advance(10000);
    assertRunsWithin(sim, start, strokeLimitMs(), "no current reading");
    assertRecovers(sim);
  });
});
