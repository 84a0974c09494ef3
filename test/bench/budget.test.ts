import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { benchBoard, BoardBench, BoardImages, readImages, ROOT } from "../../tools/bench";
import { groupTimes, outside, total, union } from "../../tools/bench/spans";
import { loadBoard } from "../../tools/boards/load";

describe("make bench's budgets", function () {
  const board = loadBoard(path.join(ROOT, "boards", "proto-pico.json"));
  let images: BoardImages;
  let measured: BoardBench;

  before(function () {
    if (!fs.existsSync(path.join(ROOT, "build", "proto-pico", "firmware.min.js"))) this.skip(); // `make` builds it first
    images = readImages(ROOT, "proto-pico");
    measured = benchBoard(board, images, { day: false, bruteForce: false, budget: { minifiedBytes: 1e9, jsVars: 1e9 } });
  });

  const quick = (budget: { minifiedBytes?: number; jsVars?: number }) => benchBoard(board, images, { day: false, awake: false, bruteForce: false, budget });

  it("budgets at the measured values hold", () => {
    assert.deepEqual(quick({ minifiedBytes: measured.size.minifiedBytes, jsVars: measured.ram.usage }).problems, []);
  });

  it("a size budget one byte below the minified image fails, naming the board file's field", () => {
    const problems = quick({ minifiedBytes: measured.size.minifiedBytes - 1, jsVars: 1e9 }).problems;
    assert.equal(problems.length, 1);
    assert.match(problems[0], /image size: the minified image is \d+ bytes, over the budget of \d+ \(.*proto-pico\.json budget\.minifiedBytes\)/);
  });

  it("a RAM budget one JsVar below the estimate fails", () => {
    const problems = quick({ minifiedBytes: 1e9, jsVars: measured.ram.usage - 1 }).problems;
    assert.equal(problems.length, 1);
    assert.match(problems[0], /RAM: an estimated \d+ JsVars after boot .* over the budget of \d+ \(.*budget\.jsVars\)/);
  });

  it("after boot the lock is idle and resident: its watches, its functions made once, no closure, no timer", () => {
    assert.equal(measured.ram.counts.watches, 7); // 4 keypad rows, Program, 2 bolt switches
    assert.equal(measured.ram.counts.timers, 0);
    assert.equal(measured.ram.counts.scopes, 0, "no closure keeps a call's scope alive");
    assert.ok(measured.ram.counts.functions > 50 && measured.ram.counts.functions < 120, `${measured.ram.counts.functions} functions`);
  });

  it("awake, the lock needs little more than idle (nothing is made per event); a chip that would be left with less than 10% free fails", () => {
    const awake = measured.ram.awake;
    assert.ok(awake, "the awake estimate ran");
    assert.ok(awake.usage < measured.ram.usage + 300, `awake ${awake.usage}, idle ${measured.ram.usage}`);
    assert.ok(awake.samples > 100);
    const tight = Math.ceil(awake.usage / 0.9) - 1;
    const problems = benchBoard(board, images, { day: false, bruteForce: false, budget: { minifiedBytes: 1e9, jsVars: 1e9 }, chipVars: tight }).problems;
    assert.equal(problems.length, 1);
    assert.match(problems[0], /RAM while awake: an estimated \d+ JsVars at the peak \(.*\), over \d+: less than 10% of the \d+ vars of the chip/);
    const roomy = benchBoard(board, images, { day: false, bruteForce: false, budget: { minifiedBytes: 1e9, jsVars: 1e9 }, chipVars: tight + 2 }).problems;
    assert.deepEqual(roomy, []);
  });
});

describe("timers armed while the lock idles", () => {
  // a day in ms: keys and outputs at 1000-1400 (one burst), an armed timer from `from` to `to`
  const busy = union(groupTimes([1000, 1100, 1400], 1500, 500));

  it("a timer armed only while the lock is busy does not count", () => {
    assert.equal(total(outside([{ from: 1000, to: 1800 }], busy)), 0);
  });

  it("a timer left armed after the lock went quiet counts from the end of the burst's tail", () => {
    assert.equal(total(outside([{ from: 1000, to: 5000 }], busy)), 5000 - 1900);
  });

  it("activity closer than the gap is one busy span; a later edge starts another", () => {
    assert.deepEqual(groupTimes([0, 1000, 2500, 6000], 1500, 500), [
      { from: 0, to: 3000 },
      { from: 6000, to: 6500 },
    ]);
  });
});
