// The feedback patterns of SPEC.md section 2 as a person sees and hears them, read independently of the
// firmware: each as its parts in the order they play (README, "How the spec was read"). Scenarios check them
// (parse.ts counts them), and the terminal view, the SVG and the bench name what the lock played
// (../record/feedback.ts).
//
// Letters: r red flash, g green flash, b beep, L long beep (>= 800 ms), R red on for 5 s; a count repeats the
// letter after it ("3r3b" = three red flashes, then three beeps).
export const PATTERN_STEPS = {
  OK: "gb",
  WRONG: "rb",
  FAIL: "3r3b",
  PROGRAM: "gb",
  PROGRAM_MASTER: "3bg",
  TIMEOUT: "3b3r",
  LOCKOUT: "15r15b",
  LOW_BATTERY: "10r10b",
  JAM: "rgrgrgrgrgL",
  RESET_READY: "rb",
  RESET_DONE: "g2b",
  HANDING_OK: "2g2b",
  /** "off" of a setting: 2 green flashes + 2 beeps (SPEC.md section 4) */
  OFF: "2g2b",
  HANDING_FAILED: "RL",
} as const;
export type PatternName = keyof typeof PATTERN_STEPS;

export type Step = "r" | "g" | "b" | "L" | "R";

/** "3r3b" -> ["r","r","r","b","b","b"] */
export function expandSteps(steps: string): Step[] {
  const out: Step[] = [];
  let count = "";
  for (const ch of steps) {
    if (ch >= "0" && ch <= "9") count += ch;
    else {
      for (let i = 0; i < (count === "" ? 1 : Number(count)); i++) out.push(ch as Step);
      count = "";
    }
  }
  return out;
}

export interface PatternCounts {
  /** red flashes, the 5 s red light included */
  red: number;
  green: number;
  /** beeps, long ones included */
  beeps: number;
  longBeeps: number;
}

export function countSteps(steps: Step[]): PatternCounts {
  const n = (s: Step) => steps.filter((x) => x === s).length;
  return { red: n("r") + n("R"), green: n("g"), beeps: n("b") + n("L"), longBeeps: n("L") };
}
