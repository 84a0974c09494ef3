// A short stretch of the long-life test (tools/journal/long-life.ts; `make bench` runs ten years): heavy
// use of the journal on each board's flash, with a power cut at every step of every rotation and the
// first power-up, and at one step of a sample of the other writes. Every count must be 0.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { runLongLife } from "../../tools/journal/long-life";

const image = (board: string) => path.join(__dirname, "..", "..", "build", board, "firmware.min.js");

describe("journal: the long-life test, a short stretch of it", function () {
  this.timeout(60000);
  const runs: Array<[string, number]> = [
    ["proto-pico", 110],
    ["proto-mdbt42q", 25],
    ["proto-esp32", 25],
  ];
  runs.forEach(([board, days]) => {
    it(`${board}: ${days} days of heavy use, power cuts in every rotation: image, state and lock never lost`, () => {
      const r = runLongLife({ board, days, seed: 7, sampleRate: 0.03, image: fs.existsSync(image(board)) ? undefined : "/* no build */" });
      assert.deepEqual([r.imageGone, r.stateLost, r.lockBroken, r.bogusEvents, r.compactions], [0, 0, 0, 0, 0], r.failures.join("\n"));
      assert.ok(r.rotations >= 1, `${r.rotations} rotations`);
      assert.ok(r.cutsAtEveryStep > 100 && r.cutsSampled > 100, `${r.cutsAtEveryStep} + ${r.cutsSampled} cuts`);
      if (r.fewestEventsKept >= 0) assert.ok(r.fewestEventsKept >= 500, `${r.fewestEventsKept} events kept`);
    });
  });
});
