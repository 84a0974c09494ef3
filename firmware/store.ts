// The lock record in flash, safe against a power cut at any instant (SPEC 9).
//
// Two slots, "lk.a" and "lk.b", each holding `<sequence>:<checksum>:<json>` of the whole record. A
// save writes the slot that does NOT hold the newest valid record, with the next sequence number,
// so whatever a cut leaves in that slot (nothing, or a truncated file padded with 0xFF), the other
// slot still holds the previous record. Load keeps the slots whose checksum matches and whose JSON
// parses, takes the newest, and sanitizes every field: corrupt data never unlocks and never throws.
import type { Kv } from "../hal/types";
import { isDigits } from "./codes";
import { defaultRecord, settingKeys } from "./record";
import type { Handing, LockRecord } from "./record";

const enum Slot {
  A = "lk.a",
  B = "lk.b",
}

const enum Limit {
  /** sequence numbers count modulo this, and compare as serial numbers (a wrap stays in order) */
  SEQ_MOD = 1000000000,
  /** no stroke lasts a minute: a handing time above this is corrupt */
  MAX_STROKE_MS = 60000,
  MAX_SLOT_CHARS = 2048,
}

/** The flash the store works on, and what it remembers between writes: the slot holding the newest
 * valid record, its sequence and JSON (-1: not read yet). One store per lock: storeUse() picks it. */
let kv: Kv;
let slot = "";
let seq = -1;
let savedJson = "";

/** The flash the store works on from now on (read afresh at the next load or save). */
export function storeUse(flash: Kv) {
  kv = flash;
  seq = -1;
}

/** Adler-32 of `text`, exact in doubles (no Math.imul needed). */
function adler(text: string): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    a = (a + text.charCodeAt(i)) % 65521;
    b = (b + a) % 65521;
  }
  return b * 65536 + a;
}

/** The record as a JSON text with a fixed key order, so equal records give equal texts. */
function serialize(r: LockRecord): string {
  const h = r.handing;
  const settings: any = {};
  settingKeys().forEach(function (k, i) {
    settings[k] = (r.settings & (1 << i)) !== 0;
  });
  // a "paired" radio board's passkey rides with the settings (no key at all elsewhere)
  if (BOARD.radio === "paired" && r.passkey) settings.passkey = r.passkey;
  return JSON.stringify({
    codes: r.codes,
    master: r.master,
    settings: settings,
    lockout: { active: r.lockout.active, lastMs: r.lockout.lastMs },
    handing: h ? { extend: h.extend, extendMs: h.extendMs, retractMs: h.retractMs } : null,
  });
}

function isFiniteNumber(value: any): boolean {
  return typeof value === "number" && value - value === 0;
}

/** Any parsed JSON in, a record that is valid in every field out. */
function sanitize(data: any): LockRecord {
  const r = defaultRecord();
  if (typeof data !== "object" || !data) return r;
  if (isDigits(data.master, CFG.minCodeLength, CFG.maxCodeLength)) r.master = data.master;
  const codes = Array.isArray(data.codes) ? data.codes : [];
  for (let i = 0; i < codes.length && i < CFG.maxUserCodes; i++) {
    // each slot keeps its place; what is not a code of its own (the mastercode never unlocks, so it is
    // never also a user code; no code twice) leaves its slot empty
    const code = codes[i];
    r.codes.push(isDigits(code, CFG.minCodeLength, CFG.maxCodeLength) && code !== r.master && r.codes.indexOf(code) < 0 ? code : "");
  }
  while (r.codes.length && r.codes[r.codes.length - 1] === "") r.codes.pop();
  const settings = data.settings;
  if (settings && typeof settings === "object") {
    settingKeys().forEach(function (k, i) {
      if (typeof settings[k] === "boolean") r.settings = settings[k] ? r.settings | (1 << i) : r.settings & ~(1 << i);
    });
    if (BOARD.radio === "paired" && isDigits(settings.passkey, 6, 6)) r.passkey = settings.passkey;
  }
  const l = data.lockout;
  if (l && typeof l === "object") {
    r.lockout.active = l.active === true;
    if (isFiniteNumber(l.lastMs) && l.lastMs > 0) r.lockout.lastMs = Math.min(l.lastMs, CFG.maxLockoutMs);
    // a running lockout with a lost length still locks out (corrupt data never unlocks)
    if (r.lockout.active && r.lockout.lastMs === 0) r.lockout.lastMs = CFG.lockoutMs;
  }
  const h = data.handing;
  if (h && (h.extend === "A" || h.extend === "B")) {
    const ok = [h.extendMs, h.retractMs].every(function (ms) {
      return isFiniteNumber(ms) && ms > 0 && ms <= Limit.MAX_STROKE_MS;
    });
    if (ok) r.handing = { extend: h.extend, extendMs: h.extendMs, retractMs: h.retractMs } as Handing;
  }
  return r;
}

/** The slot's sequence and JSON when its checksum matches, else null. */
function readSlot(name: string): { seq: number; json: string } | null {
  const text = kv.read(name);
  if (typeof text !== "string" || text.length > Limit.MAX_SLOT_CHARS) return null;
  const seqEnd = text.indexOf(":");
  const sumEnd = text.indexOf(":", seqEnd + 1);
  if (seqEnd < 1 || seqEnd > 9 || sumEnd < 0) return null;
  const head = text.substring(0, seqEnd + 1);
  const json = text.substring(sumEnd + 1);
  const seq = parseInt(head, 10);
  if (!isDigits(text.substring(0, seqEnd), 1, 9) || text.substring(seqEnd + 1, sumEnd) !== String(adler(head + json))) return null;
  return { seq: seq, json: json };
}

/** The newest valid record in flash, sanitized; the default record when there is none. */
export function storeLoad(): LockRecord {
  const a = readSlot(Slot.A);
  const b = readSlot(Slot.B);
  // b is newer than a, counting modulo SEQ_MOD
  const bNewer = b && (!a || ((b.seq - a.seq + Limit.SEQ_MOD) % Limit.SEQ_MOD) % Limit.SEQ_MOD < Limit.SEQ_MOD / 2);
  const newest = bNewer ? b : a;
  slot = newest ? (bNewer ? Slot.B : Slot.A) : "";
  seq = newest ? newest.seq : 0;
  let record = defaultRecord();
  if (newest) {
    try {
      record = sanitize(JSON.parse(newest.json));
    } catch (e) {}
  }
  savedJson = serialize(record);
  return record;
}

/** Writes the record when it differs from the one in flash; true only when written and read back. */
export function storeSave(record: LockRecord): boolean {
  if (seq < 0) storeLoad();
  const json = serialize(record);
  if (json === savedJson) return true;
  const next = slot === Slot.A ? Slot.B : Slot.A;
  const nextSeq = slot ? (seq + 1) % Limit.SEQ_MOD : 1;
  const head = nextSeq + ":";
  const text = head + adler(head + json) + ":" + json;
  // a failed write may have deleted this slot; the newest record stays in the other one
  if (!kv.write(next, text) || kv.read(next) !== text) return false;
  slot = next;
  seq = nextSeq;
  savedJson = json;
  return true;
}
