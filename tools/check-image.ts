// Checks a built image for what Espruino cannot run: syntax it cannot parse and traps that parse and
// then misbehave (../shared/ESPRUINO.md). Each finding names the original source line via the
// image's source map, falling back to the image line.
//
//   npx tsx tools/check-image.ts build/proto-pico/firmware.js [--map build/proto-pico/firmware.js.map]
import { parse } from "acorn";
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import * as fs from "fs";
import * as path from "path";
import { globalNameRule } from "./check-image/globals";
import { orderRules } from "./check-image/order";
import { analyzeScopes } from "./check-image/scope";
import { syntaxRule } from "./check-image/syntax";
import { trapRules } from "./check-image/traps";
import type { RawFinding, RuleId } from "./check-image/types";
import { type Node, walk } from "./check-image/walk";

export type { RuleId };

export interface Position {
  line: number;
  column: number;
}

export interface Finding {
  rule: RuleId;
  message: string;
  /** 1-based line, 0-based column in the image */
  image: Position;
  /** where the source map says this came from; absent when the map has no mapping there */
  source?: Position & { file: string };
}

function lineStarts(code: string): number[] {
  const starts = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function positionOf(starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] };
}

/**
 * Every problem in `code`. `sourceMap` is the image's map (JSON text); `mapFile` is where it lives,
 * so that source paths come out relative to the working directory.
 */
export function checkImage(code: string, sourceMap?: string, mapFile?: string): Finding[] {
  let program: Node;
  try {
    program = parse(code, { ecmaVersion: "latest", sourceType: "script" }) as Node;
  } catch (e) {
    const err = e as SyntaxError & { pos?: number };
    return finish([{ rule: "syntax", message: `does not parse: ${err.message}`, pos: err.pos ?? 0 }], code, sourceMap, mapFile);
  }
  const analysis = analyzeScopes(program);
  const globals = new Set<Node>(analysis.references.filter((r) => r.decl === null).map((r) => r.id));
  const raw: RawFinding[] = orderRules(analysis).concat(globalNameRule(program));
  // the build writes each BOARD.x.y and CFG.x in place; what is left of them would be undefined on a board
  for (const id of globals) {
    const name = (id as any).name as string;
    if (name === "BOARD" || name === "CFG") {
      raw.push({ rule: "build-literal", message: `'${name}' is used whole or with a field the board file does not give: use its fields (${name}.a.b), which the build writes in place`, pos: (id as any).start });
    }
  }
  walk(program, (node, ancestors) => {
    raw.push(...syntaxRule(node, ancestors, code));
    raw.push(...trapRules(node, ancestors, { code, globals }));
  });
  raw.sort((a, b) => a.pos - b.pos);
  return finish(raw, code, sourceMap, mapFile);
}

function finish(raw: RawFinding[], code: string, sourceMap?: string, mapFile?: string): Finding[] {
  const starts = lineStarts(code);
  const map = sourceMap ? new TraceMap(sourceMap, mapFile ? path.resolve(mapFile) : undefined) : null;
  return raw.map((f) => {
    const image = positionOf(starts, f.pos);
    const finding: Finding = { rule: f.rule, message: f.message, image };
    if (map) {
      const original = originalPositionFor(map, image);
      if (original.source !== null && original.line !== null) {
        const file = mapFile ? path.relative(process.cwd(), original.source) : original.source;
        finding.source = { file, line: original.line, column: original.column ?? 0 };
      }
    }
    return finding;
  });
}

/** `firmware/lock.ts:12:5: [hoisting] ... (build/x/firmware.js:40)` */
export function formatFinding(f: Finding, imageFile: string): string {
  const imageAt = `${imageFile}:${f.image.line}:${f.image.column + 1}`;
  return f.source
    ? `${f.source.file}:${f.source.line}:${f.source.column + 1}: [${f.rule}] ${f.message} (${imageAt})`
    : `${imageAt}: [${f.rule}] ${f.message}`;
}

/** Reads an image and its map (`<image>.map` unless given) from disk and checks it. */
export function checkImageFile(imageFile: string, mapFile?: string): Finding[] {
  const code = fs.readFileSync(imageFile, "utf8");
  const mapPath = mapFile ?? (fs.existsSync(imageFile + ".map") ? imageFile + ".map" : undefined);
  const map = mapPath ? fs.readFileSync(mapPath, "utf8") : undefined;
  return checkImage(code, map, mapPath);
}

function main(argv: string[]): number {
  const files: string[] = [];
  let mapFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--map") mapFile = argv[++i];
    else files.push(argv[i]);
  }
  if (files.length === 0) {
    console.error("usage: tsx tools/check-image.ts IMAGE.js [--map IMAGE.js.map]");
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    const findings = checkImageFile(file, mapFile);
    for (const f of findings) console.error(formatFinding(f, file));
    if (findings.length) failed++;
  }
  return failed ? 1 : 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
