import { strict as assert } from "assert";
import { LockRig } from "../support/rig";
import { installedLock, watch } from "../support/scenario";

const WRONG = { red: 1, green: 0, beeps: 1, longBeeps: 0 };
const LOW_BATTERY = { red: 10, green: 0, beeps: 10, longBeeps: 0 };
const FAIL = { red: 3, green: 0, beeps: 3, longBeeps: 0 };

function plus(a: typeof WRONG, b: typeof WRONG) {
  return { red: a.red + b.red, green: a.green + b.green, beeps: a.beeps + b.beeps, longBeeps: a.longBeeps + b.longBeeps };
}

/** lock and unlock `times` times: each stroke takes a rest reading first */
function cycle(rig: LockRig, times: number) {
  for (let i = 0; i < times; i++) rig.press("#").wait(16000).press("1234#").wait(16000);
}

describe("battery (SPEC 7)", () => {
  it("a fresh pack gives no warning", () => {
    const rig = installedLock();
    cycle(rig, 3);
    assert.deepEqual(
      watch(rig, () => rig.press("9999#")),
      WRONG,
    );
    assert.equal(rig.status().battery.level, "OK");
  });

  it("three low rest readings in a row: LOW_BATTERY after every keypad operation", () => {
    const rig = installedLock();
    rig.openVolts = 4.7;
    cycle(rig, 2);
    assert.equal(rig.status().battery.level, "LOW");
    assert.deepEqual(
      watch(rig, () => rig.press("9999#"), 20000),
      plus(WRONG, LOW_BATTERY),
    );
  });

  it("a pack fine at rest that sags under the motor is caught by the loaded readings", () => {
    const rig = installedLock({ internalOhms: 6 });
    rig.openVolts = 5.2; // 0.15 A running through 6 ohms: 4.3 V while the motor runs
    cycle(rig, 2);
    const b = rig.status().battery;
    assert.ok(b.rest > 5, `rest ${b.rest}`);
    assert.ok(b.loaded <= 4.4, `loaded ${b.loaded}`);
    assert.equal(b.level, "LOW");
  });

  it("CRITICAL refuses programming with FAIL", () => {
    const rig = installedLock();
    rig.openVolts = 4.4;
    cycle(rig, 2);
    assert.equal(rig.status().battery.level, "CRITICAL");
    assert.deepEqual(
      watch(rig, () => rig.program(), 5000),
      FAIL,
    );
  });

  it("DEAD: no stroke starts, LOW_BATTERY instead; the key still works", () => {
    const rig = installedLock();
    rig.openVolts = 4.1;
    cycle(rig, 2);
    assert.equal(rig.status().battery.level, "DEAD");
    rig.turnKey("locked");
    const runs = rig.motorRuns.length;
    const s = watch(rig, () => rig.press("1234#"), 20000);
    assert.equal(s.red, 10);
    assert.equal(rig.motorRuns.length, runs);
    assert.equal(rig.bolt, "extended");
    rig.turnKey("unlocked");
    assert.equal(rig.status().locked, false);
  });

  it("fresh cells clear the level", () => {
    const rig = installedLock();
    rig.openVolts = 4.4;
    cycle(rig, 2);
    rig.powerOff();
    rig.openVolts = 6.2;
    rig.powerOn().wait(3000);
    assert.equal(rig.status().battery.level, "OK");
    assert.deepEqual(
      watch(rig, () => rig.press("9999#")),
      WRONG,
    );
  });

  it("one low reading is not enough", () => {
    const rig = installedLock();
    rig.openVolts = 4.6;
    rig.press("#").wait(6000);
    rig.openVolts = 6.0;
    cycle(rig, 1);
    assert.equal(rig.status().battery.level, "OK");
  });
});
