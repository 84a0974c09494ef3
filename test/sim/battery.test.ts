import { strict as assert } from "assert";
import { createBattery, FLAT_PACK_VOLTS, FRESH_PACK_VOLTS } from "../../sim/model/battery";

describe("sim: the 4xAA battery pack", () => {
  it("reads 6.4 V fresh and 3.6 V flat, falling all the way as charge is used", () => {
    const pack = createBattery({ capacityMah: 100 });
    assert.equal(pack.openCircuitVolts(), FRESH_PACK_VOLTS);
    assert.equal(FRESH_PACK_VOLTS, 6.4);
    let last = pack.openCircuitVolts();
    for (let i = 0; i < 100; i++) {
      pack.draw(0.5, 7200); // 1 mAh
      const v = pack.openCircuitVolts();
      assert.ok(v <= last, `voltage rose from ${last} to ${v}`);
      last = v;
    }
    assert.equal(pack.used(), 1);
    assert.equal(pack.openCircuitVolts(), FLAT_PACK_VOLTS);
    assert.equal(FLAT_PACK_VOLTS, 3.6);
  });

  it("spends most of its life on the slope between 5.8 V and 4.8 V, as alkaline cells do", () => {
    const pack = createBattery();
    pack.setVolts(5.8);
    const at58 = pack.used();
    pack.setVolts(4.8);
    assert.ok(pack.used() - at58 > 0.5, `only ${pack.used() - at58} of the charge between 5.8 and 4.8 V`);
  });

  it("sags while the motor draws, more as the cells wear out", () => {
    const pack = createBattery();
    const freshSag = pack.openCircuitVolts() - pack.terminalVolts(1.0);
    assert.ok(freshSag > 0.29 && freshSag < 0.4, `fresh sag at 1 A: ${freshSag}`);
    pack.setVolts(4.2);
    const wornSag = pack.openCircuitVolts() - pack.terminalVolts(1.0);
    assert.ok(wornSag > freshSag && wornSag <= 1.0, `worn sag at 1 A: ${wornSag}`);
    assert.equal(pack.terminalVolts(0), pack.openCircuitVolts());
  });

  it("can be set to a voltage, given a fixed resistance, and replaced", () => {
    const pack = createBattery();
    pack.setVolts(4.6);
    assert.ok(Math.abs(pack.openCircuitVolts() - 4.6) < 1e-9);
    pack.setVolts(3.0); // below the curve: held there
    assert.equal(pack.openCircuitVolts(), 3.0);
    pack.setResistance(6);
    assert.ok(Math.abs(pack.terminalVolts(0.15) - 2.1) < 1e-9);
    pack.replace();
    assert.equal(pack.openCircuitVolts(), 6.4);
    assert.equal(pack.resistanceOhms(), 0.3);
  });

  it("adds noise only when asked, the same noise for the same seed", () => {
    assert.equal(createBattery().terminalVolts(0), 6.4);
    const a = createBattery({ noiseV: 0.01, seed: 5 });
    const b = createBattery({ noiseV: 0.01, seed: 5 });
    const readingsA = [1, 2, 3, 4].map(() => a.terminalVolts(0));
    const readingsB = [1, 2, 3, 4].map(() => b.terminalVolts(0));
    assert.deepEqual(readingsA, readingsB);
    assert.ok(readingsA.some((v) => v !== 6.4));
    assert.ok(readingsA.every((v) => Math.abs(v - 6.4) < 0.05));
  });
});
