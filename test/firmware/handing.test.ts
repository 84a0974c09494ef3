import { strict as assert } from "assert";
import { DEFAULT_CONFIG } from "../../firmware/config";
import { createHanding } from "./module-views";
import type { HandingResult } from "./module-views";
import type { Effects } from "./module-views";
import { MotorRig } from "./motor-rig";
import type { RigOptions } from "./motor-rig";

function runHanding(rig: MotorRig): HandingResult {
  const handing = createHanding(rig.config);
  rig.call((bolt, now, fx) => handing.start(bolt, now, fx));
  rig.run(handing, () => handing.strokeRunning());
  assert.deepEqual(rig.violations, []);
  assert.equal(rig.drive, "stop");
  assert.equal(handing.running(), false);
  return handing.result()!;
}

function within10(actual: number, expected: number) {
  assert.ok(Math.abs(actual - expected) <= expected * 0.1, `${actual} ms is not within 10% of ${expected} ms`);
}

function failed(result: HandingResult): string {
  assert.equal(result.ok, false, "handing should fail");
  return result.ok ? "" : result.reason;
}

describe("door handing", () => {
  const starts: Array<[string, number]> = [
    ["retracted", 0],
    ["extended", 1],
    ["half-way", 0.5],
    ["just off the retracted switch", 0.05],
    ["just off the extended switch", 0.95],
  ];
  (["A", "B"] as const).forEach((hand) => {
    starts.forEach(([where, position]) => {
      [true, false].forEach((currentSense) => {
        const board = currentSense ? "" : " (no current sense)";
        it(`learns that ${hand} extends, from ${where}, and ends retracted${board}`, () => {
          const rig = new MotorRig({ extendDrive: hand, position, currentSense });
          const result = runHanding(rig);
          assert.ok(result.ok, JSON.stringify(result));
          assert.equal(result.handing.extend, hand);
          within10(result.handing.extendMs, 900);
          within10(result.handing.retractMs, 800);
          assert.ok(rig.mech.switches().retracted);
          assert.ok(rig.strokes().length <= 5, rig.strokes().length + " strokes");
        });
      });
    });
  });

  it("learns the slower times of a door with a stiff bolt", () => {
    const rig = new MotorRig({ extendDrive: "B", position: 0.3, extendMs: 1300, retractMs: 1100 });
    const result = runHanding(rig);
    assert.ok(result.ok);
    within10(result.handing.extendMs, 1300);
    within10(result.handing.retractMs, 1100);
  });

  describe("fails when an end cannot be reached", () => {
    const cases: Array<[string, RigOptions, (rig: MotorRig) => void, boolean]> = [
      ["the extended switch never closes", { position: 0 }, (r) => r.mech.setSwitchFault("extended", "open"), true],
      ["the retracted switch never closes", { position: 1 }, (r) => r.mech.setSwitchFault("retracted", "open"), false],
      ["the retracted switch never opens", { position: 0 }, (r) => r.mech.setSwitchFault("retracted", "closed"), false],
      ["the extended switch never opens", { position: 1 }, (r) => r.mech.setSwitchFault("extended", "closed"), false],
      ["the motor is disconnected", { position: 0.5 }, (r) => r.mech.setMotorFault("open"), false],
      ["the motor is seized", { position: 0 }, (r) => r.mech.setMotorFault("seized"), true],
      ["the bolt is blocked half-way out", { position: 0 }, (r) => r.mech.obstruct("extend", 0.5), true],
      ["the bolt is blocked half-way in", { position: 1 }, (r) => r.mech.obstruct("retract", 0.5), false],
      ["the battery is too weak to move the motor", { position: 0, supplyV: 2.9 }, () => undefined, true],
    ];
    (["A", "B"] as const).forEach((hand) => {
      cases.forEach(([what, options, breakIt, endsRetracted]) => {
        it(`${what} (${hand} extends)`, () => {
          const rig = new MotorRig({ ...options, extendDrive: hand });
          breakIt(rig);
          const reason = failed(runHanding(rig));
          assert.ok(reason.length > 0);
          if (endsRetracted) assert.ok(rig.mech.switches().retracted, "the bolt is left retracted");
        });
      });
    });

    it("a blocked bolt is driven back to retracted before handing gives up", () => {
      const rig = new MotorRig({ position: 0.7 });
      rig.mech.obstruct("extend", 0.8);
      const reason = failed(runHanding(rig));
      assert.ok(reason.indexOf("extended") >= 0, reason);
      assert.ok(rig.mech.switches().retracted);
    });

    it("both switches closed at the start: fails at once without the motor", () => {
      const handing = createHanding(DEFAULT_CONFIG);
      const fx: Effects = [];
      handing.start({ retracted: true, extended: true }, 0, fx);
      assert.equal(handing.running(), false);
      assert.equal(failed(handing.result()!), "both bolt switches closed");
      assert.deepEqual(
        fx.filter((e) => e.t === "motor"),
        [],
      );
    });
  });

  it("abort switches the motor off and forgets the run", () => {
    const handing = createHanding(DEFAULT_CONFIG);
    const fx: Effects = [];
    handing.start({ retracted: true, extended: false }, 0, fx);
    assert.equal(handing.strokeRunning(), true);
    assert.equal(handing.deadline(), DEFAULT_CONFIG.strokeLimitMs);
    handing.abort(fx);
    assert.deepEqual(fx.slice(-2), [
      { t: "motor", drive: "stop", limitMs: 0 },
      { t: "sample", ms: 0 },
    ]);
    assert.equal(handing.running(), false);
    assert.equal(handing.result(), undefined);
  });
});
