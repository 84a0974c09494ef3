import { strict as assert } from "assert";
import { Mechanism, RUNNING_AMPS, STALL_AMPS } from "../../sim/model/mechanism";
import type { MechanismOptions } from "../../sim/model/mechanism";
import type { Drive } from "../../hal/types";

/** Drive for ms in 1 ms steps; returns the time at which `until` first held (or undefined). */
function drive(m: Mechanism, d: Drive, ms: number, volts = 6, until?: (m: Mechanism) => boolean): number | undefined {
  for (let t = 1; t <= ms; t++) {
    m.step(1, d, volts);
    if (until && until(m)) return t;
  }
  return undefined;
}

const atExtended = (m: Mechanism) => m.switches().extended;
const atRetracted = (m: Mechanism) => m.switches().retracted;

function bolt(options: MechanismOptions = {}) {
  return new Mechanism(options);
}

describe("the bolt mechanism model", () => {
  it("extends in 0.9 s and retracts in 0.8 s at 6 V on a door where A extends", () => {
    const m = bolt({ extendDrive: "A" });
    assert.deepEqual(m.switches(), { retracted: true, extended: false });
    drive(m, "A", 900);
    assert.equal(m.position, 1);
    drive(m, "B", 400);
    assert.ok(Math.abs(m.position - 0.5) < 1e-9);
    drive(m, "B", 400);
    assert.equal(m.position, 0);
  });

  it("on the other hand of door B extends", () => {
    const m = bolt({ extendDrive: "B" });
    drive(m, "A", 200);
    assert.equal(m.position, 0, "A pushes into the retracted end stop");
    assert.equal(m.amps(), STALL_AMPS);
    drive(m, "B", 450);
    assert.ok(Math.abs(m.position - 0.5) < 1e-9);
    assert.equal(m.motion(), "extending");
  });

  it("closes the switches only within 0.02 of each end", () => {
    const m = bolt({ position: 0.02 });
    assert.equal(m.switches().retracted, true);
    m.setPosition(0.021);
    assert.deepEqual(m.switches(), { retracted: false, extended: false });
    m.setPosition(0.98);
    assert.deepEqual(m.switches(), { retracted: false, extended: true });
    assert.equal(drive(bolt(), "A", 2000, 6, atExtended), 882);
  });

  it("moves slower on a weak battery and not at all below 3 V", () => {
    // speed ∝ (V - 2.5) / 3.5: half speed at 4.25 V
    assert.equal(drive(bolt(), "A", 4000, 4.25, atExtended), 1764);
    const m = bolt();
    drive(m, "A", 500, 2.9);
    assert.equal(m.position, 0);
    assert.equal(m.amps(), STALL_AMPS);
  });

  it("draws running current while moving, stall current against an end stop, none when stopped", () => {
    const m = bolt();
    drive(m, "A", 100);
    assert.equal(m.amps(), RUNNING_AMPS);
    drive(m, "A", 900);
    assert.equal(m.amps(), STALL_AMPS);
    assert.equal(m.motion(), "still");
    m.step(1, "stop", 6);
    assert.equal(m.amps(), 0);
  });

  it("stops at an obstruction in one direction only", () => {
    const m = bolt();
    m.obstruct("extend", 0.4);
    drive(m, "A", 900);
    assert.ok(Math.abs(m.position - 0.4) < 1e-9);
    assert.equal(m.amps(), STALL_AMPS);
    assert.equal(drive(m, "B", 900, 6, atRetracted), 304, "retracting past it is free");
    m.obstruct("extend", null);
    m.obstruct("retract", 0.6);
    drive(m, "A", 900);
    assert.equal(m.position, 1);
    drive(m, "B", 900);
    assert.ok(Math.abs(m.position - 0.6) < 1e-9);
    m.clearObstructions();
    drive(m, "B", 900);
    assert.equal(m.position, 0);
  });

  it("follows a person's key turn without the motor, and the motor cannot move a held bolt", () => {
    const m = bolt();
    m.turnTo(1, 200);
    assert.ok(m.held());
    drive(m, "stop", 100);
    assert.ok(Math.abs(m.position - 0.5) < 1e-9);
    drive(m, "B", 50);
    assert.ok(Math.abs(m.position - 0.75) < 1e-9, "the motor pulling back does not slow the hand");
    assert.equal(m.amps(), STALL_AMPS, "a motor against the hand stalls");
    drive(m, "A", 10);
    assert.equal(m.amps(), RUNNING_AMPS, "a motor with the hand runs free");
    drive(m, "stop", 40);
    assert.equal(m.position, 1);
    assert.equal(m.held(), false);
    m.hold(100);
    drive(m, "B", 100);
    assert.equal(m.position, 1, "held still for 100 ms");
    assert.equal(m.amps(), STALL_AMPS);
    drive(m, "B", 10);
    assert.ok(m.position < 1, "let go: the motor moves it again");
  });

  it("models stuck switches and a motor that does not move", () => {
    const m = bolt();
    m.setSwitchFault("retracted", "open");
    assert.deepEqual(m.switches(), { retracted: false, extended: false });
    m.setSwitchFault("extended", "closed");
    assert.deepEqual(m.switches(), { retracted: false, extended: true });
    m.setSwitchFault("retracted", "ok");
    m.setSwitchFault("extended", "ok");
    m.setMotorFault("open");
    drive(m, "A", 500);
    assert.deepEqual([m.position, m.amps()], [0, 0]);
    m.setMotorFault("seized");
    drive(m, "A", 500);
    assert.deepEqual([m.position, m.amps()], [0, STALL_AMPS]);
    m.setMotorFault("sheared");
    drive(m, "A", 500);
    assert.deepEqual([m.position, m.amps()], [0, RUNNING_AMPS], "a broken gear: the motor spins free, the bolt stays");
    drive(m, "stop", 10);
    assert.equal(m.amps(), 0);
  });

  it("gives the same positions and currents for the same steps", () => {
    const trace = () => {
      const m = bolt({ extendDrive: "B", position: 0.3 });
      m.obstruct("extend", 0.9);
      const out: number[] = [];
      const drives: Drive[] = ["B", "stop", "A", "B"];
      drives.forEach((d, i) => {
        if (i === 2) m.turnTo(0.5, 33);
        for (let t = 0; t < 300; t += 3) {
          m.step(3, d, 5.1);
          out.push(m.position, m.amps());
        }
      });
      return out;
    };
    assert.deepEqual(trace(), trace());
  });
});
