// The lock record in flash, safe against a power cut at any instant (SPEC 9).
//
// Two slots, "lk.a" and "lk.b", each holding `<sequence>:<checksum>:<json>` of the whole record. A
// save writes the slot that does NOT hold the newest valid record, with the next sequence number,
// so whatever a cut leaves in that slot (nothing, or a truncated file padded with 0xFF), the other
// slot still holds the previous record. Load keeps the slots whose checksum matches and whose JSON
// parses, takes the newest, and sanitizes every field: corrupt data never unlocks and never throws.
//
// Residual risk, from Espruino itself: when flash is full, a write first compacts Storage, and a cut
// while compaction rewrites the page holding both slots loses them (then load gives the defaults).
// Saves are rare (one per user change), so compaction is rare; see test/store for the model.
import type { Kv } from "../hal/types";
import type { LockConfig } from "./config";
import type { Handing, LockRecord } from "./record";
import { defaultRecord as freshRecord, settingKeys } from "./record";
import { isDigits } from "./codes";

export interface RecordStore {
  /** The newest valid record in flash, sanitized; the default record when there is none. */
  load(): LockRecord;
  /** Writes the record when it differs from the last one loaded or saved; true when it wrote. */
  save(record: LockRecord): boolean;
  defaultRecord(): LockRecord;
}

// Constants are const enums and the helpers live inside createRecordStore: the build writes the
// values in place, and the helpers exist only while the lock is awake (no RAM while it sleeps).
const enum Slot {
  A = "lk.a",
  B = "lk.b",
}
const enum Limit {
  /** sequence numbers count modulo this, and compare as serial numbers (a wrap stays in order) */
  SEQ_MOD = 1000000000,
  /** no stroke lasts a minute: a handing time above this is corrupt */
  MAX_STROKE_MS = 60000,
}

/** What the store remembers between writes; plain data, kept while the lock sleeps. */
export interface StoreMemory {
  /** the slot holding the newest valid record ("" = none), its sequence, and its JSON as saved */
  slot: string;
  seq: number;
  json: string;
  loaded: boolean;
}

export function newStoreMemory(): StoreMemory {
  return { slot: "", seq: 0, json: "", loaded: false };
}

export function createRecordStore(kv: Kv, config: LockConfig, memory?: StoreMemory): RecordStore {
  const maxSlotChars = 1024 + 4 * config.maxUserCodes * (config.maxCodeLength + 3);
  const m = memory || newStoreMemory();
  const SETTING_KEYS = settingKeys();

  /** Adler-32 over text[from, to), continuing `sum`; exact in doubles, no Math.imul needed. */
  function adler(text: string, from: number, to: number, sum: number): number {
    let a = sum % 65536;
    let b = Math.floor(sum / 65536);
    for (let i = from; i < to; i++) {
      a = (a + text.charCodeAt(i)) % 65521;
      b = (b + a) % 65521;
    }
    return b * 65536 + a;
  }

  /** The non-negative integer written as text[from, to) in 1..maxDigits decimal digits, or -1. */
  function readNumber(text: string, from: number, to: number, maxDigits: number): number {
    if (to <= from || to - from > maxDigits) return -1;
    let n = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return -1;
      n = n * 10 + (c - 48);
    }
    return n;
  }

  function isObject(value: any): boolean {
    return typeof value === "object" && value !== null && !Array.isArray(value);
  }

  /** a finite number (Espruino has no Number.isFinite) */
  function isFiniteNumber(value: any): boolean {
    return typeof value === "number" && value - value === 0;
  }

  /** a is newer than b, counting modulo Limit.SEQ_MOD */
  function isNewer(a: number, b: number): boolean {
    const d = (a - b + Limit.SEQ_MOD) % Limit.SEQ_MOD;
    return d !== 0 && d < Limit.SEQ_MOD / 2;
  }

  /** The record as a JSON text with a fixed key order, so equal records give equal texts. */
  function serialize(r: LockRecord): string {
    const h = r.handing;
    const settings: any = {};
    SETTING_KEYS.forEach(function (k) {
      settings[k] = (r.settings as any)[k];
    });
    return JSON.stringify({
      codes: r.codes,
      master: r.master,
      settings: settings,
      lockout: { active: r.lockout.active, lastMs: r.lockout.lastMs },
      handing: h ? { extend: h.extend, extendMs: h.extendMs, retractMs: h.retractMs } : null,
    });
  }

  function defaultRecord(): LockRecord {
    return freshRecord(config.defaults);
  }

  function sanitizeCodes(value: any, master: string): string[] {
    const codes: string[] = [];
    if (!Array.isArray(value)) return codes;
    for (let i = 0; i < value.length && codes.length < config.maxUserCodes; i++) {
      const code = value[i];
      if (!isDigits(code, config.minCodeLength, config.maxCodeLength)) continue;
      // the mastercode never unlocks, so it is never also a user code
      if (code === master || codes.indexOf(code) >= 0) continue;
      codes.push(code);
    }
    return codes;
  }

  function sanitizeHanding(value: any): Handing | null {
    if (!isObject(value)) return null;
    if (value.extend !== "A" && value.extend !== "B") return null;
    const times = [value.extendMs, value.retractMs];
    for (let i = 0; i < times.length; i++) {
      if (!isFiniteNumber(times[i]) || times[i] <= 0 || times[i] > Limit.MAX_STROKE_MS) return null;
    }
    return { extend: value.extend, extendMs: value.extendMs, retractMs: value.retractMs };
  }

  /** Any parsed JSON in, a record that is valid in every field out. */
  function sanitize(data: any): LockRecord {
    const r = defaultRecord();
    if (!isObject(data)) return r;
    if (isDigits(data.master, config.minCodeLength, config.maxCodeLength)) r.master = data.master;
    r.codes = sanitizeCodes(data.codes, r.master);
    const s = data.settings;
    if (isObject(s)) {
      SETTING_KEYS.forEach(function (k) {
        if (typeof s[k] === "boolean") (r.settings as any)[k] = s[k];
      });
    }
    const l = data.lockout;
    if (isObject(l)) {
      r.lockout.active = l.active === true;
      if (isFiniteNumber(l.lastMs) && l.lastMs > 0) r.lockout.lastMs = Math.min(l.lastMs, config.maxLockoutMs);
      // a running lockout with a lost length still locks out (corrupt data never unlocks)
      if (r.lockout.active && r.lockout.lastMs === 0) r.lockout.lastMs = config.lockoutMs;
    }
    r.handing = sanitizeHanding(data.handing);
    return r;
  }

  /** The slot's sequence and parsed JSON when its checksum matches and its JSON parses, else null. */
  function readSlot(name: string): { seq: number; data: any } | null {
    const text = kv.read(name);
    if (typeof text !== "string" || text.length > maxSlotChars) return null;
    const seqEnd = text.indexOf(":");
    if (seqEnd < 0) return null;
    const sumEnd = text.indexOf(":", seqEnd + 1);
    if (sumEnd < 0) return null;
    const seq = readNumber(text, 0, seqEnd, 9);
    const sum = readNumber(text, seqEnd + 1, sumEnd, 10);
    if (seq < 0 || sum < 0) return null;
    // the checksum covers "<sequence>:" and the JSON
    if (adler(text, sumEnd + 1, text.length, adler(text, 0, seqEnd + 1, 1)) !== sum) return null;
    try {
      return { seq: seq, data: JSON.parse(text.substring(sumEnd + 1)) };
    } catch (e) {
      return null;
    }
  }

  function load(): LockRecord {
    const a = readSlot(Slot.A);
    const b = readSlot(Slot.B);
    let newest = a;
    m.slot = a ? Slot.A : "";
    if (b && (!a || isNewer(b.seq, a.seq))) {
      newest = b;
      m.slot = Slot.B;
    }
    m.seq = newest ? newest.seq : 0;
    const record = newest ? sanitize(newest.data) : defaultRecord();
    m.json = serialize(record);
    m.loaded = true;
    return record;
  }

  function save(record: LockRecord): boolean {
    if (!m.loaded) load();
    const json = serialize(record);
    if (json === m.json) return false;
    const slot = m.slot === Slot.A ? Slot.B : Slot.A;
    const seq = m.slot ? (m.seq + 1) % Limit.SEQ_MOD : 1;
    const head = seq + ":";
    const text = head + adler(json, 0, json.length, adler(head, 0, head.length, 1)) + ":" + json;
    // a failed write may have deleted this slot; the newest record stays in the other one
    if (!kv.write(slot, text) || kv.read(slot) !== text) return false;
    m.slot = slot;
    m.seq = seq;
    m.json = json;
    return true;
  }

  return { load: load, save: save, defaultRecord: defaultRecord };
}
