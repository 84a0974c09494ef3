// The built proto-pico image, exactly the bytes that get flashed, in a Node vm sandbox whose globals
// are fake Espruino APIs (REFERENCE-BOARD.md): it starts, arms its watches at the board's pins, and
// reacts to keys pressed electrically at the row and column pins.
import { strict as assert } from "assert";
import { existsSync, readFileSync } from "fs";
import { createFakeEspruino } from "../../sim/espruino/fake";
import { boardFlashOf } from "../../sim/espruino/board-flash-file";
import type { FakeEspruino } from "../../sim/espruino/fake";
import { matrixKeypad } from "../../sim/espruino/keypad-matrix";
import { runImage } from "../../sim/espruino/vm";
import { createSimulation } from "../../sim/engine";
import { loadBoard } from "../../tools/boards/load";
import { imagePath } from "../../sim/scenario/run";

const IMAGE = imagePath("proto-pico");
const PINS = ["B13", "B14", "B15", "B10", "B3", "B4", "B5", "A8", "A0", "A1", "B8", "B9", "A5", "A4", "B2", "B12", "B1"];

describe("the built proto-pico image in a vm sandbox", function () {
  before(function () {
    if (!existsSync(IMAGE)) {
      console.log(`    (skipped: ${IMAGE} is missing; run make first)`);
      this.skip();
    }
  });

  function boot(): FakeEspruino {
    // the Pico's flash, with an image of today's size in .bootcde: the image's journal creates its arena after it
    const flash = boardFlashOf("proto-pico", { image: readFileSync(IMAGE.replace(/firmware\.js$/, "firmware.min.js"), "latin1") });
    const fake = createFakeEspruino({ pins: PINS, storage: flash.storage, flash: flash.flash });
    fake.drive("A0", false); // bolt fully retracted: the retracted switch pulls A0 low
    runImage(readFileSync(IMAGE, "utf8"), fake, IMAGE);
    return fake;
  }

  it("starts, arms a watch on every input, holds the columns low, and never leaves the motor on", () => {
    const fake = boot();
    // no handing stored: it runs at once, and fails here since nothing moves the bolt
    fake.runFor(20000);
    assert.deepEqual(fake.uncaught(), []);
    assert.equal(fake.level("B8"), false);
    assert.equal(fake.level("B9"), false);
    for (const col of ["B3", "B4", "B5"]) assert.ok(fake.drivesLow(col), `${col} held low`);
    // 4 rows, Program, 2 bolt switches
    assert.equal(fake.watchCount(), 7);
  });

  it("reacts to a key pressed at the row and column pins", () => {
    const fake = boot();
    fake.runFor(20000); // first power-up: handing fails without a bolt model, which is fine here
    const keypad = matrixKeypad(fake, ["B13", "B14", "B15", "B10"], ["B3", "B4", "B5"], "123456789*0#");
    const before = fake.pulses("B2").length;
    for (const k of "9999#") {
      keypad.tap(k, 100);
      fake.runFor(150);
    }
    fake.runFor(2000);
    assert.deepEqual(fake.uncaught(), []);
    assert.ok(fake.pulses("B2").length > before, "a red flash for the wrong code");
  });

  it("is idle with no timer armed, and handles keys without a garbage collection or anything made anew", () => {
    const fake = boot();
    fake.runFor(20000); // handing fails here (nothing moves the bolt); then the lock is idle
    assert.equal(fake.armedTimers(), 0, "idle: no timer");
    const keypad = matrixKeypad(fake, ["B13", "B14", "B15", "B10"], ["B3", "B4", "B5"], "123456789*0#");
    keypad.tap("1", 100);
    fake.runFor(150);
    keypad.tap("2", 100);
    fake.runFor(20000); // the entry times out
    assert.equal(fake.armedTimers(), 0, "idle again");
    assert.equal(fake.memoryQueries(), 0, "the lock never asks Espruino to collect garbage");
    assert.deepEqual(fake.uncaught(), []);
  });

  it("accepts a programmed code at the pins and retracts the bolt", () => {
    const sim = createSimulation({ board: loadBoard("boards/proto-pico.json"), image: readFileSync(IMAGE, "utf8") });
    sim.powerOn();
    sim.advance(15000); // door handing
    sim.setProgram(true);
    sim.advance(200);
    sim.setProgram(false);
    sim.advance(1500);
    for (const k of "1234#") {
      sim.tap(k, 100);
      sim.advance(200);
    }
    sim.advance(3000);
    sim.tap("#", 100); // one-touch locking
    sim.advance(4000);
    assert.equal(sim.console("Latchkey.status().locked"), true);
    assert.ok(sim.mechanism.switches().extended, "bolt extended");
    for (const k of "1234#") {
      sim.tap(k, 100);
      sim.advance(200);
    }
    sim.advance(4000);
    assert.equal(sim.console("Latchkey.status().locked"), false);
    assert.ok(sim.mechanism.switches().retracted, "bolt retracted");
    assert.deepEqual(sim.uncaught(), []);
  });
});
