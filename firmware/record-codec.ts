// The lock record as the text the journal stores (firmware/journal.ts), and back, sanitized.
//
// `<codes>;<master>;<settings>;<handing>`, printable ASCII only (no byte is 0xFF, which the journal reads
// as unwritten flash): codes joined by "," in slot order; the mastercode or ""; 4 characters "0"/"1" for
// auto-lock, audio, one-touch locking, status LED; "" (not learned) or the drive that extends ("A"/"B"),
// the extend ms, ",", the retract ms. E.g. `1234,98765432;4321;1011;A820,910` (at most 296 characters).
// The lockout is not in the text: the journal keeps it in slots of its own (a lockout is one 8-byte write).
//
// Decoding never throws and never lets corrupt data unlock: codes of the wrong shape, duplicates and a
// code equal to the mastercode are dropped, at most 30 codes are kept, a mastercode of the wrong shape is
// none (the journal checks every record's text before it decodes it, so this is the last line). Must match firmware/config.ts DEFAULT_CONFIG
// (test/journal/record-codec.test.ts checks): 4-8 digits, 30 codes, strokes up to 60 s.
import type { LockRecord } from "./record";

/** 4-8 decimal digits */
function digits(s: string): boolean {
  let i = s.length;
  if (i < 4 || i > 8) return false;
  while (i--) if (s.charCodeAt(i) < 48 || s.charCodeAt(i) > 57) return false;
  return true;
}

export function encodeRecord(r: LockRecord): string {
  const s = r.settings;
  const h = r.handing;
  return r.codes.join(",") + ";" + r.master + ";" + +s.autoLock + +s.audio + +s.oneTouch + +s.statusLed + ";" + (h ? h.extend + h.extendMs + "," + h.retractMs : "");
}

/**
 * The record of a text, sanitized, with no lockout; null when it is not 4 fields. A setting reads as on
 * only when it is "1"; a handing that does not parse reads as not learned (no stroke runs without one).
 */
export function decodeRecord(text: string): LockRecord | null {
  const p = text.split(";");
  const codes: string[] = [];
  const c = p[0] ? p[0].split(",") : [];
  const h = p[3] || "";
  const m = h.substring(1).split(",");
  const e = +m[0];
  const r = +m[1];
  if (p.length !== 4) return null;
  for (let i = 0; i < c.length && codes.length < 30; i++) {
    if (digits(c[i]) && c[i] !== p[1] && codes.indexOf(c[i]) < 0) codes.push(c[i]);
  }
  return {
    codes: codes,
    master: digits(p[1]) ? p[1] : "",
    settings: { autoLock: p[2][0] === "1", audio: p[2][1] === "1", oneTouch: p[2][2] === "1", statusLed: p[2][3] === "1" },
    lockout: { active: false, lastMs: 0 },
    handing: (h[0] === "A" || h[0] === "B") && e >= 1 && e <= 60000 && r >= 1 && r <= 60000 && e % 1 === 0 && r % 1 === 0 ? { extend: h[0], extendMs: e, retractMs: r } : null,
  };
}
