import { strict as assert } from "assert";
import { LockRig } from "../support/rig";
import { installedLock, seen, watch } from "../support/scenario";

const OK = { red: 0, green: 1, beeps: 1, longBeeps: 0 };
const FAIL = { red: 3, green: 0, beeps: 3, longBeeps: 0 };
const PROGRAM = OK;
const OFF = { red: 0, green: 2, beeps: 2, longBeeps: 0 };
const TIMEOUT = { red: 3, green: 0, beeps: 3, longBeeps: 0 };
const NOTHING = { red: 0, green: 0, beeps: 0, longBeeps: 0 };

/** the lock opens with this code (it starts locked) */
function opensWith(rig: LockRig, code: string): boolean {
  rig.press("#").wait(6000);
  rig.press(code + "#").wait(8000);
  return rig.bolt === "retracted";
}

describe("programming (SPEC 4)", () => {
  it("a short Program press enters programming with PROGRAM", () => {
    const rig = installedLock();
    assert.deepEqual(
      watch(rig, () => rig.programDown().wait(300).programUp(), 2000),
      PROGRAM,
    );
  });

  it("adds a user code with digits + LOCK, and the new code opens the lock", () => {
    const rig = installedLock();
    rig.program().wait(1500);
    assert.deepEqual(
      watch(rig, () => rig.press("2468#"), 3000),
      OK,
    );
    assert.ok(opensWith(rig, "2468"));
  });

  it("one Program press allows one operation", () => {
    const rig = installedLock();
    rig.program().wait(1500).press("2468#").wait(3000);
    // the next entry is an ordinary code again, not a second added code
    assert.deepEqual(
      watch(rig, () => rig.press("1357#")),
      { red: 1, green: 0, beeps: 1, longBeeps: 0 },
    );
  });

  for (const [why, code] of [
    ["a duplicate", "1234"],
    ["three digits", "123"],
    ["nine digits", "123456789"],
  ]) {
    it(`refuses ${why} with FAIL`, () => {
      const rig = installedLock();
      rig.program().wait(1500);
      assert.deepEqual(
        watch(rig, () => rig.press(code + "#"), 4000),
        FAIL,
      );
    });
  }

  it("refuses a 31st code with FAIL", () => {
    const rig = installedLock();
    for (let i = 1; i < 30; i++) rig.program().wait(1000).press(String(5000 + i) + "#").wait(1500);
    rig.program().wait(1000);
    assert.deepEqual(
      watch(rig, () => rig.press("9999#"), 4000),
      FAIL,
    );
    rig.program().wait(1000).press("*#5001#5001#").wait(2000); // delete one
    rig.program().wait(1000);
    assert.deepEqual(
      watch(rig, () => rig.press("9999#"), 4000),
      OK,
    );
  });

  it("deletes a user code entered twice after CLEAR + LOCK", () => {
    const rig = installedLock({ codes: ["2468"] });
    rig.program().wait(1500);
    assert.deepEqual(
      watch(rig, () => rig.press("*#2468#2468#"), 3000),
      OK,
    );
    assert.ok(!opensWith(rig, "2468"));
    assert.ok(opensWith(rig, "1234") === true);
  });

  it("deleting fails for a code that is absent or entered differently twice", () => {
    const rig = installedLock({ codes: ["2468"] });
    rig.program().wait(1500);
    assert.deepEqual(
      watch(rig, () => rig.press("*#9999#9999#"), 4000),
      FAIL,
    );
    rig.program().wait(1500);
    assert.deepEqual(
      watch(rig, () => rig.press("*#2468#1234#"), 4000),
      FAIL,
    );
    assert.ok(opensWith(rig, "2468"));
  });

  it("programming times out after 5 s without a key: TIMEOUT", () => {
    const rig = installedLock();
    rig.program().wait(1500);
    const from = rig.clock.now();
    rig.press("24").wait(4400);
    assert.deepEqual(seen(rig, from), NOTHING, "4.7 s after the last key is within the limit");
    rig.wait(5000);
    assert.deepEqual(seen(rig, from), TIMEOUT);
    // and the digits were not added
    rig.program().wait(1500).press("2468#").wait(3000);
    assert.ok(opensWith(rig, "2468"));
  });

  it("toggles settings with CLEAR digit + LOCK: on gives OK, off gives 2 green flashes + 2 beeps", () => {
    const rig = installedLock();
    rig.program().wait(1500);
    assert.deepEqual(
      watch(rig, () => rig.press("*1#"), 3000),
      OK,
      "auto-lock on",
    );
    rig.program().wait(1500);
    assert.deepEqual(
      watch(rig, () => rig.press("*1#"), 3000),
      OFF,
      "auto-lock off",
    );
  });

  it("with audio off, patterns flash but never beep", () => {
    const rig = installedLock();
    rig.program().wait(1500).press("*2#").wait(3000);
    assert.deepEqual(
      watch(rig, () => rig.press("9999#")),
      { red: 1, green: 0, beeps: 0, longBeeps: 0 },
    );
  });

  describe("mastercode", () => {
    function withMaster(): LockRig {
      const rig = installedLock();
      rig.programDown().wait(5200).programUp().wait(1500);
      rig.press("8642#8642#").wait(3000);
      return rig;
    }

    it("holding Program 5 s gives PROGRAM when reached, then the new code twice sets it", () => {
      const rig = installedLock();
      rig.programDown();
      const from = rig.clock.now();
      rig.wait(4900);
      assert.deepEqual(seen(rig, from), NOTHING);
      rig.wait(1500);
      assert.deepEqual(seen(rig, from), PROGRAM);
      rig.programUp();
      assert.deepEqual(
        watch(rig, () => rig.press("8642#8642#"), 3000),
        OK,
      );
      assert.deepEqual(
        watch(rig, () => rig.program(), 2500),
        { red: 0, green: 1, beeps: 3, longBeeps: 0 },
        "PROGRAM_MASTER from now on",
      );
    });

    it("the two new entries must match", () => {
      const rig = installedLock();
      rig.programDown().wait(5200).programUp().wait(1500);
      assert.deepEqual(
        watch(rig, () => rig.press("8642#8643#"), 4000),
        FAIL,
      );
      assert.deepEqual(
        watch(rig, () => rig.program(), 2000),
        PROGRAM,
        "no mastercode was set",
      );
    });

    it("with a mastercode, programming needs it first", () => {
      const rig = withMaster();
      rig.program().wait(2500);
      assert.deepEqual(
        watch(rig, () => rig.press("8642#2468#"), 3000),
        OK,
      );
      assert.ok(opensWith(rig, "2468"));
    });

    it("a wrong mastercode gives FAIL and counts towards the lockout", () => {
      const rig = withMaster();
      rig.program().wait(2500);
      assert.deepEqual(
        watch(rig, () => rig.press("1111#"), 4000),
        FAIL,
      );
      rig.press("2222#").wait(2000);
      assert.deepEqual(
        watch(rig, () => rig.press("3333#"), 12000),
        { red: 15, green: 0, beeps: 15, longBeeps: 0 },
      );
    });

    it("the mastercode is refused as a user code", () => {
      const rig = withMaster();
      rig.program().wait(2500);
      assert.deepEqual(
        watch(rig, () => rig.press("8642#8642#"), 4000),
        FAIL,
      );
    });

    it("changing the mastercode asks for the current one first", () => {
      const rig = withMaster();
      rig.programDown().wait(5200).programUp().wait(1500);
      assert.deepEqual(
        watch(rig, () => rig.press("1111#"), 4000),
        FAIL,
      );
      rig.programDown().wait(5200).programUp().wait(1500);
      assert.deepEqual(
        watch(rig, () => rig.press("8642#7531#7531#"), 3000),
        OK,
      );
      rig.program().wait(2500);
      assert.deepEqual(
        watch(rig, () => rig.press("7531#2468#"), 3000),
        OK,
      );
    });

    it("deletes all user codes with CLEAR 0 + LOCK twice, only after the mastercode", () => {
      const rig = withMaster();
      rig.program().wait(2500);
      assert.deepEqual(
        watch(rig, () => rig.press("8642#*0#*0#"), 3000),
        OK,
      );
      assert.ok(!opensWith(rig, "1234"));
    });

    it("without a mastercode, delete all is refused", () => {
      const rig = installedLock();
      rig.program().wait(1500);
      assert.deepEqual(
        watch(rig, () => rig.press("*0#"), 4000),
        FAIL,
      );
      assert.ok(opensWith(rig, "1234"));
    });
  });

  it("programming works during a keypad lockout", () => {
    const rig = installedLock();
    rig.press("1111#2222#3333#").wait(12000);
    rig.program().wait(1500);
    assert.deepEqual(
      watch(rig, () => rig.press("2468#"), 3000),
      OK,
    );
  });

  it("codes survive power loss", () => {
    const rig = installedLock({ codes: ["2468"] });
    rig.powerOff().wait(1000).powerOn().wait(2000);
    assert.ok(opensWith(rig, "2468"));
  });
});
