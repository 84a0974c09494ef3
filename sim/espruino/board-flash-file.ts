// A board's flash by its name (boards/<board>.json: its chip and its journal layout), for host tests and tools.
import * as path from "path";
import { loadBoard } from "../../tools/boards/load";
import { BoardFlash, BoardFlashOptions, createBoardFlash } from "./board-flash";

export function boardFlashOf(board: string, options?: BoardFlashOptions): BoardFlash {
  const b = loadBoard(path.join(__dirname, "..", "..", "boards", board + ".json"));
  return createBoardFlash(b.chip, b.journal.layout, options);
}
