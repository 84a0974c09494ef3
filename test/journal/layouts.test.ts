// Where each board keeps its journal (its board file's `journal`), checked by the build against its chip's
// flash map as Espruino 2v29 lays it out, and written into the image as numbers.
import { strict as assert } from "assert";
import * as path from "path";
import { loadBoards } from "../../tools/boards/load";
import { validateLayout } from "../../tools/journal/validate";
import { refusal, variant } from "../boards/variant";

const BOARDS_DIR = path.join(__dirname, "..", "..", "boards");
const KB = 1024;

describe("journal layouts: each board's pages, checked against its chip", () => {
  it("every board's layout holds with the largest image its budget allows: at least 2 units and 500 events after any rotation", () => {
    const boards = loadBoards(BOARDS_DIR);
    assert.deepEqual(boards.flatMap((b) => b.journal.problems), []);
    assert.deepEqual(
      boards.map((b) => [b.name, b.journal.units.length, b.journal.fewestEvents]),
      [
        ["proto-esp32", 16, 15 * (512 - 46)],
        ["proto-mdbt42q", 4, 3 * (512 - 46)],
        ["proto-pico", 2, 2048 - 46],
      ],
    );
  });

  it("the image gets the layout as numbers (BOARD.journal)", () => {
    const c = Object.fromEntries(loadBoards(BOARDS_DIR).map((b) => [b.name, b.journal.constants]));
    assert.deepEqual(c["proto-pico"], { storage: 0x08004000, storageEnd: 0x08010000, raw: 0x08060000, rawPages: 1, rawPage: 128 * KB, arenaPage: 16 * KB, unit: 16 * KB });
    assert.deepEqual(c["proto-mdbt42q"], { storage: 0x6c000, storageEnd: 0x76000, raw: 0, rawPages: 0, rawPage: 0, arenaPage: 4 * KB, unit: 4 * KB });
    assert.deepEqual(c["proto-esp32"], { storage: 0x320000, storageEnd: 0x400000, raw: 0x310000, rawPages: 16, rawPage: 4 * KB, arenaPage: 0, unit: 4 * KB });
  });

  const layout = (raw: { addr: number; length: number } | null, arena: boolean, unitBytes = 4096) => ({ raw, arena, unitBytes, why: "" });

  it("refuses the ESP32's last getFree() area: it lies inside Storage", () => {
    const r = validateLayout("x", "esp32", 20000, layout({ addr: 0x360000, length: 0x10000 }, false));
    assert.ok(r.problems.some((p) => /overlaps Storage/.test(p)), r.problems.join("; "));
  });

  it("refuses a raw region getFree() does not list, one over the firmware, or one that is not whole pages", () => {
    assert.ok(validateLayout("x", "nrf52832", 20000, layout({ addr: 0x60000, length: 0x2000 }, false)).problems.some((p) => /getFree/.test(p)));
    assert.ok(validateLayout("x", "stm32f401", 20000, layout({ addr: 0x08060000, length: 0x1000 }, false)).problems.some((p) => /whole pages/.test(p)));
    assert.ok(validateLayout("x", "stm32f401", 20000, layout({ addr: 0x08040000, length: 0x20000 }, false)).problems.some((p) => /firmware/.test(p)));
  });

  it("refuses the Pico without its Storage page, an nRF52 image that leaves Storage 2 pages or 1, units larger than a page", () => {
    assert.ok(validateLayout("x", "stm32f401", 20000, layout({ addr: 0x08060000, length: 0x20000 }, false, 16384)).problems.some((p) => /1 unit/.test(p)));
    assert.ok(validateLayout("x", "nrf52832", 32000, layout(null, true)).problems.some((p) => /keeps only 466 events/.test(p)));
    assert.ok(validateLayout("x", "nrf52832", 34000, layout(null, true)).problems.some((p) => /1 unit/.test(p)));
    assert.ok(validateLayout("x", "nrf52832", 20000, layout(null, true, 8192)).problems.some((p) => /more than the 4096-byte page/.test(p)));
  });

  it("the build refuses a board file whose journal does not fit, naming the field", () => {
    assert.match(refusal(variant("proto-pico", (d) => (d.journal.raw.addr = "0x08004000"))), /boards\/bad\.json: journal: raw region 0x8004000\+131072 .*overlaps Storage/);
    assert.match(refusal(variant("proto-pico", (d) => (d.budget.minifiedBytes = 33000))), /boards\/bad\.json: journal: 1 unit\(s\) with an image of 33000 bytes/);
    assert.match(refusal(variant("proto-mdbt42q", (d) => (d.journal.unitBytes = 8192))), /journal: unitBytes 8192 is more than the 4096-byte page/);
    assert.match(refusal(variant("proto-esp32", (d) => delete d.journal)), /boards\/bad\.json: journal: missing/);
  });
});
