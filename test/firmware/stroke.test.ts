import { strict as assert } from "assert";
import { DEFAULT_CONFIG } from "../../firmware/config";
import { createStroke } from "./module-views";
import type { Drive } from "../../hal/types";
import type { Effects } from "./module-views";

type BoltEnd = "extended" | "retracted";
import { MotorRig } from "./motor-rig";
import type { RigOptions } from "./motor-rig";

function strokeOn(rig: MotorRig, target: BoltEnd, drive: Drive, limitMs = 3000) {
  const stroke = createStroke(rig.config);
  rig.call((bolt, now, fx) => stroke.start(target, drive, bolt, limitMs, now, fx));
  rig.run(stroke, () => stroke.running());
  assert.deepEqual(rig.violations, []);
  assert.equal(rig.drive, "stop");
  return { stroke, result: stroke.result()! };
}

function rigWith(options: RigOptions) {
  return new MotorRig(options);
}

describe("a motor stroke", () => {
  it("drives until the extended switch closes, then stops at once", () => {
    const rig = rigWith({ extendDrive: "A" });
    const started = rig.now;
    const { result } = strokeOn(rig, "extended", "A");
    assert.equal(result.ok, true);
    assert.equal(result.reason, "done");
    assert.equal(result.moved, true);
    assert.ok(Math.abs(result.ms - 882) <= 4, "0.98 of a 900 ms travel, got " + result.ms);
    assert.ok(rig.mech.switches().extended);
    // stopped in the same step the switch closed: the bolt barely passed the switch point
    assert.ok(rig.mech.position < 0.99);
    assert.deepEqual(
      rig.strokes().map((s) => [s.drive, s.from - started]),
      [["A", 0]],
    );
  });

  it("drives the other way to the retracted switch on a door of the other hand", () => {
    const rig = rigWith({ extendDrive: "B", position: 1 });
    const { result } = strokeOn(rig, "retracted", "A");
    assert.equal(result.reason, "done");
    assert.ok(Math.abs(result.ms - 784) <= 4);
    assert.ok(rig.mech.switches().retracted);
  });

  it("does not run the motor when the bolt is already at the target", () => {
    const rig = rigWith({ position: 1 });
    const { result } = strokeOn(rig, "extended", "A");
    assert.deepEqual(result, { ok: true, reason: "done", ms: 0, moved: false });
    assert.deepEqual(rig.drives, []);
  });

  it("does not run the motor when both switches are closed", () => {
    const rig = rigWith({ position: 0 });
    rig.mech.setSwitchFault("extended", "closed");
    const { result } = strokeOn(rig, "extended", "A");
    assert.equal(result.ok, false);
    assert.equal(result.reason, "fault");
    assert.deepEqual(rig.drives, []);
  });

  it("stops when both switches close during the stroke", () => {
    const rig = rigWith({ position: 0 });
    rig.mech.setSwitchFault("retracted", "closed");
    const { result } = strokeOn(rig, "extended", "A");
    assert.equal(result.reason, "fault");
    assert.ok(Math.abs(result.ms - 882) <= 4);
  });

  it("stops at 3 s at the latest when nothing else stops it", () => {
    const rig = rigWith({ currentSense: false });
    rig.mech.obstruct("extend", 0.5);
    const { result } = strokeOn(rig, "extended", "A");
    assert.equal(result.reason, "timeout");
    assert.equal(result.ms, 3000);
    const [only] = rig.strokes();
    assert.equal(only.to - only.from, 3000);
  });

  it("stops after 100 ms of stall current", () => {
    const rig = rigWith({});
    rig.mech.obstruct("extend", 0.5);
    const { result } = strokeOn(rig, "extended", "A");
    assert.equal(result.reason, "stall");
    // the bolt reaches the obstacle after 450 ms; the first stall sample comes within one sample period
    const stalledFor = result.ms - 450;
    assert.ok(stalledFor >= 100 && stalledFor <= 100 + DEFAULT_CONFIG.sampleMs + 2, "stalled for " + stalledFor);
  });

  it("stops after 100 ms of stall current when the motor pushes into an end stop (the inrush of its first 50 ms not counted)", () => {
    const rig = rigWith({ extendDrive: "A", position: 0 });
    const { result } = strokeOn(rig, "extended", "B");
    assert.deepEqual([result.ok, result.reason, result.moved], [false, "stall", false]);
    const stalledFor = result.ms - DEFAULT_CONFIG.stallIgnoreMs;
    assert.ok(stalledFor >= 100 && stalledFor <= 100 + DEFAULT_CONFIG.sampleMs + 2, "stalled for " + stalledFor);
  });

  it("does not take the inrush of the first 50 ms for a stall", () => {
    const stroke = createStroke(DEFAULT_CONFIG);
    const fx: Effects = [];
    stroke.start("extended", "A", { retracted: true, extended: false }, 3000, 0, fx);
    for (let t = 0; t <= 49; t += 7) stroke.sample(3.0, t, fx);
    stroke.sample(0.15, 60, fx);
    for (let t = 70; t <= 150; t += 10) stroke.sample(1.0, t, fx);
    assert.equal(stroke.running(), true, "80 ms of stall current after the inrush is not a stall");
  });

  it("ignores current spikes shorter than 100 ms and readings from a board without current sense", () => {
    const stroke = createStroke(DEFAULT_CONFIG);
    const fx: Effects = [];
    stroke.start("extended", "A", { retracted: true, extended: false }, 3000, 0, fx);
    for (let t = 10; t <= 90; t += 10) stroke.sample(1.0, t, fx);
    stroke.sample(0.15, 100, fx);
    for (let t = 110; t <= 300; t += 10) stroke.sample(t % 20 === 0 ? NaN : 0.15, t, fx);
    assert.equal(stroke.running(), true);
    // a missing reading in the middle does not interrupt the stall
    for (let t = 310; t <= 400; t += 10) stroke.sample(t === 350 ? NaN : 1.0, t, fx);
    assert.equal(stroke.running(), true, "90 ms of stall current is not a stall");
    stroke.sample(1.0, 410, fx);
    assert.equal(stroke.result()!.reason, "stall");
  });

  it("stops when a person turns the bolt back to the other end", () => {
    const rig = rigWith({ position: 0.5, currentSense: false });
    rig.after(50, (r) => r.mech.turnTo(0, 200));
    const { result } = strokeOn(rig, "extended", "A");
    assert.deepEqual([result.ok, result.reason, result.moved], [false, "reversed", true]);
    assert.ok(result.ms <= 254);
  });

  it("finishes when a person turns the bolt to the target first", () => {
    const rig = rigWith({ position: 0, currentSense: false });
    rig.after(100, (r) => r.mech.turnTo(1, 200));
    const { result } = strokeOn(rig, "extended", "A");
    assert.equal(result.reason, "done");
    assert.ok(result.ms < 400);
  });

  it("asks for a tick at its time limit and for samples while the motor runs", () => {
    const stroke = createStroke(DEFAULT_CONFIG);
    const fx: Effects = [];
    stroke.start("retracted", "B", { retracted: false, extended: true }, 2000, 500, fx);
    assert.deepEqual(fx, [
      { t: "motor", drive: "B", limitMs: 2000 },
      { t: "sample", ms: DEFAULT_CONFIG.sampleMs },
    ]);
    assert.equal(stroke.deadline(), 2500);
    assert.equal(stroke.result(), undefined);
    stroke.tick(2499, fx);
    assert.equal(stroke.running(), true);
    stroke.tick(2500, fx);
    assert.equal(stroke.deadline(), undefined);
    assert.deepEqual(stroke.result(), { ok: false, reason: "timeout", ms: 2000, moved: false });
    assert.deepEqual(fx.slice(2), [
      { t: "motor", drive: "stop", limitMs: 0 },
      { t: "sample", ms: 0 },
    ]);
  });

  it("abort switches the motor off at once and leaves no result", () => {
    const stroke = createStroke(DEFAULT_CONFIG);
    const fx: Effects = [];
    stroke.start("extended", "A", { retracted: true, extended: false }, 3000, 0, fx);
    stroke.abort(fx);
    assert.deepEqual(fx.slice(2), [
      { t: "motor", drive: "stop", limitMs: 0 },
      { t: "sample", ms: 0 },
    ]);
    assert.equal(stroke.running(), false);
    assert.equal(stroke.result(), undefined);
    stroke.abort(fx);
    assert.equal(fx.length, 4, "aborting an idle stroke does nothing");
  });
});
