// The record as the journal stores it: short printable text, read back exactly, and sanitized so that
// corrupt text never gives a code that should not unlock.
import { strict as assert } from "assert";
import { DEFAULT_CONFIG } from "../../firmware/config";
import { settingKeys } from "../../firmware/record";
import { decodeRecord, encodeRecord } from "../../firmware/record-codec";
import { record } from "./helpers";

describe("record codec", () => {
  it("its limits are the lock's: 30 codes of 4-8 digits, settings in menu order", () => {
    assert.deepEqual([DEFAULT_CONFIG.maxUserCodes, DEFAULT_CONFIG.minCodeLength, DEFAULT_CONFIG.maxCodeLength], [30, 4, 8]);
    assert.deepEqual(settingKeys(), ["autoLock", "audio", "oneTouch", "statusLed"]);
  });

  it("reads back every record exactly (the lockout is kept apart)", () => {
    for (let n = 0; n < 200; n++) {
      const r = record(n, n % 31);
      assert.deepEqual(decodeRecord(encodeRecord(r)), r);
    }
  });

  it("is printable ASCII, at most 296 characters for 30 codes of 8 digits, a mastercode and a handing", () => {
    const r = record(1, 0);
    for (let i = 0; i < 30; i++) r.codes.push(String(10000000 + i));
    r.master = "87654321";
    r.handing = { extend: "B", extendMs: 60000, retractMs: 60000 };
    const t = encodeRecord(r);
    assert.ok(t.length <= 296, `${t.length}`);
    for (let i = 0; i < t.length; i++) assert.ok(t.charCodeAt(i) >= 32 && t.charCodeAt(i) < 127);
  });

  it("drops codes of the wrong shape, duplicates, the mastercode and codes past 30; a bad mastercode is none", () => {
    const many = Array.from({ length: 35 }, (_, i) => String(1000 + i)).join(",");
    assert.deepEqual(decodeRecord("123,12345678901,12a4,1234,1234,5555;5555;1111;")?.codes, ["1234"]);
    assert.equal(decodeRecord(many + ";;1111;")?.codes.length, 30);
    assert.equal(decodeRecord("1234;55x5;1111;")?.master, "");
  });

  it("a setting is on only when it says 1; a handing that does not parse is none; the wrong number of fields is nothing", () => {
    assert.deepEqual(decodeRecord(";;1?0;")?.settings, { autoLock: true, audio: false, oneTouch: false, statusLed: false });
    for (const h of ["C800,900", "A0,900", "A800,60001", "A800", "A8.5,900", "Axyz"]) assert.equal(decodeRecord(";;1111;" + h)?.handing, null, h);
    assert.equal(decodeRecord("1234;;1111"), null);
    assert.equal(decodeRecord("1234;;1111;;"), null);
    assert.equal(decodeRecord(""), null);
  });
});
