// Builds the firmware image for every board (or one: --board NAME):
//   build/<board>/firmware.js (+ .map)      readable, what the compatibility check reads first
//   build/<board>/firmware.min.js (+ .map)  minified, what `make flash` uploads
//   build/<board>/espruino-board.json       for the espruino CLI, so it never looks the board up online
// esbuild refuses syntax Espruino cannot parse; tools/check-image.ts then checks both images, and any
// finding, esbuild warning or budget overrun fails the build.
//
//   npx tsx tools/build.ts [--board NAME] [--boards DIR (default boards/)]
import * as esbuild from "esbuild";
import * as fs from "fs";
import * as path from "path";
import { BoardError, loadBoard, loadBoards } from "./boards/load";
import { imageDefines } from "./boards/image-defines";
import { radioWarning } from "./boards/radio-field";
import type { ImageDefines } from "./boards/image-defines";
import { checkImage, formatFinding } from "./check-image";
import { mangleablePropsPattern } from "./mangle";
import { writeEspruinoBoardJson } from "./espruino-board";

export const ROOT = path.resolve(__dirname, "..");

/** What the build needs from a board (tools/boards' ValidatedBoard has all of it). */
export interface BuildableBoard {
  name: string;
  file: string;
  chip: string;
  budget: { minifiedBytes: number };
}

/** Syntax Espruino cannot parse that esbuild can only refuse: it stops the build at the source line. */
export const REFUSED_FEATURES = [
  "array-spread",
  "async-await",
  "async-generator",
  "class", // team rule: factory functions and closures, no classes
  "class-field",
  "class-static-field",
  "class-private-accessor",
  "class-private-brand-check",
  "class-private-field",
  "class-private-method",
  "class-private-static-accessor",
  "class-private-static-field",
  "class-private-static-method",
  "class-static-blocks",
  "decorators",
  "default-argument",
  "destructuring",
  "for-await",
  "generator",
  "nested-rest-binding",
  "new-target",
  "rest-argument",
  "top-level-await",
] as const;

/**
 * Syntax Espruino cannot run that esbuild would lower quietly (object spread into helpers that need
 * Object.getOwnPropertySymbols, `?.` into a ternary, regexes into RegExp calls...). The readable build
 * keeps it as written, so check-image reports it at its source line; the minified build refuses it
 * (esbuild lowers), so the minifier never writes `?.` or `||=` for code that did not use them.
 */
export const SURFACED_FEATURES = [
  "object-rest-spread",
  "optional-chain",
  "logical-assignment",
  "exponent-operator",
  "bigint",
  "using",
  "import-meta",
  "regexp-dot-all-flag",
  "regexp-lookbehind-assertions",
  "regexp-match-indices",
  "regexp-named-capture-groups",
  "regexp-set-notation",
  "regexp-sticky-and-unicode-flags",
  "regexp-unicode-property-escapes",
] as const;

export function supportedTable(kind: "readable" | "minified"): Record<string, boolean> {
  const table: Record<string, boolean> = {};
  for (const feature of REFUSED_FEATURES) table[feature] = false;
  for (const feature of SURFACED_FEATURES) table[feature] = kind === "readable";
  return table;
}

/** Refuses npm packages, Node modules and import(): the image has no runtime dependencies. */
function imagePlugin(): esbuild.Plugin {
  return {
    name: "latchkey-image",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point") return undefined;
        if (args.kind === "dynamic-import") {
          return { errors: [{ text: `import("${args.path}"): Espruino has no module loader; import it statically` }] };
        }
        if (!args.path.startsWith(".") && !path.isAbsolute(args.path)) {
          return { errors: [{ text: `"${args.path}": the image has no runtime dependencies (no npm packages, no Node modules)` }] };
        }
        return undefined;
      });
    },
  };
}

/** esbuild options for the readable and the minified image alike. */
function commonOptions(kind: "readable" | "minified"): esbuild.BuildOptions & { write: false } {
  return {
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    // esbuild reads only a few tsconfig options; "strict" would make it emit "use strict" (bytes for nothing)
    tsconfigRaw: { compilerOptions: { alwaysStrict: false } },
    supported: supportedTable(kind),
    legalComments: "none",
    charset: "ascii",
    sourcemap: "external",
    sourcesContent: true,
    // esbuild wraps a bare require("Storage") in a shim that needs Proxy; Espruino's require is a
    // built-in global, reachable as global.require.
    define: { require: "global.require" },
    logLevel: "silent",
  };
}

export interface ImageReport {
  board: string;
  dir: string;
  /** 0 when that image was not produced */
  bytes: number;
  minifiedBytes: number;
  budgetBytes: number;
  /** each one fails the build: esbuild errors and warnings, check-image findings, budget overrun */
  problems: string[];
}

export interface BuildOptions {
  board: BuildableBoard;
  /** the board's wiring and config, written in place (tools/boards/image-defines.ts) */
  defines: ImageDefines;
  /** default firmware/main.ts */
  entry?: string;
  /** default build/<board> */
  outDir?: string;
}

async function formatMessages(messages: esbuild.Message[], kind: "error" | "warning"): Promise<string[]> {
  const text = await esbuild.formatMessages(messages, { kind, color: false });
  return text.map((t) => t.trimEnd());
}

function relative(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

/** Bundles one image, writes it and its map, checks it. Returns the image's size, or 0 if none was built. */
async function bundle(options: Required<BuildOptions>, kind: "readable" | "minified", problems: string[]): Promise<number> {
  const readableFile = path.join(options.outDir, "firmware.js");
  const outfile = kind === "readable" ? readableFile : path.join(options.outDir, "firmware.min.js");
  let result: esbuild.BuildResult & { outputFiles: esbuild.OutputFile[] };
  try {
    result = await esbuild.build(
      kind === "readable"
        ? {
            ...commonOptions(kind),
            entryPoints: [options.entry],
            outfile,
            // linked: the minified build below starts from this image and carries its map on
            sourcemap: "linked",
            plugins: [imagePlugin()],
            banner: { js: options.defines.banner },
            define: { ...commonOptions(kind).define, ...options.defines.define },
          }
        : {
            // from the readable image, whose BOARD.* and CFG.* are already literals: esbuild's
            // mangleProps would otherwise rename their fields before `define` could match them
            ...commonOptions(kind),
            entryPoints: [readableFile],
            outfile,
            minify: true,
            // shorter property names: less image and less RAM on the board (tools/mangle.ts)
            mangleProps: mangleablePropsPattern(),
          },
    );
  } catch (e) {
    const failure = e as esbuild.BuildFailure;
    if (!failure.errors) throw e;
    problems.push(...(await formatMessages(failure.errors, "error")));
    return 0;
  }
  problems.push(...(await formatMessages(result.warnings, "warning")));
  fs.mkdirSync(options.outDir, { recursive: true });
  for (const file of result.outputFiles) fs.writeFileSync(file.path, file.contents);
  const code = fs.readFileSync(outfile, "utf8");
  const mapFile = outfile + ".map";
  for (const finding of checkImage(code, fs.readFileSync(mapFile, "utf8"), mapFile)) {
    problems.push(formatFinding(finding, relative(outfile)));
  }
  return Buffer.byteLength(code);
}

export async function buildImage(options: BuildOptions): Promise<ImageReport> {
  const full: Required<BuildOptions> = {
    board: options.board,
    defines: options.defines,
    entry: path.resolve(ROOT, options.entry ?? "firmware/main.ts"),
    outDir: path.resolve(ROOT, options.outDir ?? path.join("build", options.board.name)),
  };
  const problems: string[] = [];
  const bytes = await bundle(full, "readable", problems);
  // once the readable image has problems, the minified one repeats them under mangled names: size only
  const minifiedBytes = await bundle(full, "minified", problems.length ? [] : problems);
  const budgetBytes = options.board.budget.minifiedBytes;
  if (minifiedBytes > budgetBytes) {
    problems.push(`${options.board.file}: budget.minifiedBytes: the minified image is ${minifiedBytes} bytes, over the budget of ${budgetBytes}`);
  }
  writeEspruinoBoardJson(options.board, full.outDir);
  if (problems.length) {
    // nothing that failed may be flashed; firmware.js stays for reading
    for (const file of ["firmware.min.js", "firmware.min.js.map"]) fs.rmSync(path.join(full.outDir, file), { force: true });
  }
  return { board: options.board.name, dir: relative(full.outDir), bytes, minifiedBytes, budgetBytes, problems };
}

export function formatTable(reports: ImageReport[]): string {
  const rows = [["board", "bytes", "minified", "budget"]].concat(
    reports.map((r) => [r.board, String(r.bytes), String(r.minifiedBytes), String(r.budgetBytes)]),
  );
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  return rows.map((row) => row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join("  ")).join("\n");
}

function option(argv: string[], name: string): string | undefined | null {
  const at = argv.indexOf(name);
  if (at < 0) return undefined;
  const value = argv[at + 1];
  return value && !value.startsWith("--") ? value : null;
}

/** `tsx tools/build.ts [--board NAME] [--boards DIR]`; returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const only = option(argv, "--board");
  const boardsDir = option(argv, "--boards");
  if (only === null || boardsDir === null) {
    console.error("usage: tsx tools/build.ts [--board NAME] [--boards DIR]");
    return 2;
  }
  const dir = boardsDir ?? (path.relative(process.cwd(), path.join(ROOT, "boards")) || ".");
  let boards;
  try {
    boards = only ? [loadBoard(path.join(dir, only + ".json"))] : loadBoards(dir);
  } catch (e) {
    if (e instanceof BoardError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
  const reports: ImageReport[] = [];
  for (const board of boards) {
    const warning = radioWarning(board);
    if (warning) console.warn(warning);
    const report = await buildImage({ board, defines: imageDefines(board) });
    for (const problem of report.problems) console.error(problem);
    reports.push(report);
  }
  console.log(formatTable(reports));
  const failed = reports.filter((r) => r.problems.length > 0);
  if (failed.length) {
    console.error(`build failed for ${failed.map((r) => r.board).join(", ")}`);
    return 1;
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
