import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { readImages, ROOT } from "../../tools/bench";
import { energyPerDay, simulateDay } from "../../tools/bench/day";
import { loadBoard } from "../../tools/boards/load";

describe("a simulated day", function () {
  const board = loadBoard(path.join(ROOT, "boards", "proto-pico.json"));
  let image = "";

  before(function () {
    if (!fs.existsSync(path.join(ROOT, "build", "proto-pico", "firmware.js"))) this.skip(); // `make` builds it first
    image = readImages(ROOT, "proto-pico").readable;
  });

  it("a wrong code and an unlock locked again by one-touch: strokes, patterns, and no timer once the lock is idle", () => {
    const day = simulateDay(board, image, ["wrong code", "unlock+lock"]);
    assert.deepEqual(day.actions, { unlocks: 1, oneTouchLocks: 1, autoLocks: 0, wrongCodes: 1 });
    assert.ok(day.motorOnMs > 500 && day.motorOnMs < 6000, `motor ${day.motorOnMs} ms`);
    assert.equal(day.redOnMs, 200); // WRONG: one red flash
    assert.equal(day.greenOnMs, 400); // OK twice
    assert.ok(day.timerArmedMs > 0);
    assert.equal(day.idleTimerMs, 0);
  });

  it("a timer the image leaves armed after the lock went quiet is caught", () => {
    // a stray 20 s timer after every key press on the bottom keypad row (`*0#`)
    const stray = image + '\nsetWatch(function () { setTimeout(function () {}, 20000); }, B10, { repeat: true, edge: "falling" });\n';
    const day = simulateDay(board, stray, ["wrong code"]);
    assert.ok(day.idleTimerMs > 15000, `idle with a timer: ${day.idleTimerMs} ms`);
  });

  it("energy: sleep for the day's quiet time, the CPU while awake, each LED, the buzzer, the motor", () => {
    const e = energyPerDay(board.power, { awakeMs: 3600000, redOnMs: 3600000, greenOnMs: 0, buzzerOnMs: 3600000, motorMah: 1 });
    assert.equal(e.sleepMah, (board.power.sleepMicroAmps / 1000) * 23);
    assert.equal(e.totalMah, e.sleepMah + board.power.awakeMilliAmps + board.power.ledMilliAmps + board.power.buzzerMilliAmps + 1);
    assert.equal(e.lifeDays, 2500 / e.totalMah);
  });
});
