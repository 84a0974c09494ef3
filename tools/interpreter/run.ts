// `make espruino-run BOARD=...`: a board's image on Espruino's Linux build, by hand. The flash (espruino.flash in
// build/<board>/espruino/) gets the board's model as .boot0 and the image as .bootcde, as a board holds them, and
// the interpreter starts there with its console in this terminal: the lock powers up (door handing first).
// Type Rig.press("P"), Rig.press("1234#"), Latchkey.status(), Rig.state(); quit() leaves. Run it again for a
// power-up on the same flash (codes and lockout kept); --fresh starts from an empty flash.
//
//   npx tsx tools/interpreter/run.ts --board proto-pico [--fresh]
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { loadBoards } from "../boards/load";
import { findInterpreter, ROOT } from "./find";
import { preludeFile } from "./preludes";
import { writeStorage } from "./storage";

function main(argv: string[]): number {
  const board = argv[argv.indexOf("--board") + 1];
  const boards = loadBoards(path.join(ROOT, "boards")).map((b) => b.name);
  if (argv.indexOf("--board") < 0 || !boards.includes(board)) {
    console.error(`usage: tsx tools/interpreter/run.ts --board NAME [--fresh]; the boards are: ${boards.join(", ")}`);
    return 2;
  }
  const found = findInterpreter();
  if ("missing" in found) {
    console.error(found.missing);
    return 1;
  }
  const image = path.join(ROOT, "build", board, "firmware.min.js");
  if (!fs.existsSync(image)) {
    console.error(`${path.relative(process.cwd(), image)} is missing: run make build`);
    return 1;
  }
  const dir = path.join(ROOT, "build", board, "espruino");
  const flash = path.join(dir, "espruino.flash");
  if (argv.includes("--fresh") || !fs.existsSync(flash) || fs.statSync(image).mtimeMs > fs.statSync(flash).mtimeMs) {
    writeStorage(found.binary, dir, { ".boot0": fs.readFileSync(preludeFile(board), "latin1"), ".bootcde": fs.readFileSync(image, "latin1") });
    console.log(`${path.relative(process.cwd(), flash)}: a fresh flash with the ${board} model (.boot0) and image (.bootcde)`);
  } else console.log(`${path.relative(process.cwd(), flash)}: the flash as the last run left it (--fresh for a new one)`);
  console.log('Try Rig.press("P") then Rig.press("1234#"), Rig.press("#"), Latchkey.status(), Rig.state(); quit() leaves.');
  return spawnSync(found.binary, [], { cwd: dir, stdio: "inherit" }).status ?? 1;
}

process.exit(main(process.argv.slice(2)));
