// Bad boards for tests: a real board file, copied, renamed "bad" and changed in one place.
import * as fs from "fs";
import * as path from "path";
import { validateBoard, ValidatedBoard } from "../../tools/boards/load";

export const BOARDS_DIR = path.join(__dirname, "..", "..", "boards");

export type BoardData = Record<string, any>;

export function boardData(name: string): BoardData {
  return JSON.parse(fs.readFileSync(path.join(BOARDS_DIR, name + ".json"), "utf8"));
}

/** `base` (a board in boards/) as boards/bad.json, changed by `change` */
export function variant(base: string, change: (data: BoardData) => void): BoardData {
  const data = boardData(base);
  data.name = "bad";
  change(data);
  return data;
}

export function validateAsBad(data: unknown): ValidatedBoard {
  return validateBoard(data, "boards/bad.json");
}

/** the message validating `data` as boards/bad.json fails with, or "" */
export function refusal(data: unknown): string {
  try {
    validateAsBad(data);
    return "";
  } catch (e) {
    return (e as Error).message;
  }
}
