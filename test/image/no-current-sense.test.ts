// A board without motor current sense (issue 16): proto-pico's wiring without its `current` field,
// built into an image of its own here, in the simulator. Door handing works from the end switches
// alone, and a free-spinning motor (a broken gear: no switch moves, no stall shows) still stops at
// the stroke's limit, and at the driver's own count when the lock's timer is lost too.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createSimulation, Simulation } from "../../sim/engine";
import { imageDefines } from "../../tools/boards/image-defines";
import type { ValidatedBoard } from "../../tools/boards/load";
import { buildImage } from "../../tools/build";
import { validateAsBad, variant } from "../boards/variant";
import { assertRunsWithin, CODE, press, program, steadyPack } from "../properties/door";
import { espruinoOf, motorDriven } from "../properties/image";

/** a motor run may outlast a limit by this: the sampling and timer granularity */
const SLACK_MS = 25;

describe("a board without current sense (proto-pico's wiring less `current`, built here)", function () {
  this.timeout(60000);
  let dir: string;
  let board: ValidatedBoard;
  let image: string;

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-no-sense-"));
    board = validateAsBad(variant("proto-pico", (d) => delete d.current));
    const report = await buildImage({ board, defines: imageDefines(board), outDir: dir });
    assert.deepEqual(report.problems, []);
    // make test runs the image tests on the minified image too
    image = fs.readFileSync(path.join(dir, process.env.LATCHKEY_IMAGE_FILE || "firmware.js"), "utf8");
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** first power-up (door handing from the switches), user code 1234, locked; then the gear breaks */
  function lockedWithBrokenGear(): Simulation {
    const sim = createSimulation({ board, image, imageName: "no-sense/firmware.js" });
    sim.powerOn();
    sim.advance(12000);
    assert.equal((sim.status() as { handed: boolean }).handed, true, "door handing succeeded without current sense");
    program(sim, CODE + "#");
    press(sim, "#");
    sim.advance(4000);
    assert.ok(sim.mechanism.position > 0.98, "locked");
    sim.setFault("motor", "sheared");
    steadyPack(sim, 5.6);
    return sim;
  }

  it("a free-spinning motor: each stroke ends at its limit, and the lock says it jammed", () => {
    const sim = lockedWithBrokenGear();
    const start = sim.now();
    press(sim, CODE + "#");
    sim.advance(10000);
    assertRunsWithin(sim, start, board.config.strokeLimitMs + SLACK_MS, "a free-spinning motor");
    assert.deepEqual(sim.uncaught(), []);
    assert.ok(sim.timeline.logs(start).some((l) => l.text.includes("jam while unlocking")));
  });

  it("a free-spinning motor and every timer armed while it runs lost: the driver's own count stops it", () => {
    const sim = lockedWithBrokenGear();
    const fake = espruinoOf(sim);
    assert.ok(fake);
    let lost = 0;
    for (const name of ["setTimeout", "setInterval"]) fake.replace(name, (real, args) => (motorDriven(sim) ? ++lost + 1000 : real(...args)));
    const start = sim.now();
    press(sim, CODE + "#");
    sim.advance(10000);
    assert.ok(lost > 0, "a timer was lost");
    assertRunsWithin(sim, start, board.config.strokeLimitMs + board.config.motorGuardMs + SLACK_MS, "lost timers");
    assert.deepEqual(sim.uncaught(), []);
  });
});
