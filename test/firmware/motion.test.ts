import { strict as assert } from "assert";
import { DEFAULT_CONFIG } from "../../firmware/config";
import { createMotion } from "./module-views";
import type { Goal, MotionResult } from "./module-views";
import type { Handing } from "../../firmware/record";
import type { Effects } from "./module-views";
import { MotorRig } from "./motor-rig";
import type { RigOptions } from "./motor-rig";

// what handing learns on the rig's default door (900/800 ms travel, switches 0.02 from the ends)
const LEARNED: Handing = { extend: "A", extendMs: 882, retractMs: 784 };

function move(rig: MotorRig, goal: Goal, handing: Handing = LEARNED): MotionResult {
  const motion = createMotion(rig.config);
  rig.call((bolt, now, fx) => motion.start(goal, handing, bolt, now, fx));
  rig.run(motion, () => motion.strokeRunning());
  assert.deepEqual(rig.violations, []);
  assert.equal(rig.drive, "stop");
  return motion.result()!;
}

const LOCKED = { ok: true, jam: false, locked: true };
const UNLOCKED = { ok: true, jam: false, locked: false };
const JAMMED_OPEN = { ok: false, jam: true, locked: false };
const JAMMED_SHUT = { ok: false, jam: true, locked: true };

function rigAt(position: number, options: RigOptions = {}) {
  return new MotorRig({ position, ...options });
}

describe("locking and unlocking", () => {
  it("locking extends the bolt with the learned drive", () => {
    const rig = rigAt(0, { extendDrive: "B" });
    assert.deepEqual(move(rig, "lock", { extend: "B", extendMs: 882, retractMs: 784 }), LOCKED);
    assert.ok(rig.mech.switches().extended);
    assert.deepEqual(
      rig.strokes().map((s) => s.drive),
      ["B"],
    );
  });

  it("unlocking retracts the bolt with the other drive", () => {
    const rig = rigAt(1);
    assert.deepEqual(move(rig, "unlock"), UNLOCKED);
    assert.ok(rig.mech.switches().retracted);
    assert.deepEqual(
      rig.strokes().map((s) => s.drive),
      ["B"],
    );
  });

  it("locking a bolt already extended is done without the motor", () => {
    const rig = rigAt(1);
    assert.deepEqual(move(rig, "lock"), LOCKED);
    assert.deepEqual(rig.drives, []);
  });

  it("limits each stroke to twice the learned time plus 0.5 s, and never more than 3 s", () => {
    const fx: Effects = [];
    const motion = createMotion(DEFAULT_CONFIG);
    const retracted = { retracted: true, extended: false };
    motion.start("lock", LEARNED, retracted, 0, fx);
    assert.equal(motion.deadline(), 882 * 2 + 500);
    motion.abort(fx);
    // (each start a second after the last stop: the motor coasts before it runs again)
    motion.start("lock", { extend: "A", extendMs: 1400, retractMs: 800 }, retracted, 1000, fx);
    assert.equal(motion.deadline(), 1000 + 3000);
    motion.abort(fx);
    motion.start("unlock", { extend: "A", extendMs: 900, retractMs: 600 }, { retracted: false, extended: true }, 2000, fx);
    assert.equal(motion.deadline(), 2000 + 1700);
    motion.abort(fx);
    assert.equal(motion.running(), false);
    assert.equal(motion.strokeRunning(), false);
    assert.equal(motion.result(), undefined);
    assert.deepEqual(fx[fx.length - 2], { t: "motor", drive: "stop", limitMs: 0 });
  });

  [true, false].forEach((currentSense) => {
    const how = currentSense ? "on stall current" : "at the time limit (no current sense)";
    [0.2, 0.5, 0.9].forEach((at) => {
      it(`a jam while locking at ${at} stops ${how}, drives back to retracted and reports unlocked`, () => {
        const rig = rigAt(0, { currentSense });
        rig.mech.obstruct("extend", at);
        assert.deepEqual(move(rig, "lock"), JAMMED_OPEN);
        assert.ok(rig.mech.switches().retracted, "the bolt is back at retracted");
        const [out, back, more] = rig.strokes();
        assert.equal(out.drive, "A");
        assert.equal(back.drive, "B");
        assert.equal(more, undefined);
        if (!currentSense) assert.equal(out.to - out.from, 882 * 2 + 500);
        else assert.ok(out.to - out.from <= at * 900 + 105 + DEFAULT_CONFIG.sampleMs);
      });
    });

    [0.8, 0.5, 0.1].forEach((at) => {
      it(`a jam while unlocking at ${at} stops ${how}, retries once after 0.5 s, then reports locked`, () => {
        const rig = rigAt(1, { currentSense });
        rig.mech.obstruct("retract", at);
        assert.deepEqual(move(rig, "unlock"), JAMMED_SHUT);
        const [first, retry, more] = rig.strokes();
        assert.deepEqual([first.drive, retry.drive, more], ["B", "B", undefined]);
        assert.ok(retry.from - first.to >= 500 && retry.from - first.to <= 502, "paused " + (retry.from - first.to));
        assert.ok(Math.abs(rig.mech.position - at) < 0.001, "the bolt is where it jammed");
        if (!currentSense) assert.equal(retry.to - retry.from, 784 * 2 + 500);
      });
    });
  });

  it("an unlocking jam that clears during the pause unlocks on the retry", () => {
    const rig = rigAt(1);
    rig.mech.obstruct("retract", 0.5);
    rig.after(700, (r) => r.mech.clearObstructions());
    assert.deepEqual(move(rig, "unlock"), UNLOCKED);
    assert.equal(rig.strokes().length, 2);
    assert.ok(rig.mech.switches().retracted);
  });

  it("a stroke far slower than the learned time counts as a jam (weak battery)", () => {
    const rig = rigAt(0, { supplyV: 3.8 });
    assert.deepEqual(move(rig, "lock"), JAMMED_OPEN);
    const [out] = rig.strokes();
    assert.equal(out.to - out.from, 882 * 2 + 500);
    assert.ok(rig.mech.switches().retracted);
  });

  it("the same slow stroke completes when the learned time allows it", () => {
    const rig = rigAt(0, { supplyV: 3.8 });
    assert.deepEqual(move(rig, "lock", { extend: "A", extendMs: 1400, retractMs: 1300 }), LOCKED);
  });

  describe("a person turning the key or thumbturn during a stroke", () => {
    [true, false].forEach((currentSense) => {
      const board = currentSense ? "" : " (no current sense)";
      it("turned to unlocked while the motor unlocks: unlocked, no jam" + board, () => {
        const rig = rigAt(1, { currentSense });
        rig.after(100, (r) => r.mech.turnTo(0, 300));
        assert.deepEqual(move(rig, "unlock"), UNLOCKED);
        assert.ok(rig.mech.switches().retracted);
      });

      it("turned back to unlocked while the motor locks: the motor gives way, the lock reports unlocked" + board, () => {
        const rig = rigAt(0, { currentSense });
        rig.after(200, (r) => r.mech.turnTo(0, 300));
        assert.deepEqual(move(rig, "lock"), JAMMED_OPEN);
        const strokes = rig.strokes();
        assert.ok(strokes[strokes.length - 1].to <= rig.strokes()[0].from + 500, "no motor after the person is done");
        rig.idle(500, createMotion(rig.config), () => false);
        assert.deepEqual(rig.violations, []);
        assert.ok(rig.mech.switches().retracted, "the bolt stays where the person put it");
      });

      it("held still while the motor locks: the lock stops and reports unlocked" + board, () => {
        const rig = rigAt(0, { currentSense });
        rig.after(300, (r) => r.mech.hold(10000));
        assert.deepEqual(move(rig, "lock"), JAMMED_OPEN);
        const strokes = rig.strokes();
        assert.equal(strokes.length, 2);
        assert.ok(Math.abs(rig.mech.position - 300 / 900) < 0.01, "the bolt stays where the person holds it");
      });

      it("turned to locked while the motor locks: locked" + board, () => {
        const rig = rigAt(0, { currentSense });
        rig.after(100, (r) => r.mech.turnTo(1, 150));
        assert.deepEqual(move(rig, "lock"), LOCKED);
      });
    });
  });

  it("abort switches the motor off and forgets the run", () => {
    const rig = rigAt(0);
    const motion = createMotion(rig.config);
    rig.call((bolt, now, fx) => motion.start("lock", LEARNED, bolt, now, fx));
    assert.equal(rig.drive, "A");
    assert.equal(motion.strokeRunning(), true);
    rig.call((_bolt, _now, fx) => motion.abort(fx));
    assert.equal(rig.drive, "stop");
    assert.equal(motion.running(), false);
    assert.equal(motion.result(), undefined);
  });
});
