// A short stretch of the long-life test (tools/journal/long-life.ts; `make bench` runs ten years): heavy
// use of the journal on each board's flash with the built image in .bootcde, a power cut at every step of
// every rotation and of the first power-up, and at one step of a sample of the other writes. Every count
// must be 0.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { longLifeBad, runLongLife } from "../../tools/journal/long-life";

const image = (board: string) => path.join(__dirname, "..", "..", "build", board, "firmware.min.js");

describe("journal: the long-life test, a short stretch of it", function () {
  this.timeout(60000);
  const runs: Array<[string, number]> = [
    ["proto-pico", 40],
    ["proto-mdbt42q", 25],
    ["proto-esp32", 25],
  ];
  runs.forEach(([board, days]) => {
    it(`${board}: ${days} days of heavy use, power cuts in every rotation: image, state and lock never lost`, () => {
      assert.ok(fs.existsSync(image(board)), `build ${board} first (make build): the test runs with its image in .bootcde`);
      const r = runLongLife({ board, days, seed: 7, sampleRate: 0.05 });
      assert.deepEqual([r.imageGone, r.stateLost, r.lockBroken, r.bogusEvents, r.compactions], [0, 0, 0, 0, 0], r.failures.join("\n"));
      assert.equal(longLifeBad(r), 0);
      assert.ok(r.rotations >= 2, `${r.rotations} rotations`);
      assert.ok(r.cutsAtEveryStep > 100 && r.cutsSampled > 100, `${r.cutsAtEveryStep} + ${r.cutsSampled} cuts`);
      assert.ok(r.fewestEventsKept === -1 || r.fewestEventsKept >= 500, `${r.fewestEventsKept} events kept`);
    });
  });
});
