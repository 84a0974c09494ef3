// Builds just the journal's modules (tools/journal/image-entry.ts) the way the firmware image is built
// (tools/build.ts: esbuild, the image check, mangled property names) and reports what they cost: minified
// bytes and function objects, and with ESPRUINO_LINUX=<Linux interpreter> the JsVars it holds once loaded.
// `npx tsx tools/journal/image.ts` prints them; the tests use buildJournalImage.
import { parse } from "acorn";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildImage, ROOT } from "../build";
import { loadBoard } from "../boards/load";
import { imageDefines } from "../boards/image-defines";
import { type Node, walk } from "../check-image/walk";

export interface JournalImage {
  dir: string;
  bytes: number;
  minifiedBytes: number;
  /** function objects in the minified image, the entry's global object excluded */
  functions: number;
  problems: string[];
}

export async function buildJournalImage(boardName = "proto-pico", outDir = path.join(ROOT, "build", "journal", boardName)): Promise<JournalImage> {
  const board = loadBoard(path.join(ROOT, "boards", boardName + ".json"));
  const report = await buildImage({ board, defines: imageDefines(board), entry: "tools/journal/image-entry.ts", outDir });
  let functions = 0;
  const min = path.join(outDir, "firmware.min.js");
  if (fs.existsSync(min)) {
    const program = parse(fs.readFileSync(min, "utf8"), { ecmaVersion: "latest", sourceType: "script" }) as Node;
    walk(program, (node: Node) => {
      if (node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression") functions++;
    });
  }
  return { dir: outDir, bytes: report.bytes, minifiedBytes: report.minifiedBytes, functions, problems: report.problems };
}

/**
 * JsVars the minified image holds once Espruino's Linux interpreter has loaded it from .bootcde, less what an
 * empty program holds (process.memory().usage); undefined without ESPRUINO_LINUX.
 */
export function residentVars(image: JournalImage): number | undefined {
  const interpreter = process.env.ESPRUINO_LINUX;
  if (!interpreter) return undefined;
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
  buildJournalImage().then((r) => {
    for (const p of r.problems) console.error(p);
    const vars = residentVars(r);
    console.log(`journal + record codec: ${r.minifiedBytes} bytes minified (${r.bytes} readable), ${r.functions} functions (${path.relative(process.cwd(), r.dir)})`);
    if (vars !== undefined) console.log(`loaded from .bootcde on the Linux interpreter: ${vars} JsVars more than an empty program`);
    process.exit(r.problems.length ? 1 : 0);
  });
}
