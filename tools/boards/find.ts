// Finding a board by name for the tools a person runs with BOARD=... (make sim, make flash): one lookup, one
// friendly refusal that lists the boards there are, so every tool answers a typo the same way.
import * as fs from "fs";
import * as path from "path";
import { closest } from "./fields";
import { loadBoard, ValidatedBoard } from "./load";

/** the repository's boards/ folder */
export const BOARDS_DIR = path.resolve(__dirname, "..", "..", "boards");

/** A name with no boards/<name>.json; the message lists the boards there are. */
export class UnknownBoardError extends Error {
  readonly board: string;
  readonly known: string[];

  constructor(board: string, known: string[], dir: string) {
    const near = closest(board, known);
    const file = path.join(path.relative(process.cwd(), dir) || ".", board + ".json");
    super(
      'no board "' + board + '": there is no ' + file + " (boards: " + known.join(", ") + ")" +
        (near ? "; did you mean " + near + "?" : ""),
    );
    this.name = "UnknownBoardError";
    this.board = board;
    this.known = known;
  }
}

/** the board names in `dir` (its *.json files), sorted */
export function boardNames(dir = BOARDS_DIR): string[] {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  return files.filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -".json".length)).sort();
}

/** boards/<name>.json, or an UnknownBoardError listing the boards */
export function boardFile(name: string, dir = BOARDS_DIR): string {
  const known = boardNames(dir);
  // a name with a slash or a dot would reach outside boards/: not a board name
  if (!known.includes(name)) throw new UnknownBoardError(name, known, dir);
  return path.join(dir, name + ".json");
}

/** the board file of `name`, read and validated (a BoardError names every fault in it) */
export function findBoard(name: string, dir = BOARDS_DIR): ValidatedBoard {
  const file = boardFile(name, dir);
  const shown = path.relative(process.cwd(), file);
  // messages name the file as a person would type it from here
  return loadBoard(shown.startsWith("..") || path.isAbsolute(shown) ? file : shown);
}
