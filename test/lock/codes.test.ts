import { strict as assert } from "assert";
import { installedLock, seen, watch } from "../support/scenario";

const OK = { red: 0, green: 1, beeps: 1, longBeeps: 0 };
const WRONG = { red: 1, green: 0, beeps: 1, longBeeps: 0 };

describe("codes at the keypad (SPEC 3)", () => {
  it("a valid code while locked retracts the bolt, then shows OK", () => {
    const rig = installedLock({ bolt: "locked" });
    assert.equal(rig.bolt, "extended");
    const from = rig.clock.now();
    rig.press("1234#").wait(8000);
    assert.equal(rig.bolt, "retracted");
    assert.deepEqual(seen(rig, from), OK);
    const motorStopped = rig.motorRuns[rig.motorRuns.length - 1].end;
    assert.ok(rig.green[rig.green.length - 1].start >= motorStopped, "OK comes after the bolt has moved");
  });

  it("a valid code while unlocked gives OK without moving the bolt", () => {
    const rig = installedLock();
    const runs = rig.motorRuns.length;
    assert.deepEqual(
      watch(rig, () => rig.press("1234#")),
      OK,
    );
    assert.equal(rig.motorRuns.length, runs);
    assert.equal(rig.bolt, "retracted");
  });

  it("LOCK alone while unlocked extends the bolt, then OK (one-touch locking)", () => {
    const rig = installedLock();
    assert.deepEqual(
      watch(rig, () => rig.press("#")),
      OK,
    );
    assert.equal(rig.bolt, "extended");
  });

  it("with one-touch locking off, LOCK alone does nothing", () => {
    const rig = installedLock();
    rig.program().press("*3#").wait(5000); // toggles one-touch off
    const s = watch(rig, () => rig.press("#"));
    assert.deepEqual(s, { red: 0, green: 0, beeps: 0, longBeeps: 0 });
    assert.equal(rig.bolt, "retracted");
  });

  it("a wrong code gives WRONG and the bolt stays", () => {
    const rig = installedLock({ bolt: "locked" });
    assert.deepEqual(
      watch(rig, () => rig.press("9999#")),
      WRONG,
    );
    assert.equal(rig.bolt, "extended");
  });

  it("the mastercode never unlocks", () => {
    const rig = installedLock({ bolt: "locked" });
    rig.programDown().wait(5200).programUp().press("5678#").press("5678#").wait(5000);
    assert.deepEqual(
      watch(rig, () => rig.press("5678#")),
      WRONG,
    );
    assert.equal(rig.bolt, "extended");
  });

  it("5 s without a key discards a partial entry silently", () => {
    const rig = installedLock({ bolt: "locked" });
    const s = watch(rig, () => rig.press("12").wait(5100), 0);
    assert.deepEqual(s, { red: 0, green: 0, beeps: 0, longBeeps: 0 });
    assert.deepEqual(
      watch(rig, () => rig.press("34#")),
      WRONG,
    );
    assert.equal(rig.bolt, "extended");
  });

  it("a pause under 5 s keeps the entry", () => {
    const rig = installedLock({ bolt: "locked" });
    rig.press("12").wait(4500).press("34#").wait(8000);
    assert.equal(rig.bolt, "retracted");
  });

  it("CLEAR discards the entry at once", () => {
    const rig = installedLock({ bolt: "locked" });
    rig.press("99*1234#").wait(8000);
    assert.equal(rig.bolt, "retracted");
  });

  it("an entry longer than 8 digits is a wrong code, even if it starts with a valid one", () => {
    const rig = installedLock({ bolt: "locked", codes: ["12345678"] });
    assert.deepEqual(
      watch(rig, () => rig.press("123456789#")),
      WRONG,
    );
    assert.equal(rig.bolt, "extended");
  });

  it("an entry of 1,000 digits is one wrong code and the lock still works", () => {
    const rig = installedLock({ bolt: "locked" });
    const from = rig.clock.now();
    for (let i = 0; i < 1000; i++) rig.press(String(i % 10)).wait(0);
    rig.press("#").wait(3000);
    assert.deepEqual(seen(rig, from), WRONG);
    rig.press("1234#").wait(8000);
    assert.equal(rig.bolt, "retracted");
  });
});

describe("wrong codes and lockout (SPEC 3)", () => {
  it("the third wrong code within 60 s gives LOCKOUT and the keypad ignores everything for 60 s", () => {
    const rig = installedLock({ bolt: "locked" });
    rig.press("1111#").wait(2000).press("2222#").wait(2000);
    const s = watch(rig, () => rig.press("3333#"), 14000);
    assert.deepEqual(s, { red: 15, green: 0, beeps: 15, longBeeps: 0 });
    // during the lockout a key press gives one red flash and a valid code is ignored
    const during = watch(rig, () => rig.press("1234#"), 3000);
    assert.deepEqual(during, { red: 5, green: 0, beeps: 0, longBeeps: 0 });
    assert.equal(rig.bolt, "extended");
    rig.wait(60000);
    rig.press("1234#").wait(8000);
    assert.equal(rig.bolt, "retracted");
  });

  it("three wrong codes spread over more than 60 s give three WRONGs, no lockout", () => {
    const rig = installedLock({ bolt: "locked" });
    rig.press("1111#").wait(31000).press("2222#").wait(31000);
    assert.deepEqual(
      watch(rig, () => rig.press("3333#")),
      WRONG,
    );
    rig.press("1234#").wait(8000);
    assert.equal(rig.bolt, "retracted");
  });

  it("after a lockout, each wrong code starts the next at once, twice as long, up to 960 s", () => {
    const rig = installedLock({ bolt: "locked" });
    rig.press("1111#2222#3333#").wait(61000 + 12000);
    const lengths: number[] = [];
    for (let i = 0; i < 6; i++) {
      const from = rig.clock.now();
      const s = watch(rig, () => rig.press("4444#"), 12000);
      assert.equal(s.red, 15, `lockout ${i + 2} starts at once`);
      // probe with CLEAR once a second: during a lockout each press gives one red flash
      let end = rig.clock.now();
      while (watch(rig, () => rig.press("*"), 700).red > 0) end = rig.clock.now();
      lengths.push(Math.round((end - from) / 10000) * 10);
    }
    assert.deepEqual(lengths, [120, 240, 480, 960, 960, 960]);
  });

  it("a valid code clears the count and the escalation", () => {
    const rig = installedLock({ bolt: "locked" });
    rig.press("1111#2222#3333#").wait(75000); // lockout, and it ends
    rig.press("1234#").wait(8000).press("#").wait(6000);
    assert.equal(rig.bolt, "extended");
    // two wrong codes are WRONG again, not a new lockout
    assert.deepEqual(
      watch(rig, () => rig.press("1111#")),
      WRONG,
    );
    assert.deepEqual(
      watch(rig, () => rig.press("2222#")),
      WRONG,
    );
  });

  it("a lockout survives power loss and starts again in full", () => {
    const rig = installedLock({ bolt: "locked" });
    rig.press("1111#2222#3333#").wait(40000);
    rig.powerOff().wait(1000).powerOn().wait(1000);
    const start = rig.clock.now();
    rig.wait(55000);
    rig.press("1234#").wait(4000);
    assert.equal(rig.bolt, "extended", "still locked out 55 s after power returned");
    rig.wait(Math.max(0, start + 61000 - rig.clock.now()));
    rig.press("1234#").wait(8000);
    assert.equal(rig.bolt, "retracted");
  });
});
