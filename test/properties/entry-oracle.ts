// What the lock's keypad entry may hold, worked out from the keys the test pressed: a set of
// candidates, so that every moment the test cannot be sure of (a key at the edge of the 5 s entry
// timeout, several keys at once, a bouncing key, a key as the lock changes mode) keeps each
// possibility. A LOCK press that could submit a valid user code is an authorization to unlock; any
// other press never is. At most 8 digits are kept: a 9th makes the entry an overflow, never a code.

/** the entry ran past the longest code: submitting it is a wrong code */
export const OVERFLOW = "+";

/** how the lock took a key, as far as its status before and after the press tells */
export type Taken = "applied" | "ignored" | "maybe";

interface Candidate {
  digits: string;
  /** when its last digit came; the entry goes silently this long after it */
  lastDigitAt: number;
}

export interface EntryOracle {
  /** a key (0-9, "L" LOCK, "C" CLEAR) the lock saw at `at`; true when it may have submitted a valid code */
  press(key: string, at: number, taken: Taken, validCodes: ReadonlySet<string>): boolean;
  /** the entry is certainly gone (power-up) */
  reset(): void;
  /** the entry may be gone (Program pressed, a fault) */
  maybeReset(): void;
  /** for messages */
  describe(): string;
}

export interface EntryRules {
  maxDigits: number;
  timeoutMs: number;
  /** key events reach the firmware after its debounce: times within this of the timeout are unsure */
  slackMs: number;
}

export function createEntryOracle(rules: EntryRules): EntryOracle {
  let candidates: Candidate[] = [{ digits: "", lastDigitAt: -Infinity }];

  function add(into: Map<string, Candidate>, c: Candidate) {
    into.set(c.digits + "@" + c.lastDigitAt, c);
  }

  /** the silent timeout, as of `at` */
  function expire(at: number): Candidate[] {
    const out = new Map<string, Candidate>();
    for (const c of candidates) {
      const gap = at - c.lastDigitAt;
      if (c.digits === "" || gap < rules.timeoutMs - rules.slackMs) add(out, c);
      else if (gap > rules.timeoutMs + rules.slackMs) add(out, { digits: "", lastDigitAt: -Infinity });
      else {
        add(out, c);
        add(out, { digits: "", lastDigitAt: -Infinity });
      }
    }
    return [...out.values()];
  }

  function typed(c: Candidate, key: string, at: number): Candidate {
    if (key === "L" || key === "C") return { digits: "", lastDigitAt: -Infinity };
    if (c.digits === OVERFLOW || c.digits.length >= rules.maxDigits) return { digits: OVERFLOW, lastDigitAt: at };
    return { digits: c.digits + key, lastDigitAt: at };
  }

  return {
    press(key, at, taken, validCodes) {
      const before = expire(at);
      const out = new Map<string, Candidate>();
      let authorized = false;
      if (taken !== "applied") before.forEach((c) => add(out, c));
      if (taken !== "ignored") {
        for (const c of before) {
          if (key === "L" && validCodes.has(c.digits)) authorized = true;
          add(out, typed(c, key, at));
        }
      }
      candidates = [...out.values()];
      return authorized;
    },
    reset() {
      candidates = [{ digits: "", lastDigitAt: -Infinity }];
    },
    maybeReset() {
      const out = new Map<string, Candidate>();
      candidates.forEach((c) => add(out, c));
      add(out, { digits: "", lastDigitAt: -Infinity });
      candidates = [...out.values()];
    },
    describe() {
      return candidates.map((c) => JSON.stringify(c.digits)).join(" | ");
    },
  };
}
