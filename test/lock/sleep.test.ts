import { strict as assert } from "assert";
import * as sinon from "sinon";
import { installedLock, watch } from "../support/scenario";

// Between activities the lock is idle: no timer is armed and the motor is off, so the chip can sleep
// until a pin changes (SPEC 10). The lock stays resident: it keeps everything it knows across idle
// spells, and nothing a person sees depends on them.
describe("the lock is idle whenever nothing is in progress", () => {
  it("after power-up and door handing it is idle, with no timer armed", () => {
    const rig = installedLock();
    assert.equal(rig.idle(), true);
    assert.equal(rig.timersArmed(), 0);
  });

  it("a key press wakes it; it stays busy while a code is half typed and is idle once the entry times out", () => {
    const rig = installedLock();
    rig.press("12");
    assert.equal(rig.idle(), false);
    rig.wait(10000);
    assert.equal(rig.idle(), true);
    // the half-typed digits went with the entry timeout: 34# alone is a wrong code
    assert.deepEqual(
      watch(rig, () => rig.press("34#")),
      { red: 1, green: 0, beeps: 1, longBeeps: 0 },
    );
  });

  it("it is idle again after an unlock and a lock have finished", () => {
    const rig = installedLock({ bolt: "locked" });
    assert.equal(rig.bolt, "extended");
    assert.equal(rig.idle(), true);
    rig.press("1234#").wait(15000);
    assert.equal(rig.bolt, "retracted");
    assert.equal(rig.idle(), true);
  });

  it("wrong codes count towards the lockout across idle spells: three within 60 s lock the keypad", () => {
    const rig = installedLock();
    rig.press("1111#").wait(15000);
    assert.equal(rig.idle(), true);
    rig.press("2222#").wait(15000);
    assert.equal(rig.idle(), true);
    rig.press("3333#").wait(3000);
    assert.equal(rig.status().lockedOut, true);
    // the right code is refused while the lockout runs
    rig.wait(10000).press("1234#").wait(5000);
    assert.equal(rig.bolt, "retracted");
    assert.equal(rig.status().lockedOut, true);
  });

  it("the key turned by hand, and it follows the bolt", () => {
    const rig = installedLock();
    rig.turnKey("locked").wait(5000);
    assert.equal(rig.status().locked, true);
    assert.equal(rig.idle(), true);
  });

  it("asking for the status while it is idle answers without waking it", () => {
    const rig = installedLock();
    const status = rig.status();
    assert.equal(status.mode, "ready");
    assert.equal(status.codes, 1);
    assert.equal(rig.idle(), true);
  });

  it("reads the record from flash once, at power-up: a key press reads back only the event it appended", () => {
    const rig = installedLock();
    const read = sinon.spy(rig.chip.flash, "read");
    const storage = sinon.spy(rig.flash, "read");
    try {
      const events = rig.journal().events.length;
      rig.press("1234#").wait(15000).press("9999#").wait(15000);
      const appended = rig.journal().events.length - events;
      assert.ok(appended >= 1, `the wrong code is logged (${appended})`);
      assert.equal(read.callCount, appended, "one read back per event");
      for (const call of read.getCalls()) assert.equal(call.args[0], 8, "of its 8 bytes");
      assert.equal(storage.callCount, 0, "Storage is not read");
    } finally {
      read.restore();
      storage.restore();
    }
  });
});
