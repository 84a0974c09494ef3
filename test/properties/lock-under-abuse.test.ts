// Property tests on the real proto-pico image in the simulator: random short lives of the lock (keys,
// Program presses and holds, key turns, obstacles, weak and glitching batteries, waits from ms to
// minutes, power cuts at any instant including in the middle of a Storage write), each starting
// with a first power-up (door handing), a user code, maybe a mastercode, and LOCK. After every step
// the invariants of ./invariants.ts must hold. The seed is fixed and printed; see ./run-settings.ts.
import fc from "fast-check";
import type { Action, Setup } from "./actions";
import { actionsArb, powerLossActionsArb, setupArb } from "./actions";
import { LockDriver } from "./driver";
import { skipWithoutImage } from "./image";
import { Invariants } from "./invariants";
import { runSettings } from "./run-settings";

/** what the runs of one property covered, summed: printed so a reader sees the property bites */
type Coverage = Record<string, number>;

function add(into: Coverage, from: Record<string, number>, prefix = ""): void {
  for (const k of Object.keys(from)) into[prefix + k] = (into[prefix + k] || 0) + from[k];
}

/** one life of the lock; throws at the first step after which an invariant fails */
function live(setup: Setup, actions: Action[], coverage: Coverage): void {
  const driver = new LockDriver(setup);
  const invariants = new Invariants(driver);
  driver.start((step) => invariants.check(`setup, ${step}`));
  actions.forEach((action, i) => {
    driver.run(action);
    invariants.check(`step ${i + 1} (${action.kind})`);
  });
  add(coverage, driver.stats);
  add(coverage, invariants.retractions, "retracted by ");
}

function checkProperty(name: string, actions: fc.Arbitrary<Action[]>): void {
  const coverage: Coverage = {};
  fc.assert(
    fc.property(setupArb, actions, (setup, list) => live(setup, list, coverage)),
    runSettings(name),
  );
  console.log(`      covered: ${Object.keys(coverage).map((k) => `${k} ${coverage[k]}`).join(", ")}`);
}

describe("properties: the real image under random use, abuse and power cuts", function () {
  this.timeout(600000);

  before(function () {
    skipWithoutImage(this);
  });

  it("only a valid code, a key turn or handing retracts the bolt; strokes stay within their limit; nothing escapes", () => {
    checkProperty("daily use and abuse", actionsArb);
  });

  it("power cuts at any instant, in Storage writes too, leave the codes of before or after each change", () => {
    checkProperty("power loss", powerLossActionsArb);
  });
});
