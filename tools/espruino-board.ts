// A minimal Espruino board description for the `espruino` CLI, written next to each image so that
// `make flash` and `make upload-file` never look a board up online (the CLI fetches a board given by
// name from espruino.com; a board given as a .json file is read from disk).
import * as fs from "fs";
import * as path from "path";

/** The Espruino version the images are built for (../shared/ESPRUINO.md): the CLI needs >= 1v96 to upload to Storage. */
export const ESPRUINO_VERSION = "2v29";

/** Built-in modules the image may `require` (the CLI tries to download any other). */
export const BUILTIN_MODULES = ["Storage"];

export interface EspruinoBoardJson {
  info: { name: string; binary_version: string; builtin_modules: string[] };
  chip: { part: string };
}

export function espruinoBoardJson(board: { name: string; chip: string }): EspruinoBoardJson {
  return {
    info: { name: board.name, binary_version: ESPRUINO_VERSION, builtin_modules: BUILTIN_MODULES.slice() },
    chip: { part: board.chip },
  };
}

/** Writes `<dir>/espruino-board.json` and returns its path. */
export function writeEspruinoBoardJson(board: { name: string; chip: string }, dir: string): string {
  const file = path.join(dir, "espruino-board.json");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(espruinoBoardJson(board), null, 2) + "\n");
  return file;
}
