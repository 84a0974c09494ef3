// The journal on Espruino's real Linux interpreter (ESPRUINO_LINUX=<binary>; skipped without it): the same
// calls, in the built journal image, leave the same flash bytes and give the same results as in the model,
// across power-ups (each one a new run of the interpreter on the same espruino.flash) and rotations.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { journalEvent, journalLog, journalOpen, journalSave, newJournal } from "../../firmware/journal";
import { createBoardFlash } from "../../sim/espruino/board-flash";
import { layoutConstants } from "../../tools/journal/constants";
import { FLASH_MAPS, LINUX_LAYOUT } from "../../tools/journal/flash-maps";
import { buildJournalImage } from "../../tools/journal/image";
import { INTERPRETER } from "../store/real-interpreter";
import { record } from "./helpers";

const LAYOUT = layoutConstants(FLASH_MAPS.linux, LINUX_LAYOUT);

/** one power-up's work: open, then saves and events; its results as JSON */
interface Run {
  saves: unknown[];
  events: Array<[number, number, number]>;
  log: number;
}

function script(run: Run): string {
  return [
    `var j = LKJ.newJournal({flash: require("Flash"), storage: require("Storage")}, ${JSON.stringify(LAYOUT)});`,
    `var out = [JSON.stringify(LKJ.open(j, 0))];`,
    `${JSON.stringify(run.saves)}.forEach(function (r) { out.push(LKJ.save(j, r)); });`,
    `${JSON.stringify(run.events)}.forEach(function (e) { out.push(LKJ.event(j, e[0], e[1], e[2])); });`,
    `LKJ.log(j, ${run.log}, function (l) { out.push(l); });`,
    `print("@@" + JSON.stringify(out));`,
  ].join("\n");
}

(INTERPRETER ? describe : describe.skip)("journal on the real interpreter (ESPRUINO_LINUX)", function () {
  this.timeout(120000);

  it("three power-ups with saves, lockouts and enough events to rotate: the same bytes and results as the model", async () => {
    const image = await buildJournalImage(path.join(os.tmpdir(), "lk-journal-image"));
    assert.deepEqual(image.problems, []);
    const code = fs.readFileSync(path.join(image.dir, "firmware.js"), "utf8");
    const many: Array<[number, number, number]> = [];
    for (let i = 0; i < 3000; i++) many.push([1 + (i % 18), i & 255, i]);
    const lockedOut = record(3, 30);
    lockedOut.lockout = { active: true, lastMs: 240000 };
    const runs: Run[] = [
      { saves: [record(1), record(2, 30)], events: [[1, 3, 12], [7, 15, 20], [0, 0, 1767225600]], log: 10 },
      { saves: [lockedOut], events: many, log: 40 },
      { saves: [], events: [[18, 0, 5]], log: 25 },
    ];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lk-journal-"));
    const model = createBoardFlash("linux", undefined, "linux", LINUX_LAYOUT);
    try {
      for (const run of runs) {
        fs.writeFileSync(path.join(dir, "run.js"), code + "\n" + script(run));
        const out = spawnSync(INTERPRETER, ["run.js"], { cwd: dir, encoding: "utf8", timeout: 60000 });
        const line = (out.stdout || "").split("\n").find((l) => l.indexOf("@@") >= 0);
        assert.ok(line, out.stdout + out.stderr);
        const real = JSON.parse(line!.slice(line!.indexOf("@@") + 2));
        model.storage.powerOn();
        const j = newJournal({ flash: model.flash, storage: model.storage }, LAYOUT);
        const mine: unknown[] = [JSON.stringify(journalOpen(j, 0))];
        for (const r of run.saves) mine.push(journalSave(j, r as never));
        for (const e of run.events) mine.push(journalEvent(j, e[0], e[1], e[2]));
        journalLog(j, run.log, (l) => mine.push(l));
        assert.deepEqual(real, mine);
      }
      const bytes = new Uint8Array(fs.readFileSync(path.join(dir, "espruino.flash")));
      const modelled = model.storage.raw();
      let first = -1;
      for (let i = 0; i < bytes.length && first < 0; i++) if (bytes[i] !== modelled[i]) first = i;
      assert.equal(first, -1, "first differing byte");
      assert.ok(model.chip.pageErases().size > 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
