// Espruino 2v29 checks Storage at the first boot after power-on (jsiSemiInit: jsfIsStorageValid) and,
// when it finds it corrupt, erases all of it, the image (.bootcde) included. The flash model does the same.
import { strict as assert } from "assert";
import { createFlashStorage, PowerCut } from "../../sim/espruino/flash";
import { runUntilCut } from "./run-until-cut";

function withImage() {
  const flash = createFlashStorage({ sizeBytes: 16384, pageSize: 4096 });
  flash.write(".bootcde", "x".repeat(5000));
  flash.write("a", "hello");
  return flash;
}

describe("flash model: the check at power-up and the erase-all", () => {
  it("intact Storage passes and nothing is erased", () => {
    const flash = withImage();
    assert.equal(flash.isValid(), true);
    flash.powerOn();
    assert.deepEqual(flash.list(), [".bootcde", "a"]);
    assert.equal(flash.flashWear().storageResets, 0);
  });

  it("garbage where the chain ends is ignored when the next page starts erased, as Espruino does", () => {
    const flash = withImage();
    const end = flash.start + 32 + 5000 + 32 + 8; // after "a" (5 bytes padded to 8)
    flash.chip.program(end, [0x12, 0x34, 0x56, 0x78]);
    assert.equal(flash.isValid(), true);
  });

  it("garbage at the start of the next page as well makes Storage corrupt: the next power-up erases everything, the image included", () => {
    const flash = withImage();
    const end = flash.start + 32 + 5000 + 32 + 8;
    flash.chip.program(end, [0x12, 0x34, 0x56, 0x78]);
    flash.chip.program(flash.start + 8192, [0, 1, 2, 3]);
    assert.equal(flash.isValid(), false);
    flash.cutPowerAt(0);
    runUntilCut(flash, () => flash.write("b", "y"));
    flash.powerOn();
    assert.deepEqual(flash.list(), [], "Storage was erased");
    assert.equal(flash.read(".bootcde"), undefined, "the image is gone");
    assert.equal(flash.flashWear().storageResets, 1);
  });

  it("a file whose size runs past the end of Storage is corrupt", () => {
    const flash = createFlashStorage({ sizeBytes: 8192, pageSize: 4096 });
    flash.chip.program(flash.start, [0xf0, 0xff, 0x00, 0x00, 0x61, 0, 0, 0]);
    assert.equal(flash.isValid(), false);
  });

  it("a cut during a page erase leaves the page indeterminate: bits only go back towards 1", () => {
    const flash = createFlashStorage({ sizeBytes: 8192, pageSize: 4096, seed: 3 });
    flash.write("f", "\x00".repeat(1000));
    flash.cutPowerAt(0);
    assert.throws(() => flash.chip.erasePage(flash.start), PowerCut);
    flash.chip.powerOn();
    const bytes = flash.chip.read(flash.start + 32, 1000);
    const values = new Set(bytes);
    assert.ok(values.size > 100, "neither erased nor as before");
    assert.ok(flash.chip.read(flash.start + 4096, 16).every((b) => b === 0xff), "the next page is untouched");
  });

  it("a cut during the erase-all leaves a Storage the next power-up erases again", () => {
    const flash = withImage();
    flash.chip.program(flash.start + 32 + 5000 + 32 + 8, [0x12, 0x34, 0x56, 0x78]);
    flash.chip.program(flash.start + 8192, [0, 1, 2, 3]);
    flash.cutPowerAt(1); // the second page of the erase-all
    assert.throws(() => flash.powerOn(), PowerCut);
    flash.powerOn();
    assert.equal(flash.isValid(), true);
    assert.deepEqual(flash.list(), []);
  });
});
