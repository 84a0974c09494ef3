import { strict as assert } from "assert";
import * as vm from "vm";
import { instrumentImage } from "../../tools/bench/instrument";
import { estimateJsVars, GraphHooks, layoutForVars, LINUX_64_LAYOUT, Root, ScopeView } from "../../tools/bench/jsvars";

const PICO = layoutForVars(5100);

/** plain data: nothing native, no closures */
const plain: GraphHooks = { isNative: () => false, functionMeta: () => undefined, scopeOf: () => undefined };

function cost(value: unknown, hooks: GraphHooks = plain, layout = PICO): number {
  // one global with a one-letter name: 1 var for the name, the rest is the value's
  return estimateJsVars([{ kind: "global", name: "g", value }], layout, hooks).total - 1;
}

describe("the JsVar estimate", () => {
  it("packs names and strings as Espruino does for the board's number of vars", () => {
    assert.deepEqual(
      [5100, 2950, 16383].map((n) => {
        const l = layoutForVars(n);
        return [l.nameChars, l.stringChars, l.extChars, l.inlineIntMax];
      }),
      [
        [4, 8, 9, 4095],
        [4, 8, 9, 2047],
        [4, 9, 10, 8191],
      ],
    );
  });

  it("an object with short names and small integers costs one var, plus one per property", () => {
    assert.equal(cost({ a: 1, b: 2, c: -3 }), 4);
  });

  it("a name longer than a var holds, a string, a large number and a boolean take vars of their own", () => {
    // object 1; "status" 6 chars: 2 vars; "ready" fits one var
    assert.equal(cost({ status: "ready" }), 4);
    // a 20-character string: 8 in its first var, 12 more in two extension vars
    assert.equal(cost({ s: "abcdefghijklmnopqrst" }), 5);
    // 60000 is beyond a Pico's inline range (4095), not beyond the Linux build's
    assert.equal(cost({ t: 60000 }), 3);
    assert.equal(cost({ t: 60000 }, plain, LINUX_64_LAYOUT), 2);
    assert.equal(cost({ on: true, x: 0.5, n: null }), 7);
  });

  it("an array costs one var per element; booleans and small integers sit inside the element", () => {
    assert.equal(cost([1, true, "x", 1.5, undefined]), 1 + 5 + 1 + 1);
  });

  it("an object reached twice is counted once", () => {
    const shared = { x: 1 };
    assert.equal(cost({ a: shared, b: shared }), 3 + 2);
  });

  it("a built-in (a pin, E, a native function) is a one-var reference and is not walked", () => {
    const pin = { toString: () => "B13", secret: { big: "x".repeat(100) } };
    const hooks: GraphHooks = { ...plain, isNative: (v) => v === pin };
    assert.equal(cost({ p: pin }, hooks), 3);
  });

  it("a closure costs its parameters, its code and its scope link; the scope costs every declared name", () => {
    const fn = function () {};
    const scope: ScopeView = { names: ["x", "y", "unset"], values: () => ({ x: 1, y: "hello" }), parent: null };
    const hooks: GraphHooks = { isNative: () => false, functionMeta: () => ({ params: ["a", "b"] }), scopeOf: (f) => (f === fn ? scope : undefined) };
    // function 1 + code 2 + "\xFFa" + "\xFFb" + "\xFFsco" = 6; scope 1 + x + (y + its string) + "unset" (2) = 6
    assert.equal(cost(fn, hooks), 6 + 6);
  });

  it("a closure two scopes deep links them through a copied array", () => {
    const fn = function () {};
    const outer: ScopeView = { names: [], values: () => ({}), parent: null };
    const inner: ScopeView = { names: [], values: () => ({}), parent: outer };
    const hooks: GraphHooks = { isNative: () => false, functionMeta: () => ({ params: [] }), scopeOf: () => inner };
    // function 1 + code 2 + "\xFFsco" 1 + array 1 + 2 elements; two empty scopes 1 each
    assert.equal(cost(fn, hooks), 7 + 2);
  });

  it("an armed timer and a watch cost Espruino's own records and keep their callbacks alive", () => {
    const fn = function () {};
    const roots: Root[] = [
      { kind: "timer", callback: fn, interval: false },
      { kind: "watch", callback: fn },
    ];
    const e = estimateJsVars(roots, PICO, plain);
    assert.equal(e.counts.functions, 1);
    assert.equal(e.vars.functions, 3);
    // timer: element + object + time (name, float) + cb = 5; watch: element + object + pin (name, pin) +
    // "recur" (2, bool) + "debounce" (2, float) + edge (inline) + cb + "state" (2, bool) + "lastTime" (2, float) = 18
    assert.equal(e.vars.runtime, 5 + 18);
  });
});

describe("the instrumented image", () => {
  /** runs code instrumented, as the bench does, and estimates what its global keeps alive */
  function estimate(code: string): number {
    const image = instrumentImage(code);
    const tags = new WeakMap<Function, ScopeView | null>();
    const sandbox: Record<string, unknown> = {
      __benchScope: (id: number, parent: ScopeView | null, probe: () => Record<string, unknown>): ScopeView => ({ names: image.functions[id - 1].names, values: probe, parent }),
      __benchTag: (fn: Function, scope: ScopeView | null) => (tags.set(fn, scope), fn),
    };
    const context = vm.createContext(sandbox);
    vm.runInContext(image.code, context);
    const hooks: GraphHooks = { isNative: () => false, functionMeta: () => ({ params: [] }), scopeOf: (fn) => tags.get(fn) };
    return estimateJsVars([{ kind: "global", name: "g", value: sandbox.g }], PICO, hooks).total;
  }

  it("a local no closure uses still counts: Espruino keeps the whole call alive", () => {
    const used = estimate("(function () { function make() { var keep = 1; return function () { return keep; }; } g = make(); })();");
    const withUnused = estimate("(function () { function make() { var keep = 1; var unused = 'a long string here'; return function () { return keep; }; } g = make(); })();");
    // "unused": 6 characters, two name vars; an 18-character string: 8 + 10, three vars
    assert.equal(withUnused - used, 2 + 3);
  });

  it("runs as the original does", () => {
    const image = instrumentImage("var r = (() => { let n = 2; const twice = (x) =>\n x * n; return [1, 2].map(twice); })();");
    const context = vm.createContext({ __benchScope: () => null, __benchTag: (fn: unknown) => fn });
    vm.runInContext(image.code, context);
    assert.deepEqual(Array.from(vm.runInContext("r", context) as number[]), [2, 4]);
  });
});
