import { strict as assert } from "assert";
import { createFakeEspruino } from "../../sim/espruino/fake";
import { runImage } from "../../sim/espruino/vm";

function run(code: string) {
  const fake = createFakeEspruino({ pins: ["B2", "B13"] });
  const context = runImage(code, fake, "image.js");
  return { fake, context };
}

describe("running an image in the fake", () => {
  it("the image sees the fake's globals and nothing of Node's", () => {
    const { context } = run(`
      var seen = {
        process: typeof process.memory, env: typeof process.env, setImmediate: typeof setImmediate,
        Buffer: typeof Buffer, module: typeof module, exports: typeof exports, __dirname: typeof __dirname,
        queueMicrotask: typeof queueMicrotask, structuredClone: typeof structuredClone, fetch: typeof fetch,
        pin: String(B13), getTime: typeof getTime,
      };
      var requireFs;
      try { require("fs"); requireFs = "loaded"; } catch (e) { requireFs = "threw"; }
    `);
    assert.deepEqual(JSON.parse(JSON.stringify(context.seen)), {
      process: "function", env: "undefined", setImmediate: "undefined", Buffer: "undefined",
      module: "undefined", exports: "undefined", __dirname: "undefined", queueMicrotask: "undefined",
      structuredClone: "undefined", fetch: "undefined", pin: "B13", getTime: "function",
    });
    assert.equal(context.requireFs, "threw");
  });

  it("global is the global object, as on Espruino (the build reaches require as global.require)", () => {
    const { fake, context } = run(`var storage = global.require("Storage"); var same = global === this;`);
    assert.equal(context.storage, fake.storage);
    assert.equal(context.same, true);
  });

  it("console.log goes to the fake's output, not Node's console", () => {
    const { fake } = run(`console.log("hello", 1)`);
    assert.deepEqual(fake.output(), ["hello 1"]);
  });

  it("the image's timers and pins run in the fake's virtual time", () => {
    const { fake } = run(`
      pinMode(B2, "output");
      setTimeout(function () { digitalWrite(B2, 1); }, 500);
    `);
    fake.advance(499);
    assert.equal(fake.level("B2"), false);
    fake.advance(1);
    assert.equal(fake.level("B2"), true);
  });

  it("an error at the image's top level propagates", () => {
    assert.throws(() => run(`clearTimeout(undefined)`), /not allowed/);
  });

  it("an error inside an image callback is recorded as Uncaught", () => {
    const { fake } = run(`setTimeout(function () { nothing.here(); }, 10);`);
    fake.advance(10);
    assert.equal(fake.uncaught().length, 1);
    assert.match(fake.uncaught()[0], /^Uncaught ReferenceError: nothing is not defined/);
  });
});
