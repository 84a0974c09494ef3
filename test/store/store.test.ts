// The lock keeps its record in flash: round trips, no wear without a change, two alternating slots.
import { strict as assert } from "assert";
import { DEFAULT_CONFIG } from "../../firmware/config";
import { defaultRecord } from "../../firmware/record";
import { flashKv } from "../support/flash-kv";
import { createFlashStorage, PowerCut } from "../../sim/espruino/flash";
import { bootStore, sampleRecord, slotText, stored } from "./helpers";

function totalWrites(flash: ReturnType<typeof createFlashStorage>): number {
  const stats = flash.stats();
  return Object.keys(stats).reduce((n, k) => n + stats[k].writes, 0);
}

describe("record store", () => {
  it("a new lock loads the default record: no codes, no mastercode, default settings, no lockout, no handing", () => {
    const store = bootStore(createFlashStorage());
    const r = store.load();
    assert.deepEqual(r, defaultRecord());
    assert.deepEqual(store.defaultRecord(), r);
    assert.deepEqual(r.codes, []);
    assert.equal(r.master, "");
    assert.equal(r.handing, null);
  });

  it("a saved record comes back after a power-up", () => {
    const flash = createFlashStorage();
    const store = bootStore(flash);
    store.load();
    for (let n = 0; n < 12; n++) {
      assert.equal(store.save(sampleRecord(n)), true);
      assert.deepEqual(bootStore(flash).load(), sampleRecord(n), `record ${n}`);
    }
  });

  it("saving an unchanged record writes nothing", () => {
    const flash = createFlashStorage();
    const store = bootStore(flash);
    store.load();
    assert.equal(store.save(defaultRecord()), false, "the default on a new lock");
    assert.equal(totalWrites(flash), 0);
    assert.equal(store.save(sampleRecord(1)), true);
    assert.equal(store.save(sampleRecord(1)), false);
    assert.equal(totalWrites(flash), 1);
    // the same record with its keys in another order is the same record
    const r = sampleRecord(1);
    const reordered = { handing: r.handing, lockout: r.lockout, settings: r.settings, master: r.master, codes: r.codes };
    assert.equal(store.save(reordered), false);
    // after a power-up, the loaded record is what was saved
    const again = bootStore(flash);
    assert.equal(again.save(again.load()), false);
    assert.equal(totalWrites(flash), 1);
  });

  it("saves alternate between the two slots, and each save writes one slot once", () => {
    const flash = createFlashStorage();
    const store = bootStore(flash);
    store.load();
    for (let n = 0; n < 6; n++) store.save(sampleRecord(n));
    const stats = flash.stats();
    assert.deepEqual(Object.keys(stats).sort(), ["lk.a", "lk.b"]);
    assert.equal(stats["lk.a"].writes, 3);
    assert.equal(stats["lk.b"].writes, 3);
    assert.match(flash.read("lk.a") as string, /^5:/, "the newest (sequence 5) went into lk.a");
    assert.match(flash.read("lk.b") as string, /^6:/);
  });

  it("save before load continues after the newest record in flash, not over it", () => {
    const flash = createFlashStorage();
    const first = bootStore(flash);
    first.save(sampleRecord(1));
    first.save(sampleRecord(2)); // lk.b holds the newest
    const second = bootStore(flash);
    assert.equal(second.save(sampleRecord(3)), true);
    assert.match(flash.read("lk.a") as string, /^3:/);
    assert.deepEqual(bootStore(flash).load(), sampleRecord(3));
  });

  it("slots are `<sequence>:<adler32>:<json>` written with plain JSON", () => {
    const flash = createFlashStorage();
    bootStore(flash).save(sampleRecord(4));
    const text = flash.read("lk.a") as string;
    const json = text.slice(text.indexOf(":", 2) + 1);
    assert.equal(text, slotText(1, json));
    assert.deepEqual(JSON.parse(json), stored(sampleRecord(4)));
  });

  it("the newest sequence wins across a wrap-around", () => {
    const flash = createFlashStorage();
    const json = (n: number) => JSON.stringify(stored(sampleRecord(n)));
    flash.write("lk.a", slotText(999999999, json(1)));
    flash.write("lk.b", slotText(0, json(2)));
    const store = bootStore(flash);
    assert.deepEqual(store.load(), sampleRecord(2), "0 follows 999999999");
    store.save(sampleRecord(3));
    assert.match(flash.read("lk.a") as string, /^1:/);
    assert.deepEqual(bootStore(flash).load(), sampleRecord(3));
  });

  it("a save survives Storage compaction when no power is cut", () => {
    const flash = createFlashStorage({ sizeBytes: 4096, pageSize: 1024 });
    flash.write(".bootcde", "x".repeat(1500));
    const store = bootStore(flash);
    store.load();
    for (let n = 0; n < 30; n++) {
      assert.equal(store.save(sampleRecord(n)), true);
      assert.deepEqual(bootStore(flash).load(), sampleRecord(n));
    }
    assert.ok(flash.flashWear().compactions > 0, "compaction happened");
    assert.equal(flash.read(".bootcde"), "x".repeat(1500));
  });

  it("when flash is full the save reports false and the previous record stays", () => {
    const flash = createFlashStorage({ sizeBytes: 2048, pageSize: 512 });
    const store = bootStore(flash);
    store.load();
    store.save(sampleRecord(1));
    flash.write("filler", "f".repeat(2048 - 2 * 32 - 400)); // leaves no room for another slot
    const big = { ...sampleRecord(2), codes: Array.from({ length: 30 }, (_, i) => String(10000000 + i)) };
    assert.equal(store.save(big), false);
    assert.deepEqual(bootStore(flash).load(), sampleRecord(1));
  });
});

describe("Storage kv", () => {
  it("reads a string or undefined, and writes", () => {
    const kv = flashKv(createFlashStorage());
    assert.equal(kv.read("k"), undefined);
    assert.equal(kv.write("k", "v"), true);
    assert.equal(kv.read("k"), "v");
  });

  it("returns false instead of throwing when Storage refuses a write", () => {
    const kv = flashKv(createFlashStorage({ sizeBytes: 1024, pageSize: 256 }));
    assert.equal(kv.write("big", "x".repeat(5000)), false);
    assert.equal(kv.write("empty", ""), false);
  });

  it("lets the flash model's power cut unwind the caller", () => {
    const flash = createFlashStorage();
    const kv = flashKv(flash);
    flash.cutPowerAt(0);
    assert.throws(() => kv.write("k", "v"), PowerCut);
  });
});
