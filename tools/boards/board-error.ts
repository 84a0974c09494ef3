// A board file that cannot be built: the message names the file, the field and what is wrong, as
// "boards/bad.json: keypad.rows[2]: unknown pin "B11" for chip stm32f401".
export class BoardError extends Error {
  readonly file: string;
  readonly field: string;
  readonly problem: string;

  constructor(file: string, field: string, problem: string) {
    super(file + ": " + field + ": " + problem);
    this.name = "BoardError";
    this.file = file;
    this.field = field;
    this.problem = problem;
  }
}
