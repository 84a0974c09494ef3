// Board files (boards/*.json) read and validated at build time. Every problem is a BoardError whose message
// names the file and the field: "boards/bad.json: keypad.rows[2]: unknown pin "B11" for chip stm32f401".
import * as fs from "fs";
import * as path from "path";
import { BoardError } from "./board-error";
import { validateBoard, ValidatedBoard } from "./validate";

export { BoardError } from "./board-error";
export { validateBoard } from "./validate";
export type { BoardBudget, BoardPower, ValidatedBoard } from "./validate";

/** "... at position 41" -> "line 3 column 5", counted in `text` */
function locate(text: string, message: string): string {
  const match = /position (\d+)/.exec(message);
  if (!match) return "";
  const before = text.slice(0, Number(match[1])).split("\n");
  return " at line " + before.length + " column " + (before[before.length - 1].length + 1);
}

export function loadBoard(file: string): ValidatedBoard {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new BoardError(file, "(file)", "cannot read: " + (e as Error).message);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    throw new BoardError(file, "(file)", "invalid JSON" + locate(text, message) + ": " + message);
  }
  return validateBoard(data, file);
}

/** every *.json in `dir`, validated, sorted by board name (which is the file name) */
export function loadBoards(dir: string): ValidatedBoard[] {
  return fs.readdirSync(dir)
    .filter((entry) => entry.endsWith(".json"))
    .map((entry) => loadBoard(path.join(dir, entry)))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
