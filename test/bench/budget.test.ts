import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { benchBoard, BoardBench, BoardImages, BudgetOverride, formatBoard, measuredRamProblems, readImages, ROOT, addLatency, BenchReport } from "../../tools/bench";
import type { MeasuredRam } from "../../tools/bench/interpreter-ram";
import { groupTimes, outside, total, union } from "../../tools/bench/spans";
import { loadBoard } from "../../tools/boards/load";

describe("make bench's budgets", function () {
  const board = loadBoard(path.join(ROOT, "boards", "proto-pico.json"));
  let images: BoardImages;
  let measured: BoardBench;

  before(function () {
    if (!fs.existsSync(path.join(ROOT, "build", "proto-pico", "firmware.min.js"))) this.skip(); // `make` builds it first
    images = readImages(ROOT, "proto-pico");
    measured = benchBoard(board, images, { day: false, bruteForce: false, budget: { minifiedBytes: 1e9 } });
  });

  const quick = (budget: BudgetOverride) => benchBoard(board, images, { day: false, awake: false, bruteForce: false, budget });

  it("a size budget at the image's size holds", () => {
    assert.deepEqual(quick({ minifiedBytes: measured.size.minifiedBytes }).problems, []);
  });

  it("a size budget one byte below the minified image fails, naming the board file's field", () => {
    const problems = quick({ minifiedBytes: measured.size.minifiedBytes - 1 }).problems;
    assert.equal(problems.length, 1);
    assert.match(problems[0], /image size: the minified image is \d+ bytes, over the budget of \d+ \(.*proto-pico\.json budget\.minifiedBytes\)/);
  });

  describe("RAM measured on the real interpreter", () => {
    const figures: MeasuredRam = {
      board: "proto-pico",
      asleep: 681,
      peak: 1911,
      peakIn: "power-up and door handing",
      baseline: { asleep: 1456, peak: 1469 },
      peaks: [{ activity: "power-up and door handing", vars: 1911 }],
      state: {},
      wakeMs: 10,
    };

    it("figures at the budgets hold", () => {
      assert.deepEqual(measuredRamProblems(board, figures, { asleepJsVars: 681, peakJsVars: 1911 }), []);
    });

    it("one JsVar over the asleep budget fails, naming the board file's field", () => {
      const problems = measuredRamProblems(board, figures, { asleepJsVars: 680, peakJsVars: 1911 });
      assert.deepEqual(problems, ["proto-pico: RAM asleep: 681 JsVars on the real interpreter, over the budget of 680 (boards/proto-pico.json budget.asleepJsVars)"]);
    });

    it("one JsVar over the awake budget fails, naming the activity and the field", () => {
      const problems = measuredRamProblems(board, figures, { asleepJsVars: 681, peakJsVars: 1910 });
      assert.deepEqual(problems, [
        "proto-pico: RAM awake: a peak of 1911 JsVars on the real interpreter (power-up and door handing), over the budget of 1910 (boards/proto-pico.json budget.peakJsVars)",
      ]);
    });
  });

  it("after boot the lock is idle and resident: its watches, its functions made once, no closure, no timer (estimate)", () => {
    assert.equal(measured.ram.counts.watches, 7); // 4 keypad rows, Program, 2 bolt switches
    assert.equal(measured.ram.counts.timers, 0);
    assert.equal(measured.ram.counts.scopes, 0, "no closure keeps a call's scope alive");
    assert.ok(measured.ram.counts.functions > 50 && measured.ram.counts.functions < 120, `${measured.ram.counts.functions} functions`);
  });

  it("awake, the lock needs little more than idle (nothing is made per event); the report says when the estimate would leave a chip less than 10% free", () => {
    const awake = measured.ram.awake;
    assert.ok(awake, "the awake estimate ran");
    assert.ok(awake.usage < measured.ram.usage + 300, `awake ${awake.usage}, idle ${measured.ram.usage}`);
    assert.ok(awake.samples > 100);
    const tight = Math.ceil(awake.usage / 0.9) - 1;
    const tooFull = benchBoard(board, images, { day: false, bruteForce: false, chipVars: tight });
    assert.match(formatBoard(tooFull), /less than 10%, too full/);
    assert.deepEqual(tooFull.problems, [], "an estimate is a cross-check: it fails nothing");
    assert.doesNotMatch(formatBoard(benchBoard(board, images, { day: false, bruteForce: false, chipVars: tight + 2 })), /too full/);
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

describe("LOCK to the first output, beside the image before the resident lock", () => {
  const report = (image: number[], baseline: number[]) => {
    const r = { ok: true, boards: [{ board: "proto-pico", problems: [] as string[] }] } as unknown as BenchReport;
    addLatency(r, { board: "proto-pico", image, baseline, baselineCommit: "36bb60c" });
    return r;
  };

  it("holds when this image's median is no slower", () => {
    assert.deepEqual(report([50, 60, 55], [100, 90, 110]).boards[0].problems, []);
  });

  it("fails when this image's median is slower, naming both", () => {
    const r = report([120, 130, 125], [100, 90, 110]);
    assert.equal(r.ok, false);
    assert.deepEqual(r.boards[0].problems, ["proto-pico: LOCK to the first output: median 125.0 ms, slower than the 36bb60c image's 100.0 ms in the same run"]);
  });
});
