// SPEC 9: power may fail at any instant of a save; afterwards the lock holds the record from before
// the save or the one after it, never an empty or default one.
//
// These cuts land between flash steps ("before" a word write), as the flash model did when this store was
// written. A cut that tears a word (the model's default) can leave a torn file header at the end of
// Storage; this store's next rewrite then programs a new header over it, and its saves stop landing.
// The journal (firmware/journal.ts, test/journal) replaces this store and never creates a Storage file
// after the first power-up.
import { strict as assert } from "assert";
import type { LockRecord } from "../../firmware/record";
import { createFlashStorage } from "../../sim/espruino/flash";
import { bootStore, rebootAndLoad, runUntilCut, sampleRecord, seededRandom } from "./helpers";

/** A record with many long codes, so that a save has many steps. */
function bigRecord(n: number): LockRecord {
  const codes: string[] = [];
  for (let i = 0; i < 30; i++) codes.push(String(20000000 + n * 1000 + i));
  return { ...sampleRecord(n), codes };
}

describe("power cut during a save", () => {
  const cases: Array<[string, LockRecord[], LockRecord]> = [
    ["the first save on a new lock", [], sampleRecord(1)],
    ["a small change, both slots in use", [sampleRecord(1), sampleRecord(99), sampleRecord(1)], sampleRecord(2)],
    ["a full code table", [bigRecord(1), bigRecord(3), bigRecord(1)], bigRecord(2)],
  ];
  cases.forEach(([label, history, after]) => {
    it(`at every step of ${label}: the record before or after, never lost`, () => {
      const flash = createFlashStorage({ sizeBytes: 16384, pageSize: 4096 });
      const store = bootStore(flash);
      history.forEach((r) => store.save(r));
      const before = bootStore(flash).load();
      const snap = flash.snapshot();
      const s0 = flash.steps();
      assert.equal(bootStore(flash).save(after), true);
      const steps = flash.steps() - s0;
      assert.ok(steps > JSON.stringify(after).length / 4, "a save is a delete, a header and one step per word");

      let sawBefore = 0;
      let sawAfter = 0;
      for (let k = 0; k < steps; k++) {
        flash.restore(snap);
        const running = bootStore(flash);
        running.load();
        flash.cutPowerAt(k, "before");
        assert.equal(runUntilCut(flash, () => running.save(after)), true, `power cut at step ${k}`);
        const got = rebootAndLoad(flash);
        if (JSON.stringify(got) === JSON.stringify(before)) sawBefore++;
        else {
          assert.deepEqual(got, after, `cut at step ${k} of ${steps}`);
          sawAfter++;
        }
        // and the lock carries on: the next save lands and reads back
        const next = bootStore(flash);
        next.load();
        next.save(sampleRecord(42));
        assert.deepEqual(bootStore(flash).load(), sampleRecord(42), `a save after the cut at step ${k}`);
      }
      assert.equal(sawBefore, steps, "a save completes only with its last byte");
      assert.equal(sawAfter, 0);
      assert.equal(flash.flashWear().compactions, 0, "no compaction in these saves (see the compaction case)");
    });
  });

  it("a cut armed just past the last step lets the save complete", () => {
    const flash = createFlashStorage();
    bootStore(flash).save(sampleRecord(1));
    const snap = flash.snapshot();
    const s0 = flash.steps();
    bootStore(flash).save(sampleRecord(2));
    const steps = flash.steps() - s0;
    flash.restore(snap);
    flash.cutPowerAt(steps);
    assert.equal(bootStore(flash).save(sampleRecord(2)), true);
    assert.equal(flash.isPoweredOff(), false);
    assert.deepEqual(rebootAndLoad(flash), sampleRecord(2));
  });

  it("a long run of saves with power cut at random steps never loses a completed save", () => {
    const random = seededRandom(20260419);
    const flash = createFlashStorage({ sizeBytes: 16384, pageSize: 4096 });
    let held = rebootAndLoad(flash); // what the lock holds after its last completed save
    let cuts = 0;
    for (let n = 0; n < 150; n++) {
      const store = bootStore(flash);
      assert.deepEqual(store.load(), held, `power-up ${n}`);
      const next = n % 4 === 3 ? bigRecord(n) : sampleRecord(n);
      const cutting = random() < 0.6;
      if (cutting) flash.cutPowerAt(Math.floor(random() * (JSON.stringify(next).length / 4 + 12)), "before");
      const cut = runUntilCut(flash, () => store.save(next));
      flash.cancelPowerCut();
      const got = rebootAndLoad(flash);
      if (cut) {
        cuts++;
        assert.ok(JSON.stringify(got) === JSON.stringify(held) || JSON.stringify(got) === JSON.stringify(next), `save ${n}`);
      } else {
        assert.deepEqual(got, next, `save ${n} completed`);
      }
      held = got;
      // keep the flash from filling up, so that no compaction falls inside a save (see below)
      if (flash.getFree() < 2000) flash.compact();
    }
    assert.ok(cuts > 50, `power was cut ${cuts} times`);
  });

  it("a save that triggers compaction can lose the record if power is cut while a page is rewritten (Espruino's hazard, documented)", () => {
    const flash = createFlashStorage({ sizeBytes: 4096, pageSize: 1024 });
    flash.write(".bootcde", "x".repeat(1500));
    const store = bootStore(flash);
    store.save(sampleRecord(0));
    let n = 0;
    let snap = flash.snapshot();
    // save until a save compacts; then replay that save with a cut at each of its steps
    for (;;) {
      snap = flash.snapshot();
      const before = flash.flashWear().compactions;
      n++;
      store.save(sampleRecord(n));
      if (flash.flashWear().compactions > before) break;
    }
    const held = sampleRecord(n - 1);
    flash.restore(snap);
    const s0 = flash.steps();
    bootStore(flash).save(sampleRecord(n));
    const steps = flash.steps() - s0;
    let lost = 0;
    for (let k = 0; k < steps; k++) {
      flash.restore(snap);
      const running = bootStore(flash);
      running.load();
      flash.cutPowerAt(k, "before");
      runUntilCut(flash, () => running.save(sampleRecord(n)));
      const got = rebootAndLoad(flash);
      const ok = JSON.stringify(got) === JSON.stringify(held) || JSON.stringify(got) === JSON.stringify(sampleRecord(n));
      if (!ok) {
        lost++;
        assert.deepEqual(got, bootStore(flash).defaultRecord(), "a lost record loads as the default, never as garbage");
      }
    }
    // Known limit: Storage compaction erases a page while its files are only in RAM. The store cannot
    // place its files, so both slots can sit in that page. If this starts failing, the risk is gone.
    assert.ok(lost > 0, "the hazard is still there");
  });
});
