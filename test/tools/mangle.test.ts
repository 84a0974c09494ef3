import { strict as assert } from "assert";
import { mangleablePropsPattern } from "../../tools/mangle";

describe("property names the minified image shortens", () => {
  const pattern = mangleablePropsPattern();

  it("shortens the firmware's own names: config keys, state and effect fields, HAL members", () => {
    for (const name of ["entryTimeoutMs", "awaitingRest", "programDownAt", "verdictPattern", "t", "drive", "limitMs", "outputs"]) assert.ok(pattern.test(name), name);
  });

  it("keeps every name Espruino or JavaScript defines", () => {
    for (const name of ["push", "length", "indexOf", "charCodeAt", "getAnalogVRef", "debounce", "repeat", "edge", "state", "freq", "read", "write", "log", "stringify"]) {
      assert.ok(!pattern.test(name), name);
    }
  });

  it("shortens the record's keys too: the journal keeps the record in flash as text of its own (firmware/journal.ts)", () => {
    for (const name of ["master", "settings", "lockout", "handing", "active", "lastMs", "extend", "extendMs", "retractMs"]) assert.ok(pattern.test(name), name);
  });

  it("keeps what the console shows (Latchkey.status(), battery(), log(n), setTime(t))", () => {
    for (const name of ["status", "battery", "log", "setTime", "mode", "locked", "handed", "codes", "lockedOut", "level", "rest", "loaded"]) assert.ok(!pattern.test(name), name);
  });

  it("leaves const enum members alone, so the build writes their values in place (a mangled member reads undefined)", () => {
    for (const name of ["READY", "WAIT_RESET", "AUTO_LOCK", "STATUS_OFF", "MAX_MEASURE_STROKES", "NEW_MASTER_SECOND"]) assert.ok(!pattern.test(name), name);
  });
});
