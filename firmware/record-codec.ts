// The lock record as the text the journal stores (firmware/journal.ts), and back, sanitized.
//
// Text: `<codes>;<master>;<settings>;<handing>`, all printable ASCII (so no byte is 0xFF, which the
// journal reads as unwritten flash):
//   codes     user codes joined by ",", in slot order ("" when there are none)
//   master    the mastercode, "" when there is none
//   settings  4 characters "0"/"1": auto-lock, audio, one-touch locking, status LED
//   handing   "" (not learned), or the drive that extends ("A"/"B"), extend ms, ",", retract ms
// e.g. `1234,98765432;4321;1011;A820,910`. The lockout is not in the text: the journal keeps it in slots
// of its own, so that a lockout costs one 8-byte write.
//
// Decoding never throws and never lets corrupt data unlock: a text that does not parse gives null (the
// journal then takes the record before it); codes of the wrong shape, duplicates and a code equal to
// the mastercode are dropped; at most RecordLimit.CODES codes are kept. Resident style: top-level
// functions, ES5.
import type { Handing, LockRecord } from "./record";

/** Must match firmware/config.ts DEFAULT_CONFIG (test/journal/record-codec.test.ts checks). */
export const enum RecordLimit {
  CODES = 30,
  MIN_DIGITS = 4,
  MAX_DIGITS = 8,
  /** no stroke lasts a minute: a handing time above this is corrupt */
  MAX_STROKE_MS = 60000,
}

function digits(s: string): boolean {
  let i = s.length;
  if (i < RecordLimit.MIN_DIGITS || i > RecordLimit.MAX_DIGITS) return false;
  while (i--) if (s.charCodeAt(i) < 48 || s.charCodeAt(i) > 57) return false;
  return true;
}

/** a stroke time in ms as written: 1-5 digits, 1..MAX_STROKE_MS; else 0 */
function strokeMs(s: string): number {
  const n = s.length > 0 && s.length < 6 ? +s : 0;
  return n >= 1 && n <= RecordLimit.MAX_STROKE_MS && n === Math.floor(n) ? n : 0;
}

export function encodeRecord(r: LockRecord): string {
  const s = r.settings;
  const h = r.handing;
  return (
    r.codes.join(",") + ";" + r.master + ";" +
    (s.autoLock ? 1 : 0) + (s.audio ? 1 : 0) + (s.oneTouch ? 1 : 0) + (s.statusLed ? 1 : 0) + ";" +
    (h ? h.extend + h.extendMs + "," + h.retractMs : "")
  );
}

/** The record of a text, sanitized; null when the text is not one encodeRecord wrote. Lockout: none. */
export function decodeRecord(text: string): LockRecord | null {
  const p = text.split(";");
  if (p.length !== 4 || p[2].length !== 4) return null;
  const master = digits(p[1]) ? p[1] : "";
  if (p[1] !== master) return null;
  const codes: string[] = [];
  const c = p[0] ? p[0].split(",") : [];
  let i;
  for (i = 0; i < c.length && codes.length < RecordLimit.CODES; i++) {
    if (digits(c[i]) && c[i] !== master && codes.indexOf(c[i]) < 0) codes.push(c[i]);
  }
  const b: boolean[] = [];
  for (i = 0; i < 4; i++) {
    const ch = p[2].charAt(i);
    if (ch !== "0" && ch !== "1") return null;
    b.push(ch === "1");
  }
  let handing: Handing | null = null;
  const h = p[3];
  if (h) {
    const comma = h.indexOf(",");
    const extendMs = strokeMs(h.substring(1, comma));
    const retractMs = strokeMs(h.substring(comma + 1));
    const drive = h.charAt(0);
    if ((drive !== "A" && drive !== "B") || comma < 0 || !extendMs || !retractMs) return null;
    handing = { extend: drive, extendMs: extendMs, retractMs: retractMs };
  }
  return {
    codes: codes,
    master: master,
    settings: { autoLock: b[0], audio: b[1], oneTouch: b[2], statusLed: b[3] },
    lockout: { active: false, lastMs: 0 },
    handing: handing,
  };
}
