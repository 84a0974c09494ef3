// From outside the door there is only the keypad. Random key sequences, without the interior Program button,
// on the built proto-mdbt42q image with radio "paired" (the setting with the most behind the programming
// menu): none enters programming, adds or deletes a code, changes a setting, or opens the pairing window.
// docs/security.md. The seed is fixed and printed; LATCHKEY_SEED replays, LATCHKEY_KEYPAD_RUNS sets the runs.
import { strict as assert } from "assert";
import * as fs from "fs";
import fc from "fast-check";
import { createSimulation, Simulation } from "../../sim/engine";
import { imagePath, KEY_GAP_MS, KEY_HOLD_MS } from "../../sim/scenario/run";
import { press, pressProgram, setUpLock, status } from "../../tools/bench/person";
import { radioImage, RadioImage } from "../support/radio-images";
import { DEFAULT_SEED } from "../properties/run-settings";

/** keys, weighted towards those the programming menu uses (CLEAR, 0, 8, 9, LOCK) */
const keyArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("*", "#", "0", "8", "9") },
  { weight: 2, arbitrary: fc.constantFrom("1", "2", "3", "4", "5", "6", "7") },
);
/** a key, or a pause (up to 70 s: past the entry timeout, the lockout) */
const stepArb = fc.oneof(
  { weight: 6, arbitrary: keyArb },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 70000 }).map((ms) => ({ waitMs: ms })) },
);

describe("from outside the door, the keypad alone (proto-mdbt42q, radio \"paired\", built image)", function () {
  this.timeout(300000);
  let paired: RadioImage;
  before(async function () {
    if (!fs.existsSync(imagePath("proto-mdbt42q"))) this.skip(); // `make` builds it first
    paired = await radioImage("paired");
  });

  function installed(): Simulation {
    const sim = createSimulation({ board: paired.board, image: paired.image, imageName: paired.imageName });
    setUpLock(sim, () => sim.armedTimers(), { autoLock: false });
    pressProgram(sim);
    sim.advance(1000);
    for (const entry of ["*8#", "246810#", "246810#"]) {
      press(sim, entry);
      sim.advance(600);
    }
    sim.advance(3000);
    return sim;
  }

  it("no key sequence enters programming, changes a code or a setting, or opens the pairing window", () => {
    const seed = Number(process.env.LATCHKEY_SEED || DEFAULT_SEED);
    const numRuns = Number(process.env.LATCHKEY_KEYPAD_RUNS || 25);
    console.log(`      keypad only: seed ${seed}, ${numRuns} runs (replay: LATCHKEY_SEED=${seed} LATCHKEY_KEYPAD_RUNS=${numRuns})`);
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 10, maxLength: 60 }), (steps) => {
        const sim = installed();
        const radioCalls = sim.nrf()!.calls().length;
        const logsBefore = sim.timeline.logs().length;
        for (const step of steps) {
          if (typeof step === "string") {
            sim.tap(step, KEY_HOLD_MS);
            sim.advance(KEY_GAP_MS);
          } else sim.advance(step.waitMs);
          assert.notEqual(status(sim).mode, "programming", `programming entered after ${JSON.stringify(steps)}`);
        }
        sim.advance(10000);
        assert.equal(status(sim).codes, 1);
        assert.equal(sim.nrf()!.calls().length, radioCalls, "nothing asked of the radio");
        const after = sim.timeline.logs().slice(logsBefore).map((l) => l.text);
        // the event log's kinds 13-18 and 20-21: codes, settings, mastercode, delete all, reset, passkey, pairing
        assert.deepEqual(after.filter((l) => /event (1[3-8]|2[01]) |pairing/.test(l)), []);
      }),
      { seed, numRuns },
    );
  });
});
