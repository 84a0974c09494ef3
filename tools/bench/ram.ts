// RAM after boot: the image (instrumented, see instrument.ts) boots in the simulator, settles, and every
// value it keeps alive is walked from its globals and its armed timers' and watches' callbacks, then
// priced in JsVars (jsvars.ts).
import type { ValidatedBoard } from "../boards/load";
import { createBenchSimulation } from "./harness";
import { instrumentImage } from "./instrument";
import { estimateJsVars, JsVarEstimate, VarLayout } from "./jsvars";

/**
 * process.memory().usage of an empty program (.bootcde = "// empty") on Espruino's Linux build, after boot.
 * Boards differ a little.
 */
export const INTERPRETER_BASELINE_VARS = 46;

export interface RamResult {
  /** the image's own vars (add INTERPRETER_BASELINE_VARS for process.memory().usage) */
  estimate: JsVarEstimate;
  /** estimate.total + INTERPRETER_BASELINE_VARS */
  usage: number;
  /** Latchkey.status() when measured */
  state: string;
  /** virtual ms from power-up to the measurement */
  atMs: number;
  globals: string[];
}

const SETTLE_MS = 5000;
const HANDING_LIMIT_MS = 60000;

/** Power-up with the bolt retracted, door handing, then idle: the lock asleep, the state the budget is for. */
export function estimateRam(board: ValidatedBoard, image: string, layout: VarLayout): RamResult {
  const instrumented = instrumentImage(image);
  const bench = createBenchSimulation({ board, image: instrumented.code, imageName: `build/${board.name}/firmware.min.js (instrumented)` }, instrumented.functions);
  const sim = bench.sim;
  const status = () => String(sim.console("JSON.stringify(Latchkey.status())"));
  sim.powerOn();
  while (sim.now() < HANDING_LIMIT_MS && !/"mode":"ready"/.test(status())) sim.advance(250);
  if (!/"handed":true/.test(status())) throw new Error(`${board.name}: door handing did not finish in the simulator: ${status()}`);
  sim.advance(SETTLE_MS);
  const errors = sim.uncaught();
  if (errors.length) throw new Error(`${board.name}: the instrumented image failed: ${errors.join("; ")}`);
  const roots = bench.roots();
  const estimate = estimateJsVars(roots, layout, bench.graphHooks());
  return {
    estimate,
    usage: estimate.total + INTERPRETER_BASELINE_VARS,
    state: status(),
    atMs: sim.now(),
    globals: roots.filter((r) => r.kind === "global").map((r) => (r as { name: string }).name),
  };
}

export interface AwakeRamResult {
  /** the highest estimate while the lock was awake (the image's own vars) */
  peak: number;
  /** peak + INTERPRETER_BASELINE_VARS */
  usage: number;
  /** what the lock was doing at the peak */
  at: string;
  /** how many moments were estimated */
  samples: number;
}

const AWAKE_SAMPLE_MS = 50;

/**
 * RAM while the lock is awake, which is when it needs the most: the awake lock's code is made at each
 * wake-up (firmware/shell.ts). The estimate is taken every 50 ms of virtual time through door handing,
 * programming a code, a one-touch lock and an unlock by code; the highest is the peak.
 */
export function estimateAwakeRam(board: ValidatedBoard, image: string, layout: VarLayout): AwakeRamResult {
  const instrumented = instrumentImage(image);
  const bench = createBenchSimulation({ board, image: instrumented.code, imageName: `build/${board.name}/firmware.min.js (instrumented)` }, instrumented.functions);
  const sim = bench.sim;
  let peak = 0;
  let at = "";
  let samples = 0;
  const watch = (what: string, ms: number) => {
    for (let t = 0; t < ms; t += AWAKE_SAMPLE_MS) {
      sim.advance(AWAKE_SAMPLE_MS);
      const total = estimateJsVars(bench.roots(), layout, bench.graphHooks()).total;
      samples++;
      if (total > peak) {
        peak = total;
        at = `${what}, ${t + AWAKE_SAMPLE_MS} ms in`;
      }
    }
  };
  const type = (what: string, keys: string) => {
    for (const k of keys) {
      sim.keyDown(k);
      watch(what, 100);
      sim.keyUp(k);
      watch(what, 200);
    }
  };
  sim.powerOn();
  watch("power-up and door handing", HANDING_LIMIT_MS / 4);
  sim.setProgram(true);
  watch("programming", 200);
  sim.setProgram(false);
  watch("programming", 1000);
  type("programming", "1234#");
  watch("programming", 3000);
  const status = () => String(sim.console("JSON.stringify(Latchkey.status())"));
  const expect = (what: string, pattern: RegExp) => {
    if (!pattern.test(status())) throw new Error(`${board.name}: RAM while awake: ${what} did not happen in the simulator: ${status()}`);
  };
  expect("door handing and programming the code 1234", /"handed":true,"codes":1/);
  type("one-touch lock", "#");
  watch("one-touch lock", 4000);
  expect("the one-touch lock", /"locked":true/);
  type("unlock by code", "1234#");
  watch("unlock by code", 4000);
  expect("the unlock by code", /"locked":false/);
  const errors = sim.uncaught();
  if (errors.length) throw new Error(`${board.name}: the instrumented image failed: ${errors.join("; ")}`);
  return { peak, usage: peak + INTERPRETER_BASELINE_VARS, at, samples };
}
