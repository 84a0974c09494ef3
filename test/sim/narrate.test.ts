import { strict as assert } from "assert";
import { narrate } from "../../sim/scenario/narrate";
import { runScenarioText } from "../../sim/scenario/run";
import { DEMO_SCENARIO } from "../../sim/scenario/demo";
import { parseScenario } from "../../sim/scenario/parse";
import { toyResolve } from "./toy-lock";

describe("sim: telling a run in plain words", () => {
  it("says what a person at the door saw and heard, one moment per line", () => {
    const result = runScenarioText("power on\nwait 1s\npress 12#\nwait 2s\nblock bolt at 50%\npress #\nwait 2s\npress program\nwait 1s\n", {
      file: "toy.scn",
      resolve: toyResolve,
    });
    const lines = narrate(result.sim!.timeline, result.sim!.now());
    assert.deepEqual(lines, [
      "t=0.00s  batteries in",
      "t=1.00s  you press 1 2 LOCK",
      "t=1.53s  motor runs 0.81s: bolt extended",
      "t=2.34s  green flash, beep",
      "t=3.60s  bolt blocked at 50%",
      "t=3.60s  you press LOCK",
      // retracting from the far end, it stalls half way: 0.36 s to get there, 0.1 s of stall
      "t=3.63s  motor runs 0.45s: bolt stopped at 50%",
      "t=4.08s  red flash",
      "t=5.70s  you press Program",
    ]);
  });

  it("has a demo scenario that parses", () => {
    assert.ok(parseScenario(DEMO_SCENARIO, "demo").length > 5);
  });
});
