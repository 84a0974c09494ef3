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

  it("keeps the persisted record's keys, so flash written by one build is read by the next", () => {
    for (const name of ["codes", "master", "settings", "lockout", "handing", "autoLock", "audio", "oneTouch", "statusLed", "active", "lastMs", "extend", "extendMs", "retractMs"]) {
      assert.ok(!pattern.test(name), name);
    }
  });

  it("keeps what the console shows (Latchkey.status(), Latchkey.battery())", () => {
    for (const name of ["status", "battery", "mode", "locked", "handed", "lockedOut", "level", "rest", "loaded"]) assert.ok(!pattern.test(name), name);
  });

  it("leaves const enum members alone, so the build writes their values in place (a mangled member reads undefined)", () => {
    for (const name of ["READY", "WAIT_RESET", "AUTO_LOCK", "STATUS_OFF", "MAX_MEASURE_STROKES", "NEW_MASTER_SECOND"]) assert.ok(!pattern.test(name), name);
  });
});
