// Builds just the journal's modules (tools/journal/image-entry.ts) the way the firmware image is built for a
// board (tools/build.ts: esbuild, the board's literals, the image check, mangled property names; no banner) and
// reports what they cost: minified bytes (the journal's own, without the helpers it shares with the firmware:
// defaultRecord, isDigits), function objects, and, with the interpreter `make espruino` builds, the JsVars the
// loaded image holds more than an empty program.
//   npx tsx tools/journal/image.ts [BOARD...]     prints them (default: every board)
import { parse } from "acorn";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildImage, ROOT } from "../build";
import { loadBoard, loadBoards } from "../boards/load";
import { imageDefines } from "../boards/image-defines";
import { findInterpreter } from "../interpreter/find";
import { type Node, walk } from "../check-image/walk";

export interface JournalImage {
  board: string;
  dir: string;
  bytes: number;
  minifiedBytes: number;
  /** the journal's own minified bytes: the image less the helpers it shares with the firmware and the entry */
  ownBytes: number;
  /** function objects in the minified image, the entry's global object excluded */
  functions: number;
  /** of them, the journal's own (defaultRecord and isDigits are the firmware's) */
  ownFunctions: number;
  problems: string[];
}

/** top-level statements of the minified image that are not the journal's: the firmware's helpers, the entry */
function shared(text: string): boolean {
  return /^global\.LKJ=/.test(text) || /codes:\[\]/.test(text) || /typeof \w+!="string"/.test(text);
}

export async function buildJournalImage(boardName = "proto-pico", outDir = path.join(ROOT, "build", "journal", boardName)): Promise<JournalImage> {
  const board = loadBoard(path.join(ROOT, "boards", boardName + ".json"));
  const report = await buildImage({ board, defines: { ...imageDefines(board), banner: "" }, entry: "tools/journal/image-entry.ts", outDir });
  let functions = 0;
  let ownFunctions = 0;
  let ownBytes = 0;
  const min = path.join(outDir, "firmware.min.js");
  if (fs.existsSync(min)) {
    const code = fs.readFileSync(min, "utf8");
    const program = parse(code, { ecmaVersion: "latest", sourceType: "script" }) as Node & { body: Array<Node & { start: number; end: number }> };
    for (const statement of program.body) {
      const text = code.slice(statement.start, statement.end);
      let n = 0;
      walk(statement, (node: Node) => {
        if (node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression") n++;
      });
      functions += n;
      if (!shared(text)) {
        ownBytes += text.length;
        ownFunctions += n;
      }
    }
  }
  return { board: boardName, dir: outDir, bytes: report.bytes, minifiedBytes: report.minifiedBytes, ownBytes, functions, ownFunctions, problems: report.problems };
}

/**
 * JsVars the minified image holds once Espruino's Linux interpreter has loaded it from .bootcde, less what an
 * empty program holds (process.memory().usage); undefined without ESPRUINO_LINUX.
 */
export function residentVars(image: JournalImage): number | undefined {
  const found = findInterpreter();
  if ("missing" in found) return undefined;
  const interpreter = found.binary;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lk-journal-ram-"));
  try {
    const usage = () => {
      const out = spawnSync(interpreter, ["-e", 'print("@@"+process.memory().usage)'], { cwd: dir, encoding: "utf8" }).stdout;
      return Number(out.slice(out.indexOf("@@") + 2).split("\n")[0]);
    };
    const empty = usage();
    const code = fs.readFileSync(path.join(image.dir, "firmware.min.js"), "latin1");
    fs.writeFileSync(path.join(dir, "store.js"), `require("Storage").write(".bootcde", ${JSON.stringify(code)});`);
    spawnSync(interpreter, ["store.js"], { cwd: dir });
    return usage() - empty;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : loadBoards(path.join(ROOT, "boards")).map((b) => b.name);
  (async () => {
    let bad = 0;
    console.log("board          journal's own bytes (of the image)  functions (of the image)  resident JsVars (Linux interpreter)");
    for (const name of names) {
      const r = await buildJournalImage(name);
      for (const p of r.problems) console.error(p);
      bad += r.problems.length;
      const vars = residentVars(r);
      console.log(`${name.padEnd(15)}${`${r.ownBytes} (${r.minifiedBytes})`.padEnd(36)}${`${r.ownFunctions} (${r.functions})`.padEnd(26)}${vars === undefined ? "no interpreter" : vars}`);
    }
    process.exit(bad ? 1 : 0);
  })();
}
