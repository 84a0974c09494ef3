// Builds just the journal's modules (tools/journal/image-entry.ts) the way the firmware image is built
// (tools/build.ts: esbuild, the image check, mangled property names) and reports what they cost: minified
// bytes and function objects. `npx tsx tools/journal/image.ts` prints it; the tests use buildJournalImage.
import { parse } from "acorn";
import * as fs from "fs";
import * as path from "path";
import { buildImage, ROOT } from "../build";
import { boardModuleSource, loadBoard } from "../boards/load";
import { type Node, walk } from "../check-image/walk";

export interface JournalImage {
  dir: string;
  bytes: number;
  minifiedBytes: number;
  /** function objects in the minified image, the entry's global object excluded */
  functions: number;
  problems: string[];
}

export async function buildJournalImage(outDir = path.join(ROOT, "build", "journal")): Promise<JournalImage> {
  const board = loadBoard(path.join(ROOT, "boards", "proto-pico.json"));
  const report = await buildImage({ board, moduleSource: boardModuleSource(board), entry: "tools/journal/image-entry.ts", outDir });
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

if (require.main === module) {
  buildJournalImage().then((r) => {
    for (const p of r.problems) console.error(p);
    console.log(`journal + record codec: ${r.minifiedBytes} bytes minified (${r.bytes} readable), ${r.functions} functions (${path.relative(process.cwd(), r.dir)})`);
    process.exit(r.problems.length ? 1 : 0);
  });
}
