// A board file that cannot be built: the message names the file, the field and what is wrong, as
// "boards/bad.json: keypad.rows[2]: unknown pin "B11" for chip stm32f401"; a file with several faults gives
// one such line per fault, and `faults` lists them apart.
export class BoardError extends Error {
  readonly file: string;
  readonly field: string;
  readonly problem: string;
  /** every fault found in the file, this one first */
  readonly faults: BoardError[];

  constructor(file: string, field: string, problem: string, more: BoardError[] = []) {
    super([file + ": " + field + ": " + problem, ...more.map((f) => f.message)].join("\n"));
    this.name = "BoardError";
    this.file = file;
    this.field = field;
    this.problem = problem;
    this.faults = [this, ...more];
  }

  /** one error for all the faults of a file (the first one's file, field and problem; every line in the message) */
  static all(faults: BoardError[]): BoardError {
    if (faults.length === 1) return faults[0];
    const [first, ...more] = faults;
    return new BoardError(first.file, first.field, first.problem, more);
  }
}
