// Keypad legends to keys: digits stand for themselves, `*` is CLEAR and `#` is LOCK.
import type { Key } from "../types";

/** the key a legend stands for, or undefined for a legend the lock has no use for */
export function keyOf(legend: string): Key | undefined {
  if (legend === "*") return "C";
  if (legend === "#") return "L";
  if (legend.length === 1 && legend >= "0" && legend <= "9") return legend as Key;
  return undefined;
}
