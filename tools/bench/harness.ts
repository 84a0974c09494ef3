// The simulator (sim/engine.ts) with what the bench needs to see inside the fake Espruino: every callback
// the image hands to setTimeout/setInterval/setWatch (to count wake-ups, to know when a timer is armed,
// and as roots of the RAM walk), the runtime's own objects (not the image's), and, for an instrumented
// image (instrument.ts), the scope of each closure.
//
// The engine creates a new fake at every power-up and runs the image at once, with no hook in between, so
// this wraps the engine's private wire() step (it runs just before the image). A hook in SimulationOptions
// would be cleaner; see the report.
import * as vm from "vm";
import { createSimulation, Simulation, SimulationOptions } from "../../sim/engine";
import type { FakeEspruino } from "../../sim/espruino/fake";
import type { FunctionInfo } from "./instrument";
import { SCOPE_HOOK, TAG_HOOK } from "./instrument";
import type { FunctionMeta, GraphHooks, Root, ScopeView } from "./jsvars";

export interface Span {
  from: number;
  to: number;
}

export interface BenchSimulation {
  sim: Simulation;
  /** callbacks the image ran since the last resetCounts(): timer fires and watch callbacks, with times */
  wakeups(): { timers: number; watches: number; times: number[] };
  resetCounts(): void;
  /** spans of simulation time with at least one of the image's timers armed (the last may be open: to = now) */
  armedSpans(): Span[];
  /** image timers armed now */
  armedTimers(): number;
  /** the fake Espruino of the current power-up (its power accounting, its radio) */
  fake(): FakeEspruino | undefined;
  /** the image's globals, armed timers and watches: what keeps its memory alive */
  roots(): Root[];
  /** for jsvars.ts: the runtime's objects, and closures' scopes when the image was instrumented */
  graphHooks(): GraphHooks;
  /** called after each power-up's wiring, before the image runs (e.g. to read every analog pin as 0) */
  afterWire?: (fake: FakeEspruino) => void;
}

interface LiveTimer {
  fn: unknown;
  interval: boolean;
}

interface Tag {
  scope: ScopeView | null;
  id: number;
}

/** A simulation of `options.image`; `functions` when that image came from instrumentImage. */
export function createBenchSimulation(options: SimulationOptions, functions?: FunctionInfo[]): BenchSimulation {
  const sim = createSimulation(options);
  const timers = new Map<number, LiveTimer>();
  const watches = new Map<number, unknown>();
  const native = new Set<object>();
  const tags = new WeakMap<Function, Tag>();
  let fake: FakeEspruino | undefined;
  let offset = 0;
  let initialGlobals = new Set<string>();
  let counts = { timers: 0, watches: 0, times: [] as number[] };
  const spans: Span[] = [];
  let openSince: number | undefined;

  const simTime = () => (fake ? offset + fake.now() : sim.now());
  function noteArmed() {
    if (timers.size > 0 && openSince === undefined) openSince = simTime();
    if (timers.size === 0 && openSince !== undefined) {
      spans.push({ from: openSince, to: simTime() });
      openSince = undefined;
    }
  }
  function woke(kind: "timers" | "watches") {
    counts[kind]++;
    counts.times.push(simTime());
  }

  function addNative(value: unknown, depth: number) {
    if (value === null || (typeof value !== "object" && typeof value !== "function")) return;
    if (native.has(value as object)) return;
    native.add(value as object);
    if (depth > 0) for (const key of Object.getOwnPropertyNames(value)) {
      try {
        addNative((value as Record<string, unknown>)[key], depth - 1);
      } catch {
        // a getter that throws: not the image's anyway
      }
    }
  }

  function instrumentFake(f: FakeEspruino) {
    fake = f;
    offset = sim.now();
    timers.clear();
    watches.clear();
    const g = f.globals as Record<string, Function>;
    const setTimer = (kind: "setTimeout" | "setInterval") => {
      const original = g[kind];
      g[kind] = function (fn: unknown, ms?: unknown, ...args: unknown[]) {
        if (typeof fn !== "function") return original(fn, ms, ...args);
        let id = 0;
        const callback = function (this: unknown, ...a: unknown[]) {
          if (kind === "setTimeout") timers.delete(id);
          woke("timers");
          try {
            return fn.apply(this, a);
          } finally {
            noteArmed();
          }
        };
        id = original(callback, ms, ...args);
        timers.set(id, { fn, interval: kind === "setInterval" });
        noteArmed();
        return id;
      };
    };
    const clearTimer = (kind: "clearTimeout" | "clearInterval") => {
      const original = g[kind];
      g[kind] = function (...args: unknown[]) {
        const result = original(...args);
        if (args.length === 0) timers.clear();
        else timers.delete(args[0] as number);
        noteArmed();
        return result;
      };
    };
    setTimer("setTimeout");
    setTimer("setInterval");
    clearTimer("clearTimeout");
    clearTimer("clearInterval");
    const setWatch = g.setWatch;
    g.setWatch = function (fn: unknown, pin: unknown, opts?: unknown) {
      if (typeof fn !== "function") return setWatch(fn, pin, opts);
      const repeat = opts && typeof opts === "object" ? !!(opts as { repeat?: unknown }).repeat : !!opts;
      let id: number | undefined;
      const callback = function (this: unknown, e: unknown) {
        if (!repeat && id !== undefined) watches.delete(id);
        woke("watches");
        return fn.call(this, e);
      };
      id = setWatch(callback, pin, opts);
      if (id !== undefined) watches.set(id, fn);
      return id;
    };
    const clearWatch = g.clearWatch;
    g.clearWatch = function (...args: unknown[]) {
      const result = clearWatch(...args);
      if (args.length === 0) watches.clear();
      else watches.delete(args[0] as number);
      return result;
    };
    if (functions) {
      g[SCOPE_HOOK] = function (id: number, parent: ScopeView | null, probe: () => Record<string, unknown>): ScopeView {
        return { names: functions[id - 1].names, values: probe, parent };
      };
      g[TAG_HOOK] = function (fn: unknown, scope: ScopeView | null, id: number) {
        if (typeof fn === "function") tags.set(fn, { scope, id });
        return fn;
      };
    }
    for (const name of Object.keys(g)) addNative(g[name], 2);
    addNative(f.storage, 1);
    initialGlobals = new Set([...Object.keys(g), "global"]);
  }

  const wireable = sim as unknown as { wire?: (f: FakeEspruino) => void };
  if (typeof wireable.wire !== "function") throw new Error("tools/bench/harness.ts: sim/engine.ts has no wire() step any more to hook into");
  const wire = wireable.wire.bind(sim);
  const bench: BenchSimulation = {
    sim,
    wakeups: () => ({ timers: counts.timers, watches: counts.watches, times: counts.times.slice() }),
    resetCounts: () => {
      counts = { timers: 0, watches: 0, times: [] };
    },
    armedSpans: () => (openSince === undefined ? spans.slice() : [...spans, { from: openSince, to: sim.now() }]),
    armedTimers: () => timers.size,
    fake: () => (sim.powered() ? fake : undefined),
    roots: () => {
      const context = sim.console("globalThis") as Record<string, unknown>;
      const roots: Root[] = [];
      for (const name of Object.keys(context)) if (!initialGlobals.has(name)) roots.push({ kind: "global", name, value: context[name] });
      for (const t of timers.values()) roots.push({ kind: "timer", callback: t.fn, interval: t.interval });
      for (const fn of watches.values()) roots.push({ kind: "watch", callback: fn });
      return roots;
    },
    graphHooks: () => {
      // the language's own objects in the image's context (Math, JSON, ...): built-ins on Espruino too
      const intrinsics = vm.runInContext(
        "Object.getOwnPropertyNames(globalThis).filter(function (n) { return !Object.getOwnPropertyDescriptor(globalThis, n).enumerable; })" +
          ".map(function (n) { return globalThis[n]; }).filter(function (v) { return v !== globalThis; })",
        contextOf(sim),
      );
      for (const value of intrinsics as unknown[]) addNative(value, 1);
      return {
        isNative: (value: object) => native.has(value),
        functionMeta: (fn: Function): FunctionMeta | undefined => {
          const tag = tags.get(fn);
          if (!tag || !functions) return undefined;
          const info = functions[tag.id - 1];
          return { params: info.params, internalName: info.internalName };
        },
        scopeOf: (fn: Function) => {
          const tag = tags.get(fn);
          return tag ? tag.scope : undefined;
        },
      };
    },
  };
  wireable.wire = (f: FakeEspruino) => {
    instrumentFake(f);
    wire(f);
    if (bench.afterWire) bench.afterWire(f);
  };
  return bench;
}

function contextOf(sim: Simulation): vm.Context {
  const context = (sim as unknown as { context: vm.Context | undefined }).context;
  if (!context) throw new Error("the lock is powered off");
  return context;
}
