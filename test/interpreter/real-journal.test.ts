// The journal on Espruino's real Linux interpreter: the journal's modules built as the image builds them for
// proto-pico (tools/journal/image.ts: its layout as literals, property names mangled), run over the Pico's flash
// map that the board's prelude puts on the Linux build's flash file (rig/flash.js), give the same results and
// leave the same bytes in the Pico's Storage and sector 7 as the same calls on the flash model, across three
// power-ups (each one a new run of the interpreter on the same espruino.flash) and rotations.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { journalEvent, journalLoad, journalLog, journalSave } from "../../firmware/journal";
import type { LockRecord } from "../../firmware/record";
import { boardFlashOf } from "../../sim/espruino/board-flash-file";
import { loadBoard } from "../../tools/boards/load";
import { minifiedModel, rigFlashMap, ROOT } from "../../tools/interpreter/preludes";
import { buildJournalImage } from "../../tools/journal/image";
import { INTERPRETER } from "./linux-flash";
import { skipWithoutInterpreter } from "./needs-interpreter";
import { record } from "../journal/helpers";

const BOARD = loadBoard(path.join(ROOT, "boards", "proto-pico.json"));
const LINUX_TOP = 256 * 1024;

/** one power-up's work: the open, the power-up event, saves, events, then Latchkey.log(n) */
interface Run {
  saves: LockRecord[];
  events: Array<[number, number, number]>;
  log: number;
}

function script(run: Run): string {
  return [
    // the clock as after a power cut (the Linux build's is the wall clock)
    `global.getTime = function () { return 0; };`,
    `var out = [JSON.stringify(LKJ.load())];`,
    `LKJ.event(1, 0, 0);`,
    `${JSON.stringify(run.saves)}.forEach(function (r) { out.push(LKJ.save(r)); });`,
    `${JSON.stringify(run.events)}.forEach(function (e) { LKJ.event(e[0], e[1], e[2]); });`,
    `global.print = function () { out.push([].slice.call(arguments).join(" ")); };`,
    `LKJ.log(${run.log});`,
    `console.log("@@" + JSON.stringify(out));`,
  ].join("\n");
}

describe("journal on the real interpreter", function () {
  this.timeout(120000);
  beforeEach(function () {
    skipWithoutInterpreter(this);
  });

  it("proto-pico's journal over its flash map: three power-ups with saves, lockouts and a rotation give the same results and bytes as the model", async () => {
    const image = await buildJournalImage("proto-pico", path.join(os.tmpdir(), "lk-journal-image"));
    assert.deepEqual(image.problems, []);
    // the readable build (the record's keys keep their names there), without the banner's pins
    const code = fs.readFileSync(path.join(image.dir, "firmware.js"), "utf8").replace(/^digitalWrite\(.*$/m, "").replace(/^var LK_.*$/m, "");
    const rig = fs.readFileSync(path.join(ROOT, "rig", "flash.js"), "utf8");
    const prelude = `eval(${JSON.stringify(minifiedModel(rig))});\nrigFlash(${JSON.stringify(rigFlashMap(BOARD))});\n`;
    const many: Array<[number, number, number]> = [];
    for (let i = 0; i < 4500; i++) many.push([2 + (i % 18), i & 255, i]);
    const lockedOut = record(3, 30);
    lockedOut.lockout = { active: true, lastMs: 240000 };
    const runs: Run[] = [
      { saves: [record(1), record(2, 30)], events: [[2, 3, 12], [8, 60, 20], [0, 1767225600, 30]], log: 10 },
      { saves: [lockedOut], events: many, log: 40 },
      { saves: [], events: [[18, 0, 5]], log: 25 },
    ];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lk-journal-"));
    const model = boardFlashOf("proto-pico");
    const g = globalThis as unknown as { BOARD: unknown; getTime: () => number; print: (...a: unknown[]) => void };
    const saved = { BOARD: g.BOARD, getTime: g.getTime, print: g.print };
    g.BOARD = { journal: BOARD.journal.constants };
    g.getTime = () => 0;
    try {
      for (const run of runs) {
        fs.writeFileSync(path.join(dir, "run.js"), prelude + code + "\n" + script(run));
        const out = spawnSync(INTERPRETER, ["run.js"], { cwd: dir, encoding: "utf8", timeout: 60000 });
        const line = (out.stdout || "").split("\n").find((l) => l.indexOf("@@") >= 0);
        assert.ok(line, out.stdout + out.stderr);
        const real = JSON.parse(line!.slice(line!.indexOf("@@") + 2));
        model.storage.powerOn();
        const mine: unknown[] = [JSON.stringify(journalLoad(model.flash, model.storage))];
        journalEvent(1, 0, 0);
        for (const r of run.saves) mine.push(journalSave(r));
        for (const e of run.events) journalEvent(e[0], e[1], e[2]);
        g.print = (...a: unknown[]) => mine.push(a.join(" "));
        journalLog(run.log);
        g.print = saved.print;
        assert.deepEqual(real, mine);
      }
      const bytes = new Uint8Array(fs.readFileSync(path.join(dir, "espruino.flash")));
      const c = BOARD.journal.constants;
      const storage = model.chip.read(c.storage, c.storageEnd - c.storage);
      const raw = model.chip.read(c.raw, c.rawPage);
      assert.deepEqual(Array.from(bytes.slice(0, storage.length)), Array.from(storage), "the Pico's Storage: the start of the file");
      assert.deepEqual(Array.from(bytes.slice(LINUX_TOP - raw.length)), Array.from(raw), "sector 7: the top of the file");
      assert.ok((model.chip.pageErases().get(c.raw) || 0) >= 1, "a rotation erased sector 7");
    } finally {
      Object.assign(g, saved);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
