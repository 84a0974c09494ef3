// The firmware typecheck knows only what Espruino has: ordinary firmware code passes, and reaching for
// a built-in Espruino lacks is a type error at `make`, long before a board runs it.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");
const LIB = path.join(ROOT, "types/espruino/lib.d.ts");
const DEVICE = path.join(ROOT, "types/espruino/device.d.ts");

function firmwareConfig(): ts.ParsedCommandLine {
  const file = path.join(ROOT, "tsconfig.firmware.json");
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"));
  return ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT, undefined, file);
}

const ORDINARY = `
const codes: string[] = ["1234", "98765"];
const byLength = codes.filter((c) => c.length >= 4).map((c) => c.padStart(8, "0"));
for (const c of codes) console.log(c.charCodeAt(0), c.substr(1, 2), c.startsWith("12"));
const found = codes.find((c) => c.endsWith("5")) || codes[codes.findIndex((c) => c === "x")];
const totals: Record<string, number> = { a: 1 };
Object.keys(totals).forEach((k) => { totals[k] = Math.max(0, Math.round(totals[k] * 1.5)); });
const merged = Object.assign({}, totals, { b: 2 });
const entries = Object.entries(merged).concat([["c", 3]]);
const copy = Object.fromEntries(entries);
const text = JSON.stringify({ codes: codes, copy: copy });
const parsed: { codes: string[] } = JSON.parse(text);
let timer: number | undefined;
timer = setTimeout(() => { timer = undefined; }, 5000);
if (timer) clearTimeout(timer);
const every = setInterval(() => print("tick"), 1000);
clearInterval(every);
const store = require("Storage");
store.writeJSON("lock", { codes: parsed.codes });
const free: number = process.memory().free;
const ok: boolean = isNaN(parseInt("12", 10)) || isFinite(parseFloat("1.5")) || Array.isArray(byLength);
const p: Promise<number> = Promise.all([Promise.resolve(1), 2]).then((xs) => xs[0] + xs[1]).catch(() => 0);
const bytes = new Uint8Array(4); bytes[0] = 0xff;
const e = new Error("jam"); console.log(e.message, found, free, ok, p, bytes, Math.sign(-2), Number.MAX_VALUE);
function later(this: void, a: number, b?: number): number { return b === undefined ? a : a + b; }
const picked: Pick<{ a: number; b: string }, "a"> = { a: later(1) };
const partial: Partial<Readonly<typeof picked>> = {};
const nn: NonNullable<string | undefined> = "x";
const rt: ReturnType<typeof later> = 1;
console.log(partial, nn, rt, "abc".split("").reverse().join(""), [3, 1, 2].sort((x, y) => x - y));
export {};
`;

/** Absent on Espruino: each line must be a type error naming the missing thing. */
const ABSENT: Record<string, string> = {
  "new Map()": "Map",
  "new Set()": "Set",
  "Object.freeze({})": "freeze",
  "Math.trunc(1.5)": "trunc",
  "Number.isInteger(1)": "isInteger",
  "Array.from([1])": "from",
  "Symbol('x')": "Symbol",
  "[1].lastIndexOf(1)": "lastIndexOf",
  "' x'.trimStart()": "trimStart",
  "Promise.race([])": "race",
  "new RangeError('x')": "RangeError",
  "new RegExp('a')": "RegExp",
  "Reflect.ownKeys({})": "Reflect",
};

describe("firmware typecheck (tsconfig.firmware.json + types/espruino/lib.d.ts)", () => {
  let dir: string;
  let diagnosticsByFile: Map<string, string[]>;
  const sampleFiles: Record<string, string> = {};

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "firmware-lib-"));
    const write = (name: string, text: string): string => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return file;
    };
    sampleFiles.ordinary = write("ordinary.ts", ORDINARY);
    Object.keys(ABSENT).forEach((expr, i) => {
      sampleFiles[expr] = write(`absent${i}.ts`, `export const x = ${expr};\n`);
    });
    sampleFiles.unguarded = write("unguarded.ts", "declare const t: number | undefined;\nclearTimeout(t);\nexport {};\n");
    const config = firmwareConfig();
    const program = ts.createProgram([LIB, DEVICE, ...Object.values(sampleFiles)], config.options);
    diagnosticsByFile = new Map();
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const key = d.file ? d.file.fileName : "(global)";
      if (!diagnosticsByFile.has(key)) diagnosticsByFile.set(key, []);
      diagnosticsByFile.get(key)!.push(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    }
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const errorsIn = (file: string): string[] => diagnosticsByFile.get(file.split(path.sep).join("/")) ?? [];

  it("uses no TypeScript lib, Node types or mocha types, only the Espruino declarations", () => {
    const config = firmwareConfig();
    assert.equal(config.options.noLib, true);
    assert.deepEqual(config.options.types, []);
    assert.equal(config.options.strict, true);
    assert.equal(config.options.noEmit, true);
    const names = config.fileNames.map((f) => path.relative(ROOT, f));
    assert.ok(names.includes(path.join("types", "espruino", "lib.d.ts")));
    assert.ok(names.includes(path.join("types", "espruino", "device.d.ts")));
    assert.ok(names.includes(path.join("types", "board-module.d.ts")));
    assert.deepEqual(config.raw.include, ["firmware/**/*.ts", "hal/*.ts", "hal/espruino/**/*.ts"]);
  });

  it("accepts ordinary firmware code: arrays, strings, objects, JSON, Math, timers, Storage, promises", () => {
    assert.deepEqual(errorsIn(sampleFiles.ordinary), []);
  });

  for (const [expr, name] of Object.entries(ABSENT)) {
    it(`rejects ${expr}: Espruino has no ${name}`, () => {
      const errors = errorsIn(sampleFiles[expr]);
      assert.ok(errors.length > 0, `expected a type error for ${expr}`);
      assert.ok(errors.some((m) => m.includes(name)), errors.join("\n"));
    });
  }

  it("rejects clearTimeout of a possibly-undefined id (Espruino throws on clearTimeout(undefined))", () => {
    assert.ok(errorsIn(sampleFiles.unguarded).some((m) => m.includes("undefined")));
  });

  it("has no errors in lib.d.ts itself, checked without skipLibCheck", () => {
    const options = Object.assign({}, firmwareConfig().options, { skipLibCheck: false });
    const program = ts.createProgram([LIB, DEVICE], options);
    const messages = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    assert.deepEqual(messages, []);
  });
});
