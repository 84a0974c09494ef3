// The compatibility check finds, in a built image, each thing Espruino cannot run, and says where it
// came from in the TypeScript source.
import { strict as assert } from "assert";
import * as esbuild from "esbuild";
import { checkImage, formatFinding, type Finding } from "../../tools/check-image";

function check(code: string): Finding[] {
  return checkImage(code);
}

function rules(code: string): string[] {
  return check(code).map((f) => f.rule);
}

function assertFinds(code: string, rule: string, text?: string): void {
  const found = check(code).filter((f) => f.rule === rule);
  assert.ok(found.length > 0, `expected a ${rule} finding in:\n${code}\ngot: ${JSON.stringify(check(code))}`);
  if (text) assert.ok(found.some((f) => f.message.includes(text)), found.map((f) => f.message).join("\n"));
}

/** Written the way the firmware is meant to be written: everything Espruino runs correctly. */
const CLEAN = `(() => {
  var board = { rows: [B13, B14], name: "proto-pico" };
  var config = { entryTimeoutMs: 5e3 };
  function createKeypad(options) {
    let timer;
    const pressed = [];
    function clear() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    }
    function onEdge(e) {
      clear();
      timer = setTimeout(() => { timer = undefined; options.onKey(e.state ? "1" : "2"); }, config.entryTimeoutMs);
      pressed.splice(0, pressed.length);
    }
    const watches = board.rows.map((pin) => setWatch(onEdge, pin, { repeat: true, edge: "both", debounce: 30 }));
    for (const pin of board.rows) pinMode(pin, "input_pullup");
    for (let i = 0; i < watches.length; i++) {
      const id = watches[i];
      setTimeout(function () { return id; }, 1);
    }
    return {
      close() {
        watches.forEach((w) => { if (w) clearWatch(w); });
        timer && clearTimeout(timer);
        return pressed.length ? [].slice.call(pressed) : null;
      },
      status: () => ({ free: process.memory().free, name: board.name ?? "?", n: Math.pow(2, 3) }),
    };
  }
  var keypad = createKeypad({ onKey: (k) => console.log(k) });
  class Legacy { constructor() { this.a = 1; } get b() { return this.a; } static make() { return new Legacy(); } }
  E.on("init", () => keypad.close());
  try { (0, global.require)("Storage").read("lock"); } catch { print("no storage"); }
  changeInterval(1, 100);
})();
`;

describe("check-image", () => {
  it("passes an image written the way Espruino needs", () => {
    assert.deepEqual(check(CLEAN), []);
  });

  describe("unsupported syntax", () => {
    const cases: Array<[string, string, string]> = [
      ["default parameter", "function f(a = 1) { return a; }", "default parameter"],
      ["rest parameter", "function f(...a) { return a; }", "rest parameter"],
      ["spread in a call", "f(...xs);", "spread in call"],
      ["spread in an array", "var a = [...xs];", "spread in array"],
      ["spread in an object", "var o = { ...xs };", "spread in object"],
      ["destructuring declaration", "var { a } = o;", "destructuring declaration"],
      ["array destructuring", "var [a, b] = o;", "destructuring declaration"],
      ["destructuring parameter", "function f({ a }) { return a; }", "destructuring parameter"],
      ["destructuring assignment", "var a; ({ a } = o);", "destructuring assignment"],
      ["computed key", "var o = { [k]: 1 };", "computed key"],
      ["optional chaining", "var v = o?.a;", "optional chaining"],
      ["??=", "o.a ??= 1;", "logical assignment"],
      ["||=", "o.a ||= 1;", "logical assignment"],
      ["&&=", "o.a &&= 1;", "logical assignment"],
      ["**", "var v = 2 ** 3;", "exponent"],
      ["generator", "function* g() { yield 1; }", "generator"],
      ["async function", "async function f() { await g(); }", "async"],
      ["#private", "class A { #x = 1; }", "#private"],
      ["class field", "class A { x = 1; }", "class field"],
      ["static class field", "class A { static x = 1; }", "static class field"],
      ["tagged template", "var s = tag`a${1}`;", "tagged template"],
      ["new.target", "function F() { return new.target; }", "new.target"],
      ["super in an arrow", "class A extends B { m() { return () => super.m(); } }", "'super' inside an arrow"],
      ["label", "outer: for (;;) { break outer; }", "label"],
    ];
    for (const [name, code, text] of cases) {
      it(`reports ${name}`, () => assertFinds(code, "syntax", text));
    }
  });

  describe("traps that parse and then misbehave", () => {
    it("(a) a function called before its declaration has run", () => {
      assertFinds("start();\nfunction start() {}", "hoisting", "'start'");
    });

    it("(a) a const used before its declaration, even when esbuild made it a var", () => {
      assertFinds("(() => { var x = limit + 1; var limit = 3; })();", "hoisting", "'limit'");
      assertFinds("(() => { var x = limit + 1; const limit = 3; })();", "hoisting", "'limit'");
    });

    it("(a) calling a function whose body uses something defined further down", () => {
      assertFinds("function a() { return b(); }\nfunction b() { return c; }\na();\nvar c = 1;", "hoisting", "'c'");
    });

    it("(a) but not a function only referenced (passed as a callback) before a later declaration", () => {
      assert.deepEqual(rules("function a() { return c; }\nsetTimeout(a, 10);\nvar c = 1;"), []);
    });

    it("(b) a closure made in for (let ...) that uses the loop variable", () => {
      assertFinds("for (let i = 0; i < 3; i++) setTimeout(() => print(i), 1);", "loop-closure", "'i'");
    });

    it("(b) a closure made in for (const x of ...) and for (const k in ...)", () => {
      assertFinds("for (const x of xs) setTimeout(function () { print(x); });", "loop-closure", "'x'");
      assertFinds("for (const k in o) setTimeout(() => print(k));", "loop-closure", "'k'");
    });

    it("(c) a regular expression literal or RegExp call", () => {
      assertFinds("var ok = /^[0-9]{4}$/.test(code);", "regexp");
      assertFinds("var r = new RegExp('a');", "regexp");
      assertFinds("var r = RegExp('a');", "regexp");
    });

    it("(d) reading a built-in's prototype", () => {
      assertFinds("var slice = Array.prototype.slice;", "prototype", "Array.prototype");
      assertFinds("var s = String.prototype.trim.call(x);", "prototype", "String.prototype");
      assertFinds("var h = Object.prototype.hasOwnProperty;", "prototype", "Object.prototype");
    });

    it("(e) clearTimeout/clearInterval/clearWatch/changeInterval of a maybe-undefined id", () => {
      assertFinds("var t; clearTimeout(t);", "clear-guard", "clearTimeout(t)");
      assertFinds("clearInterval(state.timer);", "clear-guard", "state.timer");
      assertFinds("clearWatch(w);", "clear-guard");
      assertFinds("changeInterval(id, 10);", "clear-guard");
      assertFinds("if (other) clearTimeout(t);", "clear-guard");
    });

    it("(e) but not when an if, &&, ?: or early return tests the same expression, or the id is a literal", () => {
      const guarded = [
        "if (t) clearTimeout(t);",
        "if (state.timer !== undefined) { clearInterval(state.timer); }",
        "t && clearTimeout(t);",
        "var x = w ? clearWatch(w) : 0;",
        "function stop() { if (!t) return; clearTimeout(t); }",
        "clearTimeout(3);",
      ];
      for (const code of guarded) assert.deepEqual(rules(code), [], code);
    });

    it("(f) return, a newline, then a value", () => {
      assertFinds("function f() {\n  return\n  42;\n}", "return-newline");
      assert.deepEqual(rules("function f() {\n  return;\n}"), []);
    });

    it("(g) assigning to .length", () => {
      assertFinds("var a = [1]; a.length = 0;", "length-assign");
    });

    it("built-ins Espruino does not have", () => {
      for (const name of ["Map", "Set", "WeakMap", "Symbol", "Proxy", "Reflect", "BigInt"]) {
        assertFinds(`var x = ${name};`, "missing-builtin", name);
      }
      assertFinds("var o = Object.freeze({});", "missing-builtin", "Object.freeze");
      assertFinds("var n = Math.trunc(1.5);", "missing-builtin", "Math.trunc");
      assertFinds("var a = Array.from(x);", "missing-builtin", "Array.from");
      assertFinds("var i = xs.lastIndexOf(1);", "missing-builtin", "lastIndexOf");
    });

    it("a top-level name that would replace an Espruino global (the image has no wrapper function)", () => {
      assertFinds("var LOW = 1;", "global-name", "LOW");
      assertFinds("function reset() {}", "global-name", "reset");
      assertFinds("var B7 = 0, D12 = 1;", "global-name", "B7");
      assert.deepEqual(rules("var lowLevel = 1; function f() { var LOW = 2; return LOW; }"), []);
    });

    it("a local named like a missing built-in is not a global", () => {
      assert.deepEqual(rules("function f(Map) { return Map; }"), []);
    });
  });

  describe("reporting", () => {
    it("names the image line and column when there is no source map", () => {
      const [f] = check("var a = 1;\nvar b = a?.c;");
      assert.deepEqual(f.image, { line: 2, column: 8 });
      assert.equal(f.source, undefined);
      assert.equal(formatFinding(f, "img.js"), "img.js:2:9: [syntax] optional chaining '?.'");
    });

    it("names the TypeScript file and line through the source map", async () => {
      const ts = ["const a: number = 1;", "function stop(t?: number): void {", "  clearTimeout(t as number);", "}", "stop(a);", ""].join("\n");
      const out = await esbuild.build({
        stdin: { contents: ts, loader: "ts", sourcefile: "firmware/stop.ts" },
        bundle: true,
        format: "iife",
        write: false,
        sourcemap: "external",
        outfile: "out.js",
      });
      const code = out.outputFiles.find((f) => f.path.endsWith(".js"))!.text;
      const map = out.outputFiles.find((f) => f.path.endsWith(".map"))!.text;
      const [f] = checkImage(code, map);
      assert.equal(f.rule, "clear-guard");
      assert.deepEqual(f.source && { file: f.source.file, line: f.source.line }, { file: "firmware/stop.ts", line: 3 });
      assert.match(formatFinding(f, "out.js"), /^firmware\/stop\.ts:3:\d+: \[clear-guard\] .* \(out\.js:\d+:\d+\)$/);
    });

    it("reports an image that does not parse", () => {
      const [f] = check("var = ;");
      assert.equal(f.rule, "syntax");
      assert.match(f.message, /does not parse/);
    });
  });
});
