// Where each board keeps its journal, checked against its chip's flash map as Espruino 2v29 lays it out.
import { strict as assert } from "assert";
import { journalConstants } from "../../tools/journal/constants";
import { validateBoards, validateLayout } from "../../tools/journal/validate";

describe("journal layouts: each board's pages, checked against its chip", () => {
  it("every board's layout holds: at least 2 pages and 500 events after any rotation", () => {
    const reports = validateBoards();
    assert.deepEqual(reports.flatMap((r) => r.problems), []);
    assert.deepEqual(
      reports.map((r) => [r.board, r.units.length]),
      [["proto-esp32", 16], ["proto-mdbt42q", 3], ["proto-pico", 2]],
    );
  });

  it("the image gets the layout as numbers", () => {
    assert.deepEqual(journalConstants("proto-pico", "stm32f401"), { ss: 0x08004000, se: 0x08010000, ra: 0x08060000, rn: 1, rp: 131072, ap: 16384 });
    assert.deepEqual(journalConstants("proto-mdbt42q", "nrf52832"), { ss: 0x6c000, se: 0x76000, ra: 0, rn: 0, rp: 0, ap: 4096 });
    assert.deepEqual(journalConstants("proto-esp32", "esp32"), { ss: 0x320000, se: 0x400000, ra: 0x310000, rn: 16, rp: 4096, ap: 0 });
  });

  it("refuses the ESP32's last getFree() area: it lies inside Storage", () => {
    const r = validateLayout("x", "esp32", 20000, { raw: { addr: 0x360000, length: 0x10000 }, arena: false, why: "" });
    assert.ok(r.problems.some((p) => /overlaps Storage/.test(p)), r.problems.join("; "));
  });

  it("refuses a raw region getFree() does not list, or one that is not whole pages", () => {
    assert.ok(validateLayout("x", "nrf52832", 20000, { raw: { addr: 0x60000, length: 0x2000 }, arena: false, why: "" }).problems.some((p) => /getFree/.test(p)));
    assert.ok(validateLayout("x", "stm32f401", 20000, { raw: { addr: 0x08060000, length: 0x1000 }, arena: false, why: "" }).problems.some((p) => /whole pages/.test(p)));
    assert.ok(validateLayout("x", "stm32f401", 20000, { raw: { addr: 0x08040000, length: 0x20000 }, arena: false, why: "" }).problems.some((p) => /firmware/.test(p)));
  });

  it("refuses the Pico without its Storage page, and the nRF52 with an image that leaves Storage 2 pages (431 events)", () => {
    assert.ok(validateLayout("x", "stm32f401", 20000, { raw: { addr: 0x08060000, length: 0x20000 }, arena: false, why: "" }).problems.some((p) => /1 unit/.test(p)));
    assert.ok(validateLayout("proto-mdbt42q", "nrf52832", 32000).problems.some((p) => /only 431 events/.test(p)));
  });
});
