// What a rule reports, before the source map turns image positions into source positions.

export type RuleId =
  | "syntax"
  | "hoisting"
  | "loop-closure"
  | "regexp"
  | "prototype"
  | "clear-guard"
  | "length-assign"
  | "return-newline"
  | "missing-builtin"
  | "global-name"
  | "build-literal";

export interface RawFinding {
  rule: RuleId;
  message: string;
  /** offset in the image */
  pos: number;
}
