// The feedback patterns of SPEC section 2 as data: one short string per pattern, read one step at a
// time while it plays (firmware/feedback.ts), so a pattern costs RAM only while it plays.
//
// A string is a list of steps, each an optional repeat count then a step letter:
//   r  red flash     g  green flash     b  beep     L  long beep     R  red on for 5 s
// "3r3b" = three red flashes, then three beeps: steps play one after another, in the order written,
// and each step is its output on for the step's time, then everything off for Step.OFF_MS.

export type PatternName =
  | "OK"
  | "WRONG"
  | "FAIL"
  | "PROGRAM"
  | "PROGRAM_MASTER"
  | "TIMEOUT"
  | "LOCKOUT"
  | "LOW_BATTERY"
  | "JAM"
  | "RESET_READY"
  | "RESET_DONE"
  | "HANDING_OK"
  | "HANDING_FAILED"
  /** a setting turned off */
  | "SETTING_OFF"
  /** a key pressed during a lockout */
  | "RED_FLASH";

/** The steps of a pattern. A switch rather than a table: from flash the strings cost no RAM until played. */
export function patternSteps(name: PatternName): string {
  switch (name) {
    case "OK":
      return "gb";
    case "WRONG":
      return "rb";
    case "FAIL":
      return "3r3b";
    case "PROGRAM":
      return "gb";
    case "PROGRAM_MASTER":
      return "3bg";
    case "TIMEOUT":
      return "3b3r";
    case "LOCKOUT":
      return "15r15b";
    case "LOW_BATTERY":
      return "10r10b";
    case "JAM":
      return "rgrgrgrgrgL";
    case "RESET_READY":
      return "rb";
    case "RESET_DONE":
      return "g2b";
    case "HANDING_OK":
      return "2g2b";
    case "HANDING_FAILED":
      return "RL";
    case "SETTING_OFF":
      return "2g2b";
    case "RED_FLASH":
      return "r";
  }
  return "";
}

/** A const enum: the build writes the value in place, so it takes no RAM on the board. */
export const enum Step {
  /** Everything off after each step (a flash's dark part; the gap between beeps). */
  OFF_MS = 200,
}
