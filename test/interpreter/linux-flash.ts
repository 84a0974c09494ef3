// Runs the same Storage and Flash calls on Espruino's real Linux interpreter and on the flash model, so
// tests can compare the flash bytes and the results. The interpreter is the one `make espruino` builds
// (tools/interpreter/find.ts); without it these comparisons are skipped (test/interpreter/needs-interpreter.ts).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createBoardFlash, BoardFlash } from "../../sim/espruino/board-flash";
import { findInterpreter } from "../../tools/interpreter/find";
import type { JournalLayout } from "../../tools/journal/flash-maps";

const found = findInterpreter();
export const INTERPRETER = "missing" in found ? "" : found.binary;

/** the Linux build's flash as the model lays it out: all of it Storage, no raw region */
export const LINUX_LAYOUT: JournalLayout = { raw: null, arena: true, unitBytes: 1024, why: "the Linux build's Storage" };

/** one call: `S.method(args)` on Storage or `F.method(args)` on Flash; its result is compared */
export type Call = ["S" | "F", string, ...unknown[]];

function literal(v: unknown): string {
  if (v instanceof Uint8Array) return "new Uint8Array(" + JSON.stringify(Array.from(v)) + ")";
  return JSON.stringify(v);
}

/** what a result looks like on both sides: typed arrays as plain arrays, undefined as null */
function normal(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Uint8Array) return Array.from(v);
  return JSON.parse(JSON.stringify(v));
}

export interface RealRun {
  bytes: Uint8Array;
  results: unknown[];
  output: string;
}

/** Runs the calls on the interpreter, in a fresh folder, after writing `flash` as its espruino.flash. */
export function runOnInterpreter(calls: Call[], flash?: Uint8Array): RealRun {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lk-flash-"));
  try {
    if (flash) fs.writeFileSync(path.join(dir, "espruino.flash"), flash);
    const lines = ['var S=require("Storage"),F=require("Flash");', "function out(v){print('@@'+JSON.stringify(v===undefined?null:(v instanceof Uint8Array?[].slice.call(v):v)));}"];
    for (const [lib, method, ...args] of calls) {
      lines.push("try{out(" + lib + "." + method + "(" + args.map(literal).join(",") + "));}catch(e){out({error:String(e.message||e)});}");
    }
    fs.writeFileSync(path.join(dir, "calls.js"), lines.join("\n") + "\n");
    const run = spawnSync(INTERPRETER, ["calls.js"], { cwd: dir, encoding: "utf8", timeout: 60000 });
    const output = (run.stdout || "") + (run.stderr || "");
    const results = output
      .split("\n")
      .filter((l) => l.indexOf("@@") >= 0)
      .map((l) => JSON.parse(l.slice(l.indexOf("@@") + 2)));
    return { bytes: new Uint8Array(fs.readFileSync(path.join(dir, "espruino.flash"))), results, output };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Boots the interpreter on a flash image and says whether it found Storage corrupt; returns the flash after. */
export function powerUpOnInterpreter(flash: Uint8Array): { corrupt: boolean; bytes: Uint8Array } {
  const run = runOnInterpreter([], flash);
  return { corrupt: run.output.indexOf("Storage is corrupt.") >= 0, bytes: run.bytes };
}

/** The flash model of the Linux build, with the same calls made on it. */
export function runOnModel(calls: Call[], flash?: Uint8Array): { model: BoardFlash; results: unknown[] } {
  const model = createBoardFlash("linux", LINUX_LAYOUT);
  if (flash) {
    model.chip.program(model.storage.start, flash); // an erased model: programming sets exactly these bytes
  }
  const results: unknown[] = [];
  for (const [lib, method, ...args] of calls) {
    const target = (lib === "S" ? model.storage : model.flash) as unknown as Record<string, (...a: unknown[]) => unknown>;
    try {
      results.push(normal(target[method](...args)));
    } catch (e) {
      results.push({ error: (e as Error).message });
    }
  }
  return { model, results };
}
