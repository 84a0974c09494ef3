// The code table: user codes and the mastercode, kept as digit strings in the persistent record.
import type { LockConfig } from "./config";
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

/** a user code or mastercode of the configured length */
export function isCodeShape(code: string, config: LockConfig): boolean {
  return isDigits(code, config.minCodeLength, config.maxCodeLength);
}

export function isUserCode(record: LockRecord, code: string): boolean {
  return code !== "" && record.codes.indexOf(code) >= 0;
}

/** Adds a user code; false for a wrong length, a duplicate, the mastercode or a full table. */
export function addUserCode(record: LockRecord, code: string, config: LockConfig): boolean {
  if (!isCodeShape(code, config) || isUserCode(record, code) || code === record.master) return false;
  if (record.codes.length >= config.maxUserCodes) return false;
  record.codes.push(code);
  return true;
}

export function deleteUserCode(record: LockRecord, code: string): boolean {
  const at = record.codes.indexOf(code);
  if (at < 0) return false;
  record.codes.splice(at, 1);
  return true;
}
