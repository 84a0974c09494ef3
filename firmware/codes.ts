// The code table: user codes and the mastercode, kept as digit strings in the persistent record.
import type { LockConfig } from "./config";
import type { LockRecord } from "./record";

/** true for a string of minCodeLength..maxCodeLength decimal digits */
export function isCodeShape(code: string, config: LockConfig): boolean {
  if (typeof code !== "string" || code.length < config.minCodeLength || code.length > config.maxCodeLength) return false;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
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
