// require("Flash") in the model, per board: what getFree() and getPage() report on each Espruino build,
// writes at any alignment that only clear bits, page erases, and cuts inside both.
import { strict as assert } from "assert";
import { boardFlashOf as createBoardFlash } from "../../sim/espruino/board-flash-file";
import { createFakeEspruino } from "../../sim/espruino/fake";
import { PowerCut } from "../../sim/espruino/flash";

describe("flash model: require(\"Flash\") on each board", () => {
  it("getFree() lists what Espruino 2v29 lists, overlaps included", () => {
    assert.deepEqual(createBoardFlash("proto-pico").flash.getFree(), [{ addr: 0x08060000, length: 131072 }]);
    assert.deepEqual(createBoardFlash("proto-mdbt42q").flash.getFree(), []);
    const esp = createBoardFlash("proto-esp32");
    assert.deepEqual(esp.flash.getFree(), [
      { addr: 0xe000, length: 0x2000 },
      { addr: 0x310000, length: 0x10000 },
      { addr: 0x360000, length: 0xa0000 },
    ]);
    assert.ok(0x360000 >= esp.storage.start && 0x360000 < esp.storage.end, "the last entry lies inside Storage");
  });

  it("getPage() gives each chip's page map: 16 KB and 128 KB sectors on the Pico, 4 KB pages elsewhere", () => {
    const pico = createBoardFlash("proto-pico").flash;
    assert.deepEqual(pico.getPage(0x08004000 + 5), { addr: 0x08004000, length: 16384 });
    assert.deepEqual(pico.getPage(0x08070000), { addr: 0x08060000, length: 131072 });
    assert.deepEqual(createBoardFlash("proto-esp32").flash.getPage(0x310123), { addr: 0x310000, length: 4096 });
    assert.deepEqual(createBoardFlash("proto-mdbt42q").flash.getPage(0x6c000 + 4097), { addr: 0x6d000, length: 4096 });
  });

  it("write() takes any alignment and only clears bits; read() returns a Uint8Array", () => {
    const { flash } = createBoardFlash("proto-esp32");
    flash.write([0xf0, 0x0f, 0x55], 0x310001);
    flash.write("\x0f", 0x310001);
    assert.deepEqual(Array.from(flash.read(6, 0x310000)), [0xff, 0x00, 0x0f, 0x55, 0xff, 0xff]);
    assert.ok(flash.read(4, 0x310000) instanceof Uint8Array);
    assert.throws(() => flash.write(undefined as unknown as string, 0x310000), /not defined/);
  });

  it("erasePage() erases the whole page holding the address; a word write is one step, an erase one step", () => {
    const bf = createBoardFlash("proto-pico");
    const s0 = bf.chip.steps();
    bf.flash.write([1, 2, 3, 4, 5, 6, 7, 8], 0x08060000);
    assert.equal(bf.chip.steps() - s0, 2);
    bf.flash.erasePage(0x08070000);
    assert.equal(bf.chip.steps() - s0, 3);
    assert.deepEqual(Array.from(bf.flash.read(8, 0x08060000)), [255, 255, 255, 255, 255, 255, 255, 255]);
    assert.equal(bf.flash.pageErases().get(0x08060000), 1);
    assert.throws(() => bf.flash.erasePage("0x08060000" as unknown as number), /integer/);
  });

  it("the firmware and the bootloader are not modelled: touching them fails the test", () => {
    const { flash } = createBoardFlash("proto-pico");
    assert.throws(() => flash.erasePage(0x08010000));
    assert.throws(() => flash.write([0], 0x08000000));
  });

  it("a cut inside a raw write or erase stops the CPU until power returns", () => {
    const bf = createBoardFlash("proto-esp32");
    bf.chip.cutPowerAt(1);
    assert.throws(() => bf.flash.write([0, 0, 0, 0, 0, 0, 0, 0], 0x310000), PowerCut);
    assert.throws(() => bf.flash.read(4, 0x310000), PowerCut);
    bf.storage.powerOn();
    const b = bf.flash.read(8, 0x310000);
    assert.deepEqual(Array.from(b.slice(0, 4)), [0, 0, 0, 0], "the first word was written");
  });

  it("the board's image goes into Storage as .bootcde", () => {
    const bf = createBoardFlash("proto-mdbt42q", { image: "print(1)" });
    assert.equal(bf.storage.read(".bootcde"), "print(1)");
    assert.equal(bf.storage.start, 0x6c000);
  });
});

describe("fake Espruino: require(\"Flash\")", () => {
  it("gives the board's raw flash when one is wired in, and fails as Espruino does for an unknown module otherwise", () => {
    const bf = createBoardFlash("proto-pico");
    const fake = createFakeEspruino({ pins: [], storage: bf.storage, flash: bf.flash });
    const req = fake.globals.require as (name: string) => unknown;
    // (through the fake's API traps, as every Espruino call is)
    const flash = req("Flash") as FlashLib;
    assert.deepEqual(flash.getFree(), bf.flash.getFree());
    flash.write([1, 2, 3, 4], 0x08060000);
    assert.deepEqual(Array.from(bf.flash.read(4, 0x08060000)), [1, 2, 3, 4]);
    assert.deepEqual((req("Storage") as StorageLib).list(), bf.storage.list());
    const bare = createFakeEspruino({ pins: [] }).globals.require as (name: string) => unknown;
    assert.throws(() => bare("Flash"), /not found/);
  });
});
