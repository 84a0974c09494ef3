// What things cost in RAM on Espruino: small programs loaded from .bootcde on the real interpreter (the Linux
// build), each measured with process.memory().usage against an empty program. The cost model of docs/ram.md,
// which the firmware's shape follows, comes from here.
//
//   npx tsx tools/bench/ram-costs.ts      (after make espruino)
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findInterpreter } from "../interpreter/find";
import { writeStorage } from "../interpreter/storage";

const N = 20;
const repeat = (make: (i: number) => string) => Array.from({ length: N }, (_, i) => make(i)).join("\n");

/** what each program adds, N times: the cost of one is the measured difference / N */
export const PROGRAMS: Array<{ what: string; code: string }> = [
  { what: "a top-level function, no parameter", code: repeat((i) => `function f${i}(){return ${i}}`) },
  { what: "a top-level function with one parameter", code: repeat((i) => `function f${i}(a){return a+${i}}`) },
  { what: "a top-level function with two parameters", code: repeat((i) => `function f${i}(a,b){return a+b+${i}}`) },
  { what: "a method of an object made once", code: "var o={" + repeat((i) => `f${i}:function(){return ${i}},`) + "};" },
  { what: "a function made inside a function and kept (a closure)", code: "var o=(function(){var s={x:1};" + repeat((i) => `function f${i}(){return s.x+${i}}`) + "return [" + repeat((i) => `f${i},`) + "]})();" },
  { what: "a property holding a small integer or a boolean", code: "var o={" + repeat((i) => `p${i}:${i % 2 ? "true" : i},`) + "};" },
  { what: "a property holding a short string", code: "var o={" + repeat((i) => `p${i}:"ab",`) + "};" },
  { what: "a property holding a float (NaN, 1e9, 0.5)", code: "var o={" + repeat((i) => `p${i}:${["NaN", "1e9", "0.5"][i % 3]},`) + "};" },
  { what: "a property holding an empty object", code: "var o={" + repeat((i) => `p${i}:{},`) + "};" },
  { what: "a watch (setWatch with debounce)", code: "function cb(e){}\n" + repeat((i) => `setWatch(cb,D${i + 1},{repeat:true,edge:"both",debounce:10});`) },
];

function usage(binary: string, program: string): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-ram-"));
  try {
    writeStorage(binary, dir, { ".bootcde": program || "//" });
    // -e runs after .bootcde is loaded, as at a board's power-up
    const run = spawnSync(binary, ["-e", 'print("USAGE " + process.memory().usage)'], { cwd: dir, encoding: "latin1", timeout: 30000, input: "" });
    const m = /USAGE (\d+)/.exec((run.stdout || "") + (run.stderr || ""));
    if (!m) throw new Error("no usage printed for: " + program.slice(0, 80));
    return Number(m[1]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function measureCosts(): Array<{ what: string; vars: number }> | { skipped: string } {
  const found = findInterpreter();
  if ("missing" in found) return { skipped: found.missing };
  const empty = usage(found.binary, "");
  return PROGRAMS.map((p) => ({ what: p.what, vars: Math.round(((usage(found.binary, p.code) - empty) / N) * 10) / 10 }));
}

if (require.main === module) {
  const costs = measureCosts();
  if ("skipped" in costs) {
    console.log("not measured: " + costs.skipped);
  } else {
    console.log(`JsVars each, on Espruino 2v29's Linux build, from .bootcde (${N} of each, less an empty program):`);
    for (const c of costs) console.log(`  ${String(c.vars).padStart(5)}  ${c.what}`);
  }
}
