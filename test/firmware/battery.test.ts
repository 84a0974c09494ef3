import { strict as assert } from "assert";
import { BatteryLevel } from "../../firmware/battery";
import { createBatteryMonitor } from "./module-views";
import type { BatteryMonitor } from "./module-views";
import { DEFAULT_CONFIG } from "../../firmware/config";

const OK = BatteryLevel.OK;
const LOW = BatteryLevel.LOW;
const CRITICAL = BatteryLevel.CRITICAL;
const DEAD = BatteryLevel.DEAD;

let clock = 0;

/** Rest readings, one after another. */
function rests(m: BatteryMonitor, ...volts: number[]) {
  volts.forEach((v) => m.rest(v));
}

/** One stroke whose lowest pack voltage after the motor's inrush is `volts`. */
function stroke(m: BatteryMonitor, volts: number) {
  const start = clock;
  m.strokeStart(start);
  m.sample(3.0, start + 10); // inrush dip: ignored
  m.sample(volts + 0.1, start + 60);
  m.sample(volts, start + 200);
  m.sample(volts + 0.05, start + 400);
  m.strokeEnd();
  clock += 10000;
}

function strokes(m: BatteryMonitor, ...volts: number[]) {
  volts.forEach((v) => stroke(m, v));
}

function fresh(): BatteryMonitor {
  const m = createBatteryMonitor(DEFAULT_CONFIG);
  m.rest(6.2);
  return m;
}

describe("battery level thresholds (3 readings in a row)", () => {
  const rows: Array<[string, BatteryLevel, number, number]> = [
    // level, rest threshold, loaded threshold
    ["LOW", LOW, 4.8, 4.4],
    ["CRITICAL", CRITICAL, 4.5, 4.0],
    ["DEAD", DEAD, 4.2, 3.8],
  ];
  rows.forEach(([name, level, restV, loadedV]) => {
    it(`${name}: rest ${restV} V enters it, ${(restV + 0.01).toFixed(2)} V does not`, () => {
      let m = fresh();
      rests(m, restV + 0.3 - 0.01, restV + 0.3 - 0.02); // step down without a "replaced" jump
      rests(m, restV, restV, restV);
      assert.equal(m.level(), level);
      m = fresh();
      rests(m, restV + 0.3 - 0.01, restV + 0.3 - 0.02);
      rests(m, restV + 0.01, restV + 0.01, restV + 0.01);
      assert.equal(m.level(), level - 1);
    });

    it(`${name}: loaded ${loadedV} V enters it, ${(loadedV + 0.01).toFixed(2)} V does not`, () => {
      let m = fresh();
      strokes(m, loadedV, loadedV, loadedV);
      assert.equal(m.level(), level);
      m = fresh();
      strokes(m, loadedV + 0.01, loadedV + 0.01, loadedV + 0.01);
      assert.equal(m.level(), level - 1);
    });
  });

  it("needs 3 qualifying readings in a row: 2 and then a good one start the count again", () => {
    const m = fresh();
    rests(m, 6.0, 5.8, 5.6, 5.4, 5.2, 5.0, 4.9);
    rests(m, 4.7, 4.7);
    assert.equal(m.level(), OK);
    rests(m, 4.85, 4.7, 4.7);
    assert.equal(m.level(), OK);
    rests(m, 4.7);
    assert.equal(m.level(), LOW);
  });

  it("counts rest and loaded readings apart: 2 of each do not add up to 3", () => {
    const m = fresh();
    rests(m, 5.9, 5.6, 5.3, 5.0, 4.8);
    stroke(m, 4.3);
    rests(m, 4.8);
    stroke(m, 4.3);
    assert.equal(m.level(), OK, "2 rest + 2 loaded");
    rests(m, 4.8);
    assert.equal(m.level(), LOW, "the third rest reading in a row");
  });

  it("a loaded run goes on across rest readings in between", () => {
    const m = fresh();
    stroke(m, 4.3);
    rests(m, 6.1);
    stroke(m, 4.3);
    rests(m, 6.1);
    stroke(m, 4.3);
    assert.equal(m.level(), LOW);
  });

  it("a run of readings qualifying for different levels enters the mildest of them", () => {
    const m = fresh();
    rests(m, 5.9, 5.6, 5.3, 5.0, 4.75, 4.45, 4.15);
    assert.equal(m.level(), LOW);
    rests(m, 4.1);
    assert.equal(m.level(), CRITICAL);
    rests(m, 4.1);
    assert.equal(m.level(), DEAD);
  });
});

describe("battery level recovery", () => {
  function lowAt(v: number) {
    const m = fresh();
    rests(m, 5.9, 5.6, 5.3, 5.0, v, v, v);
    assert.equal(m.level(), LOW);
    return m;
  }

  it("stays LOW at rest 4.9 V and 4.99 V, and leaves it at 5.0 V (0.2 V above 4.8 V)", () => {
    const m = lowAt(4.7);
    rests(m, 4.9, 4.99);
    assert.equal(m.level(), LOW);
    rests(m, 5.0);
    assert.equal(m.level(), OK);
  });

  it("leaves one level at a time: CRITICAL and a rest of 4.75 V lands in LOW", () => {
    const m = fresh();
    rests(m, 5.9, 5.6, 5.3, 5.0, 4.75, 4.5, 4.45, 4.45);
    assert.equal(m.level(), CRITICAL);
    rests(m, 4.69);
    assert.equal(m.level(), CRITICAL);
    rests(m, 4.75);
    assert.equal(m.level(), LOW);
  });

  it("DEAD and a rest rising to 4.45 V (0.2 V above 4.2 V) is CRITICAL", () => {
    const m = fresh();
    rests(m, 5.9, 5.6, 5.3, 5.0, 4.75, 4.5, 4.25, 4.15, 4.15, 4.15);
    assert.equal(m.level(), DEAD);
    rests(m, 4.35);
    assert.equal(m.level(), DEAD);
    rests(m, 4.45);
    assert.equal(m.level(), CRITICAL);
  });

  it("a rest jump of 0.3 V means a fresh pack: OK, and every count starts again", () => {
    const m = fresh();
    rests(m, 5.9, 5.6, 5.3, 5.0, 4.75, 4.5, 4.25, 4.15, 4.15, 4.15);
    strokes(m, 4.3, 4.3); // two loaded readings toward LOW
    assert.equal(m.level(), DEAD);
    rests(m, 4.39);
    assert.equal(m.level(), DEAD, "+0.24 V: neither a new pack nor 0.2 V above 4.2 V");
    rests(m, 4.15);
    rests(m, 4.45); // +0.30 V: plain recovery from DEAD would only give CRITICAL
    assert.equal(m.level(), OK);
    assert.ok(isNaN(m.summary().loaded), "the old pack's loaded reading is gone");
    stroke(m, 4.3);
    assert.equal(m.level(), OK, "the loaded run started again");
    rests(m, 4.4, 4.4);
    assert.equal(m.level(), CRITICAL, "4.45, 4.4, 4.4: a new run of three, not DEAD");
  });

  it("a pack fine at rest but sagging under load is caught, and stays caught (no flapping)", () => {
    const m = fresh();
    for (let i = 0; i < 3; i++) {
      rests(m, 5.6);
      stroke(m, 4.3);
    }
    assert.equal(m.level(), LOW);
    for (let i = 0; i < 20; i++) {
      rests(m, 5.6);
      assert.equal(m.level(), LOW, "a rest reading above the mark all along is no recovery");
      stroke(m, 4.3);
    }
    for (let i = 0; i < 3; i++) {
      rests(m, 5.6);
      stroke(m, 3.7);
    }
    assert.equal(m.level(), DEAD);
  });
});

describe("battery readings that cannot be real", () => {
  it("ignores NaN, 9 V, negative and infinite readings: no count, no broken run, no change", () => {
    const m = fresh();
    rests(m, 5.9, 5.6, 5.3, 5.0);
    rests(m, 4.7, NaN, 4.7, 9, -1, Infinity, 1.5);
    assert.equal(m.level(), OK, "two real readings so far");
    assert.equal(m.summary().rest, 4.7);
    rests(m, 4.7);
    assert.equal(m.level(), LOW, "the run went on across the ignored readings");
    rests(m, NaN, 9, 7.5);
    assert.equal(m.level(), LOW, "9 V is not a fresh pack");
    assert.equal(m.summary().rest, 4.7);
  });

  it("ignores impossible samples during a stroke", () => {
    const m = fresh();
    m.strokeStart(0);
    m.sample(NaN, 100);
    m.sample(9, 200);
    m.sample(0.2, 300);
    m.strokeEnd();
    assert.ok(isNaN(m.summary().loaded), "a stroke without a real sample gives no loaded reading");
    m.strokeStart(1000);
    m.sample(5.5, 1100);
    m.sample(NaN, 1200);
    m.sample(1.0, 1300);
    m.strokeEnd();
    assert.equal(m.summary().loaded, 5.5);
  });

  it("a single low glitch, at rest or under load, never changes the level", () => {
    const m = fresh();
    rests(m, 3.0);
    stroke(m, 3.0);
    rests(m, 6.1);
    stroke(m, 5.6);
    rests(m, 3.0);
    assert.equal(m.level(), OK);
  });
});

describe("loaded readings", () => {
  it("take the lowest sample after the first 50 ms of the stroke", () => {
    const m = fresh();
    m.strokeStart(1000);
    m.sample(3.1, 1010);
    m.sample(3.2, 1049);
    m.sample(5.4, 1050);
    m.sample(5.1, 1300);
    m.sample(5.3, 1600);
    m.strokeEnd();
    assert.equal(m.summary().loaded, 5.1);
  });

  it("ignore samples outside a stroke", () => {
    const m = fresh();
    m.sample(3.9, 10);
    m.strokeEnd();
    assert.ok(isNaN(m.summary().loaded));
  });

  it("summarise for the console", () => {
    const m = createBatteryMonitor(DEFAULT_CONFIG);
    assert.deepEqual(m.summary(), { level: "OK", rest: NaN, loaded: NaN });
    rests(m, 4.1, 4.1, 4.1);
    stroke(m, 3.9);
    assert.deepEqual(m.summary(), { level: "DEAD", rest: 4.1, loaded: 3.9 });
  });
});

/** Deterministic noise: mulberry32. */
function prng(seed: number) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("a 4xAA pack discharging over thousands of lock operations", () => {
  const OPERATIONS = 4000;
  const MOTOR_A = 0.6;
  /** open-circuit voltage after using `used` (0..1) of the capacity: 6.4 V new, 3.6 V empty */
  const ocv = (used: number) => 6.4 - 2.0 * used - 0.8 * Math.pow(used, 4);
  /** pack internal resistance grows as the cells wear */
  const ohms = (used: number) => 0.5 + 0.4 * used;

  function discharge(seed: number) {
    const noise = prng(seed);
    const jitter = (v: number) => v + (noise() - 0.5) * 0.04;
    const m = createBatteryMonitor(DEFAULT_CONFIG);
    const changes: Array<{ level: BatteryLevel; rest: number; loaded: number }> = [];
    let last = m.level();
    let t = 0;
    const note = (used: number) => {
      if (m.level() !== last) {
        last = m.level();
        changes.push({ level: last, rest: ocv(used), loaded: ocv(used) - MOTOR_A * ohms(used) });
      }
    };
    for (let op = 0; op < OPERATIONS; op++) {
      const used = op / (OPERATIONS - 1);
      let sum = 0;
      for (let s = 0; s < 8; s++) sum += jitter(ocv(used));
      m.rest(sum / 8);
      note(used);
      m.strokeStart(t);
      for (let ms = 10; ms <= 800; ms += 10) {
        const sag = MOTOR_A * ohms(used) * (ms < 50 ? 3 : 1); // inrush draws three times the current
        m.sample(jitter(ocv(used) - sag), t + ms);
      }
      m.strokeEnd();
      note(used);
      t += 60000;
    }
    return { changes, final: m.level() };
  }

  [1, 2, 3, 42, 2024].forEach((seed) => {
    it(`walks OK, LOW, CRITICAL, DEAD in order and never goes back (noise seed ${seed})`, () => {
      const { changes, final } = discharge(seed);
      assert.deepEqual(
        changes.map((c) => c.level),
        [LOW, CRITICAL, DEAD],
      );
      assert.equal(final, DEAD);
    });
  });

  it("changes level near the SPEC's voltages, not early because of the inrush dip", () => {
    const { changes } = discharge(7);
    const rest = [0, 4.8, 4.5, 4.2];
    const loaded = [0, 4.4, 4.0, 3.8];
    changes.forEach((c) => {
      const nearRest = c.rest <= rest[c.level] + 0.05;
      const nearLoaded = c.loaded <= loaded[c.level] + 0.05;
      assert.ok(nearRest || nearLoaded, `level ${c.level} at rest ${c.rest.toFixed(2)}, loaded ${c.loaded.toFixed(2)}`);
    });
  });
});
