// A key press that wakes the Pico from deep sleep is still read as that key: the chip needs a few ms after the
// edge before JavaScript runs (crystal start-up, USB back on), and Espruino keeps the edge's time and level
// from the interrupt. The fake Espruino models that delay (sim/espruino/power.ts); this checks the built
// image with it (docs/power.md).
import { strict as assert } from "assert";
import { existsSync } from "fs";
import { CHIP_POWER } from "../../sim/espruino/chip-power";
import { imagePath, KEY_GAP_MS, KEY_HOLD_MS } from "../../sim/scenario/run";
import { status, USER_CODE } from "../../tools/bench/person";
import { picoLock } from "../support/deep-sleep";

const IMAGE = imagePath("proto-pico");
const WAKE_MS = CHIP_POWER.stm32f401.stopExitMs;

describe("a key press that wakes the Pico from deep sleep (proto-pico, built image)", function () {
  before(function () {
    if (!existsSync(IMAGE)) this.skip(); // `make` builds it first
  });

  /** types `keys` as a person does; returns, per key, the wake-up its press caused (if the chip was asleep) */
  function type(keys: string) {
    const lock = picoLock();
    const sim = lock.sim;
    sim.advance(60000);
    const power = sim.power();
    assert.ok(power);
    assert.equal(power.state(), "deepSleep", `idle but not in deep sleep: ${power.blockers().join("; ")}`);
    const wakes = [...keys].map((key, i) => {
      if (i > 0) sim.advance(KEY_GAP_MS);
      const down = sim.now();
      sim.tap(key, KEY_HOLD_MS);
      return power.wakeUps().find((w) => w.at === down);
    });
    sim.advance(5000);
    return { sim, wakes };
  }

  it("the first key of a code wakes it from STOP, reaches the image late by the wake-up, and the code still opens the lock", () => {
    const { sim, wakes } = type(USER_CODE + "#");
    assert.deepEqual(wakes[0], { at: wakes[0]?.at, from: "deepSleep", delayMs: WAKE_MS });
    // between keys the chip may be asleep deeply again or still busy (a beep): each key that found it in
    // deep sleep was handled after the same delay
    for (const w of wakes) if (w && w.from === "deepSleep") assert.equal(w.delayMs, WAKE_MS);
    assert.equal(status(sim).locked, false, "the code did not open the lock");
    assert.deepEqual(sim.uncaught(), []);
  });

  it("a code one digit off, typed the same way, does not", () => {
    const { sim, wakes } = type("1235#");
    assert.equal(wakes[0]?.from, "deepSleep");
    assert.equal(status(sim).locked, true);
  });
});
