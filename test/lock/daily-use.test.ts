import { strict as assert } from "assert";
import { LockRig } from "../support/rig";
import { EVENT } from "../../tools/journal/format";
import { installedLock, seen, watch } from "../support/scenario";

function autoLockOn(rig: LockRig) {
  rig.program().wait(1500).press("*1#").wait(3000);
}

describe("auto-lock (SPEC 5)", () => {
  it("is off by default: the bolt stays retracted", () => {
    const rig = installedLock({ bolt: "locked" });
    rig.press("1234#").wait(120000);
    assert.equal(rig.bolt, "retracted");
  });

  it("extends the bolt 30 s after a keypad unlock", () => {
    const rig = installedLock({ bolt: "locked" });
    autoLockOn(rig);
    rig.press("1234#").wait(4000);
    assert.equal(rig.bolt, "retracted");
    const unlockedAt = rig.motorRuns[rig.motorRuns.length - 1].end;
    rig.wait(unlockedAt + 29000 - rig.clock.now());
    assert.equal(rig.bolt, "retracted", "not before 30 s");
    rig.wait(4000);
    assert.equal(rig.bolt, "extended");
  });

  it("extends the bolt 30 s after the key unlocks it by hand", () => {
    const rig = installedLock({ bolt: "locked" });
    autoLockOn(rig);
    rig.turnKey("unlocked");
    rig.wait(28000);
    assert.equal(rig.bolt, "retracted");
    rig.wait(5000);
    assert.equal(rig.bolt, "extended");
  });

  it("any key press restarts the delay", () => {
    const rig = installedLock({ bolt: "locked" });
    autoLockOn(rig);
    rig.press("1234#").wait(20000);
    rig.press("5").wait(20000);
    assert.equal(rig.bolt, "retracted", "20 s after the key press");
    rig.wait(12000);
    assert.equal(rig.bolt, "extended");
  });

  it("is inactive while no user code exists", () => {
    const rig = new LockRig().powerOn().wait(15000);
    autoLockOn(rig);
    rig.turnKey("locked").turnKey("unlocked").wait(60000);
    assert.equal(rig.bolt, "retracted");
  });
});

describe("status LED (SPEC 5)", () => {
  it("is off by default", () => {
    const rig = installedLock();
    const from = rig.clock.now();
    rig.wait(30000);
    assert.equal(seen(rig, from).green + seen(rig, from).red, 0);
  });

  it("flashes every 6 s: green unlocked, red and green locked", () => {
    const rig = installedLock();
    rig.program().wait(1500).press("*4#").wait(3000);
    let from = rig.clock.now();
    rig.wait(60000);
    const unlocked = seen(rig, from);
    assert.ok(unlocked.green >= 9 && unlocked.green <= 11, `green ${unlocked.green}`);
    assert.equal(unlocked.red, 0);
    rig.press("#").wait(6000);
    from = rig.clock.now();
    rig.wait(60000);
    const locked = seen(rig, from);
    assert.ok(locked.green >= 9 && locked.red >= 9, JSON.stringify(locked));
  });
});

describe("manual operation (SPEC 5)", () => {
  it("the lock follows a key turn and reports it, without running the motor", () => {
    const rig = installedLock();
    const runs = rig.motorRuns.length;
    rig.turnKey("locked");
    assert.equal(rig.bolt, "extended");
    assert.equal(rig.motorRuns.length, runs);
    assert.equal(rig.status().locked, true);
    rig.press("1234#").wait(8000);
    assert.equal(rig.bolt, "retracted", "a code now unlocks it");
  });
});

describe("feedback (SPEC 2)", () => {
  it("patterns never overlap: two WRONGs play one after the other", () => {
    const rig = installedLock();
    const from = rig.clock.now();
    rig.press("9#").press("8#").wait(5000);
    const pulses = [...rig.red, ...rig.green, ...rig.buzz].filter((p) => p.start >= from).sort((a, b) => a.start - b.start);
    for (let i = 1; i < pulses.length; i++) assert.ok(pulses[i].start >= pulses[i - 1].end, "one output at a time");
    assert.deepEqual(seen(rig, from), { red: 2, green: 0, beeps: 2, longBeeps: 0 });
  });

  it("flashes are 100-300 ms with at least 100 ms off, beeps 50-300 ms", () => {
    const rig = installedLock();
    const from = rig.clock.now();
    rig.press("1111#2222#3333#").wait(15000);
    for (const p of [...rig.red, ...rig.green].filter((q) => q.start >= from)) {
      assert.ok(p.end - p.start >= 100 && p.end - p.start <= 300);
    }
    const reds = rig.red.filter((q) => q.start >= from);
    for (let i = 1; i < reds.length; i++) assert.ok(reds[i].start - reds[i - 1].end >= 100);
    for (const p of rig.buzz.filter((q) => q.start >= from)) assert.ok(p.end - p.start >= 50 && p.end - p.start <= 300);
  });
});

describe("idle (SPEC 10)", () => {
  it("once nothing is happening, no timer is armed", () => {
    const rig = installedLock({ bolt: "locked" });
    rig.press("1234#").wait(20000);
    assert.equal(rig.timersArmed(), 0);
    rig.press("12").wait(6000);
    assert.equal(rig.timersArmed(), 0, "after a discarded entry");
  });

  it("a wrong code writes no state to flash, only its event", () => {
    const rig = installedLock();
    const before = rig.journal();
    rig.press("9999#").wait(3000);
    const after = rig.journal();
    assert.deepEqual(after.record, before.record, "the record is the same one");
    assert.deepEqual(after.lockout, before.lockout);
    assert.deepEqual(after.events.slice(before.events.length).map((e) => e.kind), [EVENT.WRONG_CODE]);
  });
});

describe("auto-lock after a jam", () => {
  it("does not try again by itself after the bolt jammed while locking", () => {
    const rig = installedLock({ bolt: "locked" });
    rig.program().wait(1500).press("*1#").wait(3000);
    rig.press("1234#").wait(4000);
    rig.mechanism.obstruct("extend", 0.5);
    rig.wait(40000); // auto-lock runs, jams, drives back
    assert.equal(rig.bolt, "retracted");
    const runs = rig.motorRuns.length;
    rig.wait(120000);
    assert.equal(rig.motorRuns.length, runs, "no further auto-lock attempts");
    rig.mechanism.clearObstructions();
    rig.press("1234#").wait(35000);
    assert.equal(rig.bolt, "extended", "after the next valid code, auto-lock works again");
  });
});
