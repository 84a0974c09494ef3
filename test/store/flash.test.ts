// The flash model behaves as Espruino's Storage does, power cuts included.
import { strict as assert } from "assert";
import { createFlashStorage, PowerCut } from "../../sim/espruino/flash";
import { runUntilCut } from "./run-until-cut";

describe("flash model: Espruino Storage semantics", () => {
  it("reads a missing file as undefined and a written one as written", () => {
    const flash = createFlashStorage();
    assert.equal(flash.read("nope"), undefined);
    assert.equal(flash.write("greeting", "hello"), true);
    assert.equal(flash.read("greeting"), "hello");
    assert.equal(flash.read("greeting", 1, 3), "ell");
    assert.deepEqual(flash.list(), ["greeting"]);
  });

  it("an identical rewrite touches no flash: no step, no wear, no trash", () => {
    const flash = createFlashStorage();
    flash.write("f", "same");
    const before = flash.steps();
    assert.equal(flash.write("f", "same"), true);
    assert.equal(flash.steps(), before);
    assert.deepEqual(flash.stats().f, { writes: 1, erases: 0, bytesWritten: 4 });
    assert.equal(flash.getStats().trashCount, 0);
  });

  it("a different rewrite deletes the old file first, then writes a header and the data, one step per word", () => {
    const flash = createFlashStorage();
    flash.write("f", "old!");
    const before = flash.steps();
    flash.write("f", "newer");
    assert.equal(flash.steps() - before, 1 + 8 + 2); // delete mark, 8 header words, 5 bytes in 2 words
    assert.equal(flash.read("f"), "newer");
    assert.deepEqual(flash.stats().f, { writes: 2, erases: 1, bytesWritten: 9 });
    const s = flash.getStats();
    assert.equal(s.fileCount, 1);
    assert.equal(s.trashCount, 1);
  });

  it("a cut before each step of a rewrite leaves the old file, no file, or the new one with its unwritten words 0xFF", () => {
    const flash = createFlashStorage();
    flash.write("f", "old");
    const snap = flash.snapshot();
    const text = "brand new";
    const steps = 1 + 8 + 3;
    for (let k = 0; k < steps; k++) {
      flash.restore(snap);
      flash.cutPowerAt(k, "before");
      assert.throws(() => flash.write("f", text), PowerCut);
      flash.powerOn();
      const got = flash.read("f");
      if (k === 0) assert.equal(got, "old", "cut before the delete");
      else if (k < 9) assert.equal(got, undefined, `cut after the delete and ${k - 1} header words`);
      else {
        const done = Math.min(text.length, 4 * (k - 9));
        assert.equal(got, text.slice(0, done) + "\xFF".repeat(text.length - done), `cut after ${k - 9} data words`);
      }
      assert.equal(flash.isValid(), true, "Storage stays valid");
    }
    flash.restore(snap);
    flash.cutPowerAt(steps, "before");
    flash.write("f", text); // the cut falls after the last step: the write completes
    assert.equal(flash.read("f"), text);
  });

  it("a cut that tears a word write programs only some of the bits it was to clear", () => {
    const flash = createFlashStorage({ seed: 5 });
    flash.write("f", "\xFF".repeat(8), 0, 8);
    const tears: number[] = [];
    for (let seed = 0; seed < 20; seed++) {
      const snap = flash.snapshot();
      flash.cutPowerAt(0); // tear the first (and only) word of this write
      runUntilCut(flash, () => flash.write("f", "\x00\x00\x00\x00", 4));
      flash.powerOn();
      const got = flash.read("f") as string;
      assert.equal(got.slice(0, 4), "\xFF\xFF\xFF\xFF", "the word before is untouched");
      for (let i = 4; i < 8; i++) tears.push(got.charCodeAt(i));
      flash.restore(snap);
    }
    assert.ok(tears.some((b) => b !== 0 && b !== 0xff), "some bytes are half programmed");
  });

  it("after a cut every call throws PowerCut until power returns", () => {
    const flash = createFlashStorage();
    flash.write("f", "x");
    flash.cutPowerAt(0, "before");
    assert.equal(runUntilCut(flash, () => flash.write("f", "y")), true);
    assert.throws(() => flash.read("f"), PowerCut);
    assert.throws(() => flash.write("g", "z"), PowerCut);
    flash.powerOn();
    assert.equal(flash.read("f"), "x");
  });

  it("writeJSON writes unquoted keys: JSON.parse of read() throws, readJSON reads it back", () => {
    const flash = createFlashStorage();
    const data = { codes: ["1234"], "odd key": 1, 7: true, nested: { x: null }, gone: undefined };
    flash.writeJSON("j", data);
    assert.equal(flash.read("j"), '{7:true,codes:["1234"],"odd key":1,nested:{x:null}}');
    assert.throws(() => JSON.parse(flash.read("j") as string), SyntaxError);
    assert.deepEqual(flash.readJSON("j"), { 7: true, codes: ["1234"], "odd key": 1, nested: { x: null } });
    assert.equal(flash.readJSON("missing"), undefined);
  });

  it("readJSON of a truncated file throws, or gives undefined with noExceptions", () => {
    const flash = createFlashStorage();
    flash.cutPowerAt(8 + 2, "before"); // the header and two words of data
    runUntilCut(flash, () => flash.writeJSON("j", { a: [1, 2, 3] }));
    flash.powerOn();
    assert.throws(() => flash.readJSON("j"));
    assert.equal(flash.readJSON("j", true), undefined);
  });

  it("names are up to 28 characters; a longer name, an empty file and a write with no room throw", () => {
    const flash = createFlashStorage({ sizeBytes: 1024, pageSize: 256 });
    const name28 = "n".repeat(28);
    flash.write(name28, "ok");
    assert.equal(flash.read(name28), "ok");
    assert.throws(() => flash.write("n".repeat(29), "x"));
    assert.throws(() => flash.write("empty", ""), /zero length/);
    assert.throws(() => flash.write("huge", "x".repeat(2000)), /Unable to find or create file/);
  });

  it("a write with no room even after compaction has already deleted the old file, as Espruino does", () => {
    const flash = createFlashStorage({ sizeBytes: 1024, pageSize: 256 });
    flash.write("keep", "precious");
    assert.throws(() => flash.write("keep", "y".repeat(1000)), /Unable to find or create file/);
    assert.equal(flash.read("keep"), undefined);
  });

  it("a write that does not fit compacts first: the trash goes, every live file stays", () => {
    const flash = createFlashStorage({ sizeBytes: 2048, pageSize: 512 });
    flash.write("a", "A".repeat(100));
    flash.writeJSON("b", { b: 2 });
    for (let i = 0; i < 40; i++) flash.write("c", "churn " + i + " " + "c".repeat(60));
    assert.ok(flash.flashWear().compactions >= 1, "compacted");
    assert.ok(flash.flashWear().pageErases >= 1);
    assert.equal(flash.read("a"), "A".repeat(100));
    assert.deepEqual(flash.readJSON("b"), { b: 2 });
    assert.equal(flash.read("c"), "churn 39 " + "c".repeat(60));
    assert.deepEqual(flash.list().sort(), ["a", "b", "c"]);
  });

  it("compact() frees all trash and keeps every live file", () => {
    const flash = createFlashStorage({ sizeBytes: 4096, pageSize: 1024 });
    for (let i = 0; i < 10; i++) flash.write("x", "version " + i);
    flash.write("y", "why");
    const free = flash.getFree();
    flash.compact();
    const s = flash.getStats();
    assert.equal(s.trashCount, 0);
    assert.equal(s.fileCount, 2);
    assert.ok(flash.getFree() > free);
    assert.equal(s.freeBytes, s.totalBytes - s.fileBytes);
    assert.equal(flash.read("x"), "version 9");
    assert.equal(flash.read("y"), "why");
  });

  it("a cut while compaction rewrites a page loses the files in it (Espruino's own hazard)", () => {
    const flash = createFlashStorage({ sizeBytes: 4096, pageSize: 1024 });
    flash.write("trash", "t".repeat(300));
    flash.erase("trash");
    flash.write("keep", "k".repeat(200));
    const snap = flash.snapshot();
    const s0 = flash.steps();
    flash.compact();
    const steps = flash.steps() - s0;
    let lost = 0;
    for (let k = 0; k < steps; k++) {
      flash.restore(snap);
      flash.cutPowerAt(k, "before");
      runUntilCut(flash, () => flash.compact());
      flash.powerOn();
      const got = flash.read("keep");
      if (got !== "k".repeat(200)) lost++;
      if (k === 0) assert.equal(got, "k".repeat(200), "nothing is lost before the first page erase");
    }
    assert.ok(lost > 0, "some cut points lose the file that was being moved");
  });

  it("write with an offset fills a file created bigger than its first data", () => {
    const flash = createFlashStorage();
    flash.write("p", "Hello", 0, 14);
    flash.write("p", " ", 5);
    flash.write("p", "World!!!", 6);
    assert.equal(flash.read("p"), "Hello World!!!");
    assert.throws(() => flash.write("p", "again", 6), /already written/);
  });

  it("snapshot and restore put back content and wear, and disarm a pending cut", () => {
    const flash = createFlashStorage();
    flash.write("f", "one");
    const snap = flash.snapshot();
    flash.write("f", "two");
    flash.cutPowerAt(0);
    flash.restore(snap);
    assert.equal(flash.read("f"), "one");
    assert.deepEqual(flash.stats().f, { writes: 1, erases: 0, bytesWritten: 3 });
    flash.write("f", "three"); // no cut: restore disarmed it
    assert.equal(flash.read("f"), "three");
  });
});
