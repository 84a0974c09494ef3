import { strict as assert } from "assert";
import { createClockDouble } from "../../hal/doubles/clock";
import { createHalDouble } from "../../hal/doubles/hal";

describe("clock double", () => {
  it("runs timers in time order as time advances, including ones armed on the way", () => {
    const clock = createClockDouble();
    const at: number[] = [];
    clock.setTimeout(() => at.push(clock.now()), 300);
    clock.setTimeout(() => {
      at.push(clock.now());
      clock.setTimeout(() => at.push(clock.now()), 50);
    }, 100);
    clock.advance(120);
    assert.deepEqual(at, [100]);
    clock.advance(1000);
    assert.deepEqual(at, [100, 150, 300]);
    assert.equal(clock.now(), 1120);
    assert.equal(clock.pending(), 0);
  });

  it("repeats an interval until cleared; clearing undefined or a fired id is harmless", () => {
    const clock = createClockDouble();
    let ticks = 0;
    const id = clock.setInterval(() => ticks++, 10);
    clock.advance(35);
    clock.clearInterval(id);
    clock.advance(100);
    assert.equal(ticks, 3);
    clock.clearTimeout(undefined);
    clock.clearTimeout(id);
  });

  it("reuses a fired timer's id, as Espruino does", () => {
    const clock = createClockDouble();
    const first = clock.setTimeout(() => {}, 10);
    clock.advance(10);
    assert.equal(clock.setTimeout(() => {}, 10), first);
  });

  it("stops timers that re-arm at the same instant forever", () => {
    const clock = createClockDouble();
    const again = (): unknown => clock.setTimeout(again, 0);
    again();
    assert.throws(() => clock.advance(1), /forever/);
  });
});

describe("HAL double: the record in memory", () => {
  it("loads what was saved (a copy), the defaults before; can refuse saves; a lockout's event persists it", () => {
    const d = createHalDouble();
    assert.deepEqual(d.hal.load().codes, []);
    const r = d.hal.load();
    r.codes = ["1234"];
    assert.equal(d.hal.save(r), true);
    r.codes.push("5678");
    assert.deepEqual(d.hal.load().codes, ["1234"]);
    d.memory.failSaves = true;
    assert.equal(d.hal.save({ ...r, codes: [] }), false);
    assert.deepEqual(d.hal.load().codes, ["1234"]);
    assert.equal(d.memory.saves, 1);
    d.memory.failSaves = false;
    d.hal.event(8, 120, 5);
    assert.deepEqual(d.hal.load().lockout, { active: true, lastMs: 120000 });
    assert.deepEqual(d.events, [{ kind: 8, arg: 120, seconds: 5 }]);
  });
});

describe("HAL double", () => {
  it("delivers key presses only once the inputs are started", () => {
    const d = createHalDouble();
    const keys: string[] = [];
    assert.equal(d.pressKey("1"), false);
    d.hal.startInputs((e) => e.type === "key" && keys.push(e.key));
    assert.equal(d.pressKey("2"), true);
    assert.deepEqual(keys, ["2"]);
  });

  it("reports Program and bolt changes only when they change, and their state at start", () => {
    const d = createHalDouble({ bolt: { retracted: true, extended: false }, programPressed: true });
    const events: object[] = [];
    const state = d.hal.startInputs((e) => events.push(e));
    assert.deepEqual(state, { bolt: { retracted: true, extended: false }, programHeld: true });
    d.setProgram(false);
    d.setProgram(false);
    d.setBolt({ retracted: false, extended: false });
    d.setBolt({ retracted: false, extended: false });
    assert.deepEqual(events, [
      { type: "program", down: false },
      { type: "bolt", state: { retracted: false, extended: false } },
    ]);
  });

  it("logs motor, LED and buzzer writes with the clock's time", () => {
    const d = createHalDouble();
    d.hal.motor("A");
    d.clock.advance(100);
    d.hal.motor("stop");
    d.hal.outputs(true, false, true);
    assert.deepEqual(d.motorLog, [
      { t: 0, drive: "A" },
      { t: 100, drive: "stop" },
    ]);
    assert.deepEqual(d.ledLog, [
      { t: 100, led: "red", on: true },
      { t: 100, led: "green", on: false },
    ]);
    assert.deepEqual(d.buzzLog, [{ t: 100, on: true }]);
    assert.equal(d.drive(), "stop");
  });

  it("reads the battery and current it was given; a board without current sense reads NaN", () => {
    const d = createHalDouble();
    d.setBatteryVolts(4.7);
    d.setAmps(0.9);
    assert.equal(d.hal.battery(), 4.7);
    assert.equal(d.hal.current(), 0.9);
    assert.ok(Number.isNaN(createHalDouble({ current: false }).hal.current()));
  });
});
