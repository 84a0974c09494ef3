// At the keypad, the verdict on a code says nothing about how much of a stored code was right, nor which slot
// matched: not in the time from LOCK to the first LED or motor edge, not in the pattern, and not in the work the
// image does for it (CPU time, which the simulator's virtual clock cannot see: counted with
// test/support/work-counter.ts). Built proto-pico image; each entry after a power-up from the same flash, so
// that only the entry differs. A copy of the image with an early-exit comparison shows the check can fail.
import { strict as assert } from "assert";
import * as path from "path";
import { createSimulation, Simulation } from "../../sim/engine";
import { REPO_ROOT, resolveBoard } from "../../sim/scenario/run";
import type { BoardAndImage } from "../../sim/scenario/run";
import { press, pressProgram, status } from "../../tools/bench/person";
import { countWork, WORK_COUNTER } from "../support/work-counter";

/** the stored codes, slots 1 to 5 */
const CODES = ["12345678", "24682468", "13571357", "80808080", "97531975"];

/** entries whose verdicts must be indistinguishable, with what sets them apart */
const WRONG = {
  "7 of 8 digits of slot 1 right": "12345670",
  "7 of 8 digits of slot 5 right": "97531970",
  "no digit of any code right": "06060606",
  "slot 1's first 7 digits, one digit short": "1234567",
  "a 4-digit entry": "5555",
};
const VALID = { "the code in slot 1": CODES[0], "the code in slot 5": CODES[4] };

interface Verdict {
  /** statements, loop iterations and calls the image ran from LOCK until everything was still again */
  work: number;
  /** ms from LOCK pressed to the first LED, buzzer or motor edge */
  firstEdgeMs: number;
  /** every edge until then, as "output on/off at ms after LOCK" */
  edges: string;
}

const OUTPUTS = ["red", "green", "buzzer"] as const;

/** a lock with CODES stored, its flash kept for power-ups; `unlocked`: the bolt left retracted */
function setUp(built: BoardAndImage): Simulation {
  const sim = createSimulation({ board: built.board, image: countWork(built.image), imageName: built.imageName });
  sim.powerOn();
  sim.advance(15000); // door handing
  for (const code of CODES) {
    pressProgram(sim);
    sim.advance(1000);
    press(sim, code + "#");
    sim.advance(3000);
  }
  assert.equal(status(sim).codes, CODES.length, "the codes are stored");
  return sim;
}

/** power-up from the same flash, `keys` typed, then LOCK: what could be seen and what was done */
function verdict(sim: Simulation, keys: string, locked: boolean): Verdict {
  sim.powerOff();
  sim.powerOn();
  sim.advance(3000);
  if (status(sim).locked !== locked) {
    press(sim, locked ? "#" : CODES[0] + "#");
    sim.advance(8000);
    sim.powerOff();
    sim.powerOn();
    sim.advance(3000);
  }
  assert.equal(status(sim).locked, locked);
  press(sim, keys);
  sim.advance(150);
  sim.console(WORK_COUNTER + " = 0");
  const lockAt = sim.now();
  sim.tap("#", 100);
  sim.advance(locked ? 8000 : 4000);
  const work = sim.console(WORK_COUNTER) as number;
  const edges: Array<[number, string]> = [];
  for (const output of OUTPUTS) for (const c of sim.timeline.changes(output)) if (c.t >= lockAt) edges.push([c.t - lockAt, `${output} ${c.on ? "on" : "off"}`]);
  for (const c of sim.timeline.motorChanges()) if (c.t >= lockAt) edges.push([c.t - lockAt, `motor ${c.on ? "on" : "off"}`]);
  edges.sort((a, b) => a[0] - b[0]);
  return { work, firstEdgeMs: edges.length ? edges[0][0] : NaN, edges: edges.map((e) => `${e[1]} at ${e[0]}`).join(", ") };
}

/**
 * What tells the entries of each group apart, if anything: wrong entries (all show WRONG), valid codes while
 * unlocked (OK, no motion), valid codes while locked (the bolt retracts: the time to the motor's first edge).
 */
function differences(built: BoardAndImage): string[] {
  const sim = setUp(built);
  const found: string[] = [];
  const group = (entries: Record<string, string>, locked: boolean, whole: boolean) => {
    const seen = Object.entries(entries).map(([what, keys]) => ({ what, v: verdict(sim, keys, locked) }));
    const [first, ...rest] = seen;
    for (const other of rest) {
      const a = first.v;
      const b = other.v;
      const versus = `${first.what} vs ${other.what}${locked ? " (locked)" : ""}`;
      if (a.firstEdgeMs !== b.firstEdgeMs) found.push(`${versus}: first edge after ${a.firstEdgeMs} vs ${b.firstEdgeMs} ms`);
      if (whole && a.edges !== b.edges) found.push(`${versus}: pattern ${a.edges} vs ${b.edges}`);
      if (whole && a.work !== b.work) found.push(`${versus}: work ${a.work} vs ${b.work}`);
    }
  };
  group(WRONG, false, true);
  group(VALID, false, true);
  // a stroke's own work and timing depend on the motor and battery models: only the verdict's moment is compared
  group(VALID, true, false);
  return found;
}

/** the built image with findCode replaced by a comparison that stops at the first wrong character or found slot */
function withEarlyExit(built: BoardAndImage): BoardAndImage {
  const pattern = /function findCode(\d*)\(record, code\) \{\n[\s\S]*?\n\}\n/;
  const match = pattern.exec(built.image);
  if (!match) throw new Error("findCode(record, code) is not in the readable image: bring this test's mutant up to date");
  const earlyExit = `function findCode${match[1]}(record, code) {
  for (let slot = 1; slot <= 30; slot++) {
    const stored = record.codes[slot - 1] || "";
    if (stored.length !== code.length || code === "") continue;
    let i = 0;
    while (i < stored.length && stored.charCodeAt(i) === code.charCodeAt(i)) i++;
    if (i === stored.length) return slot;
  }
  return 0;
}
`;
  return { ...built, image: built.image.replace(pattern, earlyExit), imageName: built.imageName + " (early-exit findCode)" };
}

describe("the verdict on a code gives nothing away (proto-pico, built image)", function () {
  this.timeout(60000);

  it("near and far misses, and codes in different slots, look the same at the pins and cost the same work", () => {
    const built = resolveBoard("proto-pico");
    assert.deepEqual(differences(built), []);
  });

  it("the check catches an early-exit comparison (a copy of the readable image with one)", () => {
    // the readable image, whatever LATCHKEY_IMAGE_FILE says: the mutant is written against its names
    const readable = resolveBoard("proto-pico", REPO_ROOT, path.join(REPO_ROOT, "build", "proto-pico", "firmware.js"));
    const found = differences(withEarlyExit(readable)).join("\n");
    assert.match(found, /7 of 8 digits of slot 1 right vs no digit of any code right: work \d+ vs \d+/);
    assert.match(found, /the code in slot 1 vs the code in slot 5: work \d+ vs \d+/);
  });
});
