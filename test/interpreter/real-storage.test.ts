// The flash model against Espruino's real Linux interpreter (2v29.277): the same Storage and Flash calls
// must leave the same bytes in flash, and the same corruptions must give the same verdict at power-up.
// Runs on the interpreter `make espruino` builds; skipped without it.
import { strict as assert } from "assert";
import { seededRandom } from "../../sim/model/battery";
import { Call, powerUpOnInterpreter, runOnInterpreter, runOnModel } from "./linux-flash";
import { skipWithoutInterpreter } from "./needs-interpreter";

const BASE = 0x10000000;

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe("flash model against the real interpreter", function () {
  this.timeout(120000);
  beforeEach(function () {
    skipWithoutInterpreter(this);
  });

  it("Storage writes, offsets and sizes, rewrites, deletes, a compaction and raw Flash calls leave the same bytes", () => {
    const calls: Call[] = [
      ["S", "write", "a", "hello"],
      ["S", "write", "b", "Hello", 0, 14],
      ["S", "write", "b", " ", 5],
      ["S", "write", "b", "World!!!", 6],
      ["S", "write", "b", "again", 6],
      ["S", "write", "a", "hello"],
      ["S", "write", "a", "changed!"],
      ["S", "writeJSON", "j", { x: 1, y: [1, 2] }],
      ["S", "erase", "j"],
      ["S", "read", "b"],
    ];
    for (let i = 0; i < 70; i++) calls.push(["S", "write", "c" + (i % 3), "churn" + i + "x".repeat(3000 + i)]);
    calls.push(["S", "getStats"], ["S", "list"], ["S", "compact"], ["S", "getStats"], ["S", "getFree"]);
    const raw = BASE + 250 * 1024;
    calls.push(
      ["F", "getPage", raw + 7],
      ["F", "write", [1, 2, 3, 4, 5, 6], raw + 3],
      ["F", "read", 12, raw],
      ["F", "erasePage", raw + 1024],
      ["F", "write", "xyz", raw + 1025],
      ["F", "read", 8, raw + 1024],
    );
    const real = runOnInterpreter(calls);
    const model = runOnModel(calls);
    assert.equal(firstDifference(model.model.storage.raw(), real.bytes), -1, "first differing byte");
    assert.deepEqual(model.results, real.results);
    assert.ok(model.model.storage.flashWear().compactions >= 1, "the run compacted");
  });

  it("the power-up check gives Espruino's verdict on 120 corruptions, and the erase-all leaves the same bytes", () => {
    const base: Call[] = [
      ["S", "write", "a", "x".repeat(700)],
      ["S", "write", "bb", "y".repeat(1500)],
      ["S", "write", "c", "z".repeat(300)],
      ["S", "erase", "bb"],
      ["S", "write", "d", "w".repeat(2100)],
    ];
    const image = runOnModel(base).model.storage.raw();
    const chainEnd = 32 + 700 + 32 + 1500 + 32 + 300 + 32 + 2100;
    const random = seededRandom(7);
    let corrupt = 0;
    for (let t = 0; t < 120; t++) {
      const b = image.slice();
      const places = [0, 732, 2264, 2596, chainEnd, chainEnd + 16, 5120, Math.floor(random() * b.length)];
      const at = places[Math.floor(random() * places.length)] + Math.floor(random() * 8);
      for (let k = 0; k < 1 + Math.floor(random() * 4); k++) b[at + k] = random() < 0.5 ? b[at + k] & Math.floor(random() * 256) : Math.floor(random() * 256);
      if (random() < 0.5) b[5120 + Math.floor(random() * 32)] = Math.floor(random() * 256);
      const real = powerUpOnInterpreter(b);
      const model = runOnModel([], b).model.storage;
      assert.equal(!model.isValid(), real.corrupt, `case ${t}: corruption at ${at}`);
      model.powerOn();
      assert.equal(firstDifference(model.raw(), real.bytes), -1, `case ${t}: flash after the power-up`);
      if (real.corrupt) corrupt++;
    }
    assert.ok(corrupt > 20 && corrupt < 100, `${corrupt} of the cases were corrupt`);
  });
});
