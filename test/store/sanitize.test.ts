// Corrupt flash never unlocks the lock, never throws, and loses nothing that is valid.
import { strict as assert } from "assert";
import fc from "fast-check";
import { DEFAULT_CONFIG } from "../../firmware/config";
import type { LockRecord } from "../../firmware/record";
import { createFlashStorage } from "../../sim/espruino/flash";
import { bootStore, sampleRecord, slotText, stored } from "./helpers";

const defaults = DEFAULT_CONFIG.defaults;

/** Loads a lock whose newer slot (lk.b) holds `json` under a valid checksum, and lk.a an older good record. */
function loadWith(json: string, older: LockRecord | null = null): LockRecord {
  const flash = createFlashStorage({ sizeBytes: 32768 });
  if (older) flash.write("lk.a", slotText(1, JSON.stringify(stored(older))));
  flash.write("lk.b", slotText(2, json));
  return bootStore(flash).load();
}

/** What a sane record looks like, field by field. */
function assertSane(r: LockRecord): void {
  assert.ok(Array.isArray(r.codes) && r.codes.length <= DEFAULT_CONFIG.maxUserCodes);
  const codes = r.codes.filter((c) => c !== "");
  assert.equal(new Set(codes).size, codes.length, "no duplicate codes");
  for (const c of codes) assert.match(c, /^[0-9]{4,8}$/);
  assert.notEqual(r.codes[r.codes.length - 1], "", "no empty slot at the end");
  assert.match(r.master, /^(|[0-9]{4,8})$/);
  assert.ok(r.master === "" || !r.codes.includes(r.master), "the mastercode is not a user code");
  assert.ok(Number.isInteger(r.settings) && r.settings >= 0 && r.settings <= 15, "four setting bits");
  assert.equal(typeof r.lockout.active, "boolean");
  assert.ok(Number.isFinite(r.lockout.lastMs) && r.lockout.lastMs >= 0 && r.lockout.lastMs <= DEFAULT_CONFIG.maxLockoutMs);
  if (r.handing !== null) {
    assert.ok(r.handing.extend === "A" || r.handing.extend === "B");
    assert.ok(r.handing.extendMs > 0 && Number.isFinite(r.handing.extendMs));
    assert.ok(r.handing.retractMs > 0 && Number.isFinite(r.handing.retractMs));
  }
}

describe("loading corrupt records", () => {
  it("a slot whose checksum fails is ignored and the other slot is used", () => {
    const flash = createFlashStorage();
    flash.write("lk.a", slotText(1, JSON.stringify(stored(sampleRecord(1)))));
    const good = slotText(2, JSON.stringify(stored(sampleRecord(2))));
    flash.write("lk.b", good.replace('"master":"', '"master":"1')); // one byte off, newer sequence
    assert.deepEqual(bootStore(flash).load(), sampleRecord(1));
  });

  it("garbage in both slots loads the default record", () => {
    for (const junk of ["", "hello", "1:2:3", ":::", "\xFF\xFF\xFF\xFF", "5:123:{", "-1:0:{}", "x".repeat(5000)]) {
      const flash = createFlashStorage();
      if (junk) flash.write("lk.a", junk);
      flash.write("lk.b", slotText(7, "{not json"));
      assert.deepEqual(bootStore(flash).load(), bootStore(flash).defaultRecord(), JSON.stringify(junk.slice(0, 20)));
    }
  });

  it("valid JSON that is not a record object loads the default record", () => {
    for (const json of ["null", "42", '"1234"', "[]", '["1234"]', "true", "{}"]) {
      assert.deepEqual(loadWith(json), bootStore(createFlashStorage()).defaultRecord(), json);
    }
  });

  it("keeps only user codes of 4 to 8 digits, once each, at most 30, each in its slot", () => {
    const codes = [
      "1234", "12345678", "123", "123456789", "12a4", " 1234", "1234 ", "-123", "1.23", "12\u00b34", "", 1234, null, {}, ["5678"],
      "1".repeat(1000), "5678", "1234", "0000",
    ];
    const r = loadWith(JSON.stringify({ ...stored(sampleRecord(1)), master: "", codes }));
    // what is not a code leaves its slot empty: the others keep their slot numbers
    assert.deepEqual(r.codes, ["1234", "12345678", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "5678", "", "0000"]);
    const many = Array.from({ length: 45 }, (_, i) => String(1000 + i));
    assert.deepEqual(loadWith(JSON.stringify({ ...stored(sampleRecord(1)), master: "", codes: many })).codes, many.slice(0, 30));
  });

  it("a user code equal to the mastercode is dropped: the mastercode never unlocks", () => {
    const r = loadWith(JSON.stringify({ ...stored(sampleRecord(1)), master: "4321", codes: ["4321", "1111"] }));
    assert.equal(r.master, "4321");
    assert.deepEqual(r.codes, ["", "1111"]);
  });

  it("a mastercode that is not 4 to 8 digits becomes no mastercode", () => {
    for (const master of ["123", "123456789", "12x4", 1234, null, ["1234"], "1".repeat(1000)]) {
      assert.equal(loadWith(JSON.stringify({ ...stored(sampleRecord(1)), master })).master, "", JSON.stringify(master));
    }
  });

  it("settings of the wrong type take their defaults, one by one", () => {
    const bits = (s: { autoLock: boolean; audio: boolean; oneTouch: boolean; statusLed: boolean }) =>
      (s.autoLock ? 1 : 0) | (s.audio ? 2 : 0) | (s.oneTouch ? 4 : 0) | (s.statusLed ? 8 : 0);
    const r = loadWith(JSON.stringify({ ...stored(sampleRecord(1)), settings: { autoLock: "yes", audio: false, oneTouch: 0, statusLed: true } }));
    assert.equal(r.settings, bits({ autoLock: defaults.autoLock, audio: false, oneTouch: defaults.oneTouch, statusLed: true }));
    assert.equal(loadWith(JSON.stringify({ ...stored(sampleRecord(1)), settings: "on" })).settings, bits(defaults));
  });

  it("a lockout that was running stays running, with a sane length", () => {
    const lockout = (l: unknown) => loadWith(JSON.stringify({ ...stored(sampleRecord(1)), lockout: l })).lockout;
    assert.deepEqual(lockout({ active: true, lastMs: 120000 }), { active: true, lastMs: 120000 });
    assert.deepEqual(lockout({ active: true, lastMs: 1e300 }), { active: true, lastMs: DEFAULT_CONFIG.maxLockoutMs });
    assert.deepEqual(lockout({ active: true, lastMs: -5 }), { active: true, lastMs: DEFAULT_CONFIG.lockoutMs });
    assert.deepEqual(lockout({ active: true, lastMs: "60000" }), { active: true, lastMs: DEFAULT_CONFIG.lockoutMs });
    assert.deepEqual(lockout({ active: "yes", lastMs: 60000 }), { active: false, lastMs: 60000 });
    assert.deepEqual(lockout(null), { active: false, lastMs: 0 });
  });

  it("a handing that is not {extend A|B, positive stroke times} is no handing", () => {
    const handing = (h: unknown) => loadWith(JSON.stringify({ ...stored(sampleRecord(1)), handing: h })).handing;
    assert.deepEqual(handing({ extend: "B", extendMs: 850, retractMs: 790 }), { extend: "B", extendMs: 850, retractMs: 790 });
    for (const bad of [
      { extend: "C", extendMs: 850, retractMs: 790 },
      { extend: "A", extendMs: 0, retractMs: 790 },
      { extend: "A", extendMs: 850, retractMs: -1 },
      { extend: "A", extendMs: "850", retractMs: 790 },
      { extend: "A", extendMs: 1e9, retractMs: 790 },
      { extend: "A" },
      "A",
      [],
    ]) {
      assert.equal(handing(bad), null, JSON.stringify(bad));
    }
  });

  it("a slot far larger than any record is ignored unread, and the older good slot is used", () => {
    const huge = JSON.stringify({ ...stored(sampleRecord(2)), codes: Array.from({ length: 1000 }, (_, i) => String(10000 + i)) });
    assert.deepEqual(loadWith(huge, sampleRecord(1)), sampleRecord(1));
  });

  it("any JSON at all under a valid checksum: never throws, always sane", () => {
    const field = fc.oneof(fc.jsonValue(), fc.constantFrom("1234", "12345678", "A", "B", true, false, 60000, -1, 1e308));
    const recordish = fc.record(
      {
        codes: fc.oneof(fc.array(fc.oneof(fc.stringMatching(/^[0-9]{0,10}$/), field), { maxLength: 40 }), field),
        master: fc.oneof(fc.stringMatching(/^[0-9]{0,10}$/), field),
        settings: fc.oneof(fc.record({ autoLock: field, audio: field, oneTouch: field, statusLed: field }), field),
        lockout: fc.oneof(fc.record({ active: field, lastMs: field }), field),
        handing: fc.oneof(fc.record({ extend: field, extendMs: field, retractMs: field }), field),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(recordish, fc.jsonValue()), (data) => {
        const r = loadWith(JSON.stringify(data));
        assertSane(r);
      }),
      { seed: 419, numRuns: 400 },
    );
  });

  it("a valid record loads exactly as saved", () => {
    for (let n = 0; n < 20; n++) {
      const r = loadWith(JSON.stringify(stored(sampleRecord(n))));
      assert.deepEqual(r, sampleRecord(n));
      assertSane(r);
    }
  });
});
