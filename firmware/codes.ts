// The code table: user codes by slot and the mastercode, as digit strings in the record. Empty slots
// are "" and never the last element, so `codes.length > 0` says a code exists.
import type { LockRecord } from "./record";

/** true for a string of minLength..maxLength decimal digits (no regular expressions on Espruino) */
export function isDigits(value: unknown, minLength: number, maxLength: number): boolean {
  if (typeof value !== "string" || value.length < minLength || value.length > maxLength) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The slot holding `code` (0 when none). Every slot is compared, every character of each, whatever
 * matches: the time taken says nothing about how much of a stored code was right or which slot matched.
 */
export function findCode(record: LockRecord, code: string): number {
  let found = 0;
  for (let slot = 1; slot <= CFG.maxUserCodes; slot++) {
    const stored = record.codes[slot - 1] || "";
    let diff = stored.length ^ code.length;
    for (let i = 0; i < CFG.maxCodeLength; i++) diff |= (stored.charCodeAt(i) | 0) ^ (code.charCodeAt(i) | 0);
    if (diff === 0 && code !== "") found = slot;
  }
  return found;
}
