// The feedback patterns of SPEC section 2 as data: one short string per pattern, read one step at a
// time while it plays (feedback.ts), so a pattern costs RAM only while it plays.
//
// A string is a list of steps, each an optional repeat count then a step letter:
//   r  red flash     g  green flash     b  beep     L  long beep     R  red on for 5 s
// "3r3b" = three red flashes, then three beeps: steps play one after another, in the order written,
// and each step is its output on for the step's time, then everything off for Step.OFF_MS.

/** A const enum: the build writes the numbers in place. */
export const enum Pattern {
  NONE = 0,
  OK = 1,
  WRONG = 2,
  FAIL = 3,
  PROGRAM = 4,
  PROGRAM_MASTER = 5,
  TIMEOUT = 6,
  LOCKOUT = 7,
  LOW_BATTERY = 8,
  JAM = 9,
  RESET_READY = 10,
  RESET_DONE = 11,
  HANDING_OK = 12,
  HANDING_FAILED = 13,
  /** a setting turned off */
  SETTING_OFF = 14,
  /** a key pressed during a lockout */
  RED_FLASH = 15,
  /** the pairing window opened (a "paired" radio board only): green flash and beep, three times */
  PAIRING = 16,
}

/**
 * The steps of each pattern, by Pattern number, "|" between them: split where a pattern starts (a
 * string in the code stays in flash until then).
 */
export const enum Steps {
  //     0 1  2  3    4  5   6    7      8      9           10 11  12   13 14   15
  ALL = "|gb|rb|3r3b|gb|3bg|3b3r|15r15b|10r10b|rgrgrgrgrgL|rb|g2b|2g2b|RL|2g2b|r",
  /** 16, appended to ALL only in the image of a "paired" radio board */
  PAIRING = "|gbgbgb",
}

export const enum Step {
  /** Everything off after each step (a flash's dark part; the gap between beeps). */
  OFF_MS = 200,
  /** The status LED's flash: inside a flash's 100-300 ms with room for a late timer. */
  STATUS_MS = 150,
  /** A late tick may eat into a dark phase, but never below this (SPEC: off at least 100 ms). */
  MIN_OFF_MS = 100,
}
