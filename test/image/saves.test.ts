// What the lock writes to flash, and what it says about it (issue 16), on the real proto-pico image in
// the simulator: a change shows OK only once it is in flash, else FAIL and the lock keeps what flash
// holds; no write while the motor runs; a lockout costs at most one write. Flash writes are counted
// at the flash model (any Storage call that programs or erases), whatever the persistence layer.
import { strict as assert } from "assert";
import type { Simulation } from "../../sim/engine";
import { CODE, lockedLock, lockedOut, logsSince, motorRuns, patternsSince, press, program } from "../properties/door";
import { recordFlashWrites } from "../properties/flash-writes";
import { boardAndImage, espruinoOf, skipWithoutImage } from "../properties/image";

const NEW_CODE = "5678";
/** what Espruino throws when Storage cannot write (flash full, or worn out); Flash refuses the same way */
const REFUSED = "Unable to find or create file";
const STORAGE_WRITES = ["Storage.write", "Storage.writeJSON", "Storage.erase", "Storage.compact", "Flash.write", "Flash.erasePage"];

function refuseStorageWrites(sim: Simulation, refuse: boolean): void {
  for (const name of STORAGE_WRITES) {
    espruinoOf(sim)?.replace(
      name,
      refuse
        ? () => {
            throw new Error(REFUSED);
          }
        : undefined,
    );
  }
}

/** locked again if need be, then `code` + LOCK: true when it retracts the bolt */
function opensWith(sim: Simulation, code: string): boolean {
  if (sim.mechanism.position < 0.5) {
    press(sim, "#");
    sim.advance(4000);
  }
  press(sim, code + "#");
  sim.advance(4000);
  return sim.mechanism.position < 0.02;
}

function powerCycle(sim: Simulation): void {
  sim.powerOff();
  sim.advance(1000);
  sim.powerOn();
  sim.advance(3000);
}

describe("saves, on the real image", function () {
  this.timeout(60000);

  before(function () {
    skipWithoutImage(this);
  });

  it("flash refusing writes: adding a code gives FAIL and a log line; the new code opens neither now nor after a power cycle", () => {
    const sim = lockedLock();
    refuseStorageWrites(sim, true);
    const start = sim.now();
    program(sim, NEW_CODE + "#");
    refuseStorageWrites(sim, false);
    assert.deepEqual(patternsSince(sim, start), ["PROGRAM", "FAIL"]);
    assert.ok(logsSince(sim, start).some((l) => l.includes("save failed")), `the console says the save failed: ${logsSince(sim, start).join(" / ")}`);
    assert.equal(opensWith(sim, NEW_CODE), false, "the code that was not saved does not open now");
    powerCycle(sim);
    assert.equal(opensWith(sim, NEW_CODE), false, "nor after a power cycle");
    assert.equal(opensWith(sim, CODE), true, "the old code still opens");
  });

  it("flash refusing writes: deleting a code gives FAIL; the code still opens, now and after a power cycle", () => {
    const sim = lockedLock();
    refuseStorageWrites(sim, true);
    const start = sim.now();
    program(sim, `*#${CODE}#${CODE}#`);
    refuseStorageWrites(sim, false);
    assert.deepEqual(patternsSince(sim, start), ["PROGRAM", "FAIL"]);
    assert.ok(logsSince(sim, start).some((l) => l.includes("save failed")), "the console says the save failed");
    assert.equal(opensWith(sim, CODE), true, "the code that could not be deleted still opens");
    powerCycle(sim);
    assert.equal(opensWith(sim, CODE), true, "and after a power cycle");
  });

  it("no flash write while the motor runs: a lockout that ends during an auto-lock stroke", () => {
    const lockoutMs = boardAndImage().board.config.lockoutMs;
    const delayMs = boardAndImage().board.config.autoLockDelayMs;
    const sim = lockedLock({ autoLock: true });
    const writes = recordFlashWrites(sim);
    press(sim, "9999#9999#9999");
    const began = sim.now();
    press(sim, "#");
    assert.ok(lockedOut(sim), "three wrong codes: a lockout");
    // unlocked by hand so that auto-lock starts its stroke just before the lockout ends
    const turnMs = 500;
    sim.advance(began + lockoutMs - delayMs - 300 - turnMs - sim.now());
    sim.turnKey(0, turnMs);
    sim.advance(delayMs + 5000);
    const end = began + lockoutMs;
    const stroke = motorRuns(sim, began).find((r) => r.start <= end && end <= r.start + r.ms);
    assert.ok(stroke, `an auto-lock stroke ran while the lockout ended: ${JSON.stringify(motorRuns(sim, began))}`);
    assert.ok(!lockedOut(sim), "the lockout is over");
    assert.ok(sim.mechanism.position > 0.98, "auto-lock locked the door");
    assert.deepEqual(writes.filter((w) => w.motorDriven), [], "no flash write while the motor ran");
  });

  it("an attacker at the keypad, lockout after lockout up to the longest and on: at most one flash write per lockout", () => {
    const { lockoutMs, maxLockoutMs } = boardAndImage().board.config;
    const sim = lockedLock();
    const writes = recordFlashWrites(sim);
    const starts: number[] = [];
    let length = lockoutMs;
    press(sim, "9999#9999#");
    for (let n = 0; n < 8; n++) {
      starts.push(sim.now());
      press(sim, "9999#");
      assert.ok(lockedOut(sim), `wrong code ${n + 3}: lockout ${n + 1}`);
      sim.advance(length + 1000);
      length = Math.min(length * 2, maxLockoutMs);
    }
    assert.ok(length === maxLockoutMs && starts.length > 5, "the attack reached the longest lockout and went on");
    for (let n = 0; n < starts.length; n++) {
      const until = n + 1 < starts.length ? starts[n + 1] : sim.now();
      const during = writes.filter((w) => w.t >= starts[n] && w.t < until);
      assert.ok(during.length <= 1, `lockout ${n + 1}: ${during.length} flash writes (${during.map((w) => w.call).join(", ")})`);
    }
    assert.equal(sim.mechanism.position > 0.98, true, "still locked");
  });
});
