import { strict as assert } from "assert";
import * as sinon from "sinon";
import { installedLock, watch } from "../support/scenario";

// Between activities the lock sleeps: the shell keeps its state as data and drops the awake lock
// (firmware/shell.ts), which is made again at the next input. Nothing a person sees may change.
describe("the lock sleeps whenever nothing is in progress", () => {
  it("after power-up and door handing it sleeps, with no timer armed", () => {
    const rig = installedLock();
    assert.equal(rig.shell.awake(), false);
    assert.equal(rig.timersArmed(), 0);
  });

  it("a key press wakes it; it stays awake while a code is half typed and sleeps once the entry times out", () => {
    const rig = installedLock();
    rig.press("12");
    assert.equal(rig.shell.awake(), true);
    rig.wait(10000);
    assert.equal(rig.shell.awake(), false);
    // the half-typed digits went with the entry timeout: 34# alone is a wrong code
    assert.deepEqual(
      watch(rig, () => rig.press("34#")),
      { red: 1, green: 0, beeps: 1, longBeeps: 0 },
    );
  });

  it("it sleeps again after an unlock and a lock have finished", () => {
    const rig = installedLock({ bolt: "locked" });
    assert.equal(rig.bolt, "extended");
    assert.equal(rig.shell.awake(), false);
    rig.press("1234#").wait(15000);
    assert.equal(rig.bolt, "retracted");
    assert.equal(rig.shell.awake(), false);
  });

  it("wrong codes count towards the lockout across sleeps: three within 60 s lock the keypad", () => {
    const rig = installedLock();
    rig.press("1111#").wait(15000);
    assert.equal(rig.shell.awake(), false);
    rig.press("2222#").wait(15000);
    assert.equal(rig.shell.awake(), false);
    rig.press("3333#").wait(3000);
    assert.equal(rig.shell.status().lockedOut, true);
    // the right code is refused while the lockout runs
    rig.wait(10000).press("1234#").wait(5000);
    assert.equal(rig.bolt, "retracted");
    assert.equal(rig.shell.status().lockedOut, true);
  });

  it("the key turned by hand wakes it, and it follows the bolt", () => {
    const rig = installedLock();
    rig.turnKey("locked").wait(5000);
    assert.equal(rig.shell.status().locked, true);
    assert.equal(rig.shell.awake(), false);
  });

  it("asking for the status while it sleeps answers without waking it", () => {
    const rig = installedLock();
    const status = rig.shell.status();
    assert.equal(status.mode, "ready");
    assert.equal(status.codes, 1);
    assert.equal(rig.shell.awake(), false);
  });

  it("reads the record from flash once, at power-up, not at each wake-up", () => {
    const rig = installedLock();
    const read = sinon.spy(rig.flash, "read");
    try {
      rig.press("1234#").wait(15000).press("9999#").wait(15000);
      assert.equal(read.callCount, 0);
    } finally {
      read.restore();
    }
  });
});
