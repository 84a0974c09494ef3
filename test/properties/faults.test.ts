// Watchdog and faults on the real proto-pico image in the simulator: the watchdog is on in its
// self-kicking mode; an error thrown while the lock works (an ADC read, a Storage call) stops the
// motor, escapes nowhere, and leaves the lock opening for the next valid code; Espruino running low
// on memory is said once at the console and the lock keeps working.
import { strict as assert } from "assert";
import type { Simulation } from "../../sim/engine";
import { assertCodeOpens, CODE, lockedLock, logsSince, motorRuns, press } from "./door";
import { boardAndImage, espruinoOf, motorPinsLow, newLock, skipWithoutImage } from "./image";

/** At the lock's console: analogRead throws for `ms` on `pins` (names, or "*" for every pin). */
function adcThrowsFor(sim: Simulation, pins: string[], ms: number): void {
  sim.console(`(function () { var real = analogRead, until = getTime() * 1000 + ${ms};
    analogRead = function (p) {
      if (getTime() * 1000 < until && ${JSON.stringify(pins)}.some(function (n) { return n === "*" || n === String(p); }))
        throw new Error("ADC fault");
      return real(p); }; })()`);
}

/** At the lock's console: digitalRead throws for `ms` on `pins` (names). */
function pinReadThrowsFor(sim: Simulation, pins: string[], ms: number): void {
  sim.console(`(function () { var real = digitalRead, until = getTime() * 1000 + ${ms};
    digitalRead = function (p) {
      var faulty = (Array.isArray(p) ? p : [p]).some(function (x) { return ${JSON.stringify(pins)}.indexOf(String(x)) >= 0; });
      if (getTime() * 1000 < until && faulty) throw new Error("pin fault");
      return real(p); }; })()`);
}

describe("watchdog and faults, on the real image", function () {
  this.timeout(20000);

  before(function () {
    skipWithoutImage(this);
  });

  it("the watchdog is on at every power-up, self-kicking, so only a hang resets the lock", () => {
    const sim = newLock();
    const seconds = boardAndImage().board.wiring.watchdogSeconds;
    assert.ok(seconds > 0, "proto-pico has a watchdog");
    for (let cycle = 0; cycle < 2; cycle++) {
      sim.powerOn();
      assert.deepEqual(espruinoOf(sim)?.watchdog(), { seconds, auto: true, lastKickMs: 0, bittenAtMs: undefined });
      sim.advance(3600 * 1000); // an idle hour: a watchdog that needs kicking would have bitten
      assert.equal(espruinoOf(sim)?.watchdog()?.bittenAtMs, undefined);
      sim.powerOff();
    }
  });

  it("an ADC read that throws during a stroke stops the motor at once; nothing escapes; the next code opens", () => {
    const sim = lockedLock();
    const current = sim.board.wiring.current;
    assert.ok(current, "proto-pico senses motor current");
    press(sim, CODE);
    const start = sim.now();
    adcThrowsFor(sim, [current.pin], 2000);
    press(sim, "#");
    sim.advance(2000);
    const runs = motorRuns(sim, start);
    assert.equal(runs.length, 1, "the stroke started");
    assert.ok(runs[0].ms <= 20, `the motor stopped at the first failing sample, not after ${runs[0].ms} ms`);
    assert.ok(motorPinsLow(sim), "both motor pins are low");
    assert.deepEqual(sim.uncaught(), []);
    assert.ok(logsSince(sim, start).some((l) => l.includes("error: Error: ADC fault")), "the lock says what went wrong");
    assertCodeOpens(sim);
    assert.deepEqual(sim.uncaught(), []);
  });

  it("a bolt switch read that throws during a stroke stops the motor at once; nothing escapes; the next code opens", () => {
    const sim = lockedLock();
    const bolt = sim.board.wiring.bolt;
    press(sim, CODE);
    const start = sim.now();
    pinReadThrowsFor(sim, [bolt.retracted, bolt.extended], 2000);
    press(sim, "#");
    sim.advance(3000);
    const runs = motorRuns(sim, start);
    assert.equal(runs.length, 1, "the stroke started");
    // the first switch edge of the stroke (leaving "extended") is the first read, and it throws
    assert.ok(runs[0].ms < 1000, `the motor stopped at the failing read, not after ${runs[0].ms} ms`);
    assert.ok(motorPinsLow(sim), "both motor pins are low");
    assert.deepEqual(sim.uncaught(), []);
    assert.ok(logsSince(sim, start).some((l) => l.includes("error: Error: pin fault")), "the lock says what went wrong");
    assertCodeOpens(sim);
    assert.deepEqual(sim.uncaught(), []);
  });

  it("a keypad read that throws is reported, nothing escapes, and the keypad works again after", () => {
    const sim = lockedLock();
    const start = sim.now();
    const keypad = sim.board.wiring.keypad;
    const rows = keypad.type === "matrix" ? keypad.rows : keypad.pins;
    pinReadThrowsFor(sim, rows, 1000);
    press(sim, "5");
    sim.advance(2000);
    assert.deepEqual(sim.uncaught(), []);
    assert.ok(logsSince(sim, start).some((l) => l.includes("error: Error: pin fault")), "the lock says what went wrong");
    assertCodeOpens(sim);
  });

  it("an ADC that throws on every pin: no stroke starts, nothing escapes, the next code opens", () => {
    const sim = lockedLock();
    press(sim, CODE);
    const start = sim.now();
    adcThrowsFor(sim, ["*"], 1000);
    press(sim, "#");
    sim.advance(1500);
    assert.deepEqual(motorRuns(sim, start), [], "the rest reading before the stroke failed: the motor never ran");
    assert.ok(motorPinsLow(sim));
    assert.deepEqual(sim.uncaught(), []);
    assertCodeOpens(sim);
  });

  it("flash failing while the lock saves: the motor stays off, nothing escapes, the next code opens", () => {
    const sim = lockedLock();
    // three wrong codes: a lockout; after it, the next valid code clears the escalation, and saves
    press(sim, "9999#9999#9999#");
    sim.advance(61000);
    const flash = sim.boardFlash.flash;
    const read = flash.read;
    let reads = 0;
    flash.read = () => {
      reads++;
      throw new Error("flash read failed");
    };
    const start = sim.now();
    try {
      press(sim, CODE + "#");
      sim.advance(3000);
    } finally {
      flash.read = read;
    }
    assert.ok(reads > 0, "the lock saved (and read back) when the code cleared the escalation");
    assert.deepEqual(motorRuns(sim, start), [], "a save that fails before the stroke stops it from starting");
    assert.ok(motorPinsLow(sim));
    assert.deepEqual(sim.uncaught(), []);
    assert.ok(logsSince(sim, start).some((l) => l.includes("fault: motor stopped")));
    assertCodeOpens(sim);
  });

  it("flash refusing a write: the lock still opens, nothing escapes", () => {
    const sim = lockedLock();
    press(sim, "9999#9999#9999#");
    sim.advance(61000);
    const flash = sim.boardFlash.flash;
    const write = flash.write;
    let writes = 0;
    flash.write = () => {
      writes++;
      throw new Error("flash write failed");
    };
    try {
      assertCodeOpens(sim);
    } finally {
      flash.write = write;
    }
    assert.ok(writes > 0, "the lock tried to save");
    assert.deepEqual(sim.uncaught(), []);
  });

  it("low memory is said once at the console after a key press, and the lock keeps working", () => {
    const sim = lockedLock();
    const fake = espruinoOf(sim);
    assert.ok(fake);
    const lowMemoryLines = () => sim.timeline.logs().filter((l) => l.text.includes("LOW MEMORY")).length;
    assert.equal(lowMemoryLines(), 0);
    fake.setErrorFlags(["LOW_MEMORY"]);
    press(sim, "1");
    assert.equal(lowMemoryLines(), 1, "said at the first key press after it happened");
    press(sim, "234#");
    sim.advance(4000);
    assert.equal(lowMemoryLines(), 1, "once per occurrence, not once per key");
    assert.ok(sim.mechanism.position < 0.02, "the code still opens the lock");
    fake.setErrorFlags(["LOW_MEMORY"]);
    press(sim, "#");
    assert.equal(lowMemoryLines(), 2, "a new occurrence is said again");
    assert.deepEqual(sim.uncaught(), []);
  });
});
