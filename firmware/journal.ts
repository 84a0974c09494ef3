// The lock's flash: its record and its event log in one append-only journal that no power cut can break
// (docs/persistence.md). Resident style: plain data in one small object, top-level functions, ES5.
//
// What the firmware calls, and when (never while the motor runs: a call may erase a page, which on the
// Pico's 128 KB sector stalls the CPU for 1-2 s):
//   j = newJournal(espruinoFlashIo(), LAYOUT)  at power-up; LAYOUT: the board's constants
//                                      (tools/journal/constants.ts journalConstants), as build-time literals
//   rec = journalOpen(j, seconds)      at power-up: the newest valid record, sanitized (corrupt data never
//                                      unlocks, never throws), or null for a new lock (use the defaults). It
//                                      appends a power-up event; j.p is the power-up count. j.h < 0: no
//                                      journal on this flash (say so at the console; saves then give false).
//   ok = journalSave(j, rec)           after each change of the record, BEFORE the verdict: true only when
//                                      flash holds it, written now and read back (OK), else false (FAIL, and
//                                      keep the old state). Writes only what changed. A lockout that only ends
//                                      (active false, same lastMs) is not written: after a power cut it
//                                      starts again in full.
//   journalEvent(j, kind, arg, seconds) each event (EventKind), `seconds` since power-up. A LOCKOUT event
//                                      (arg: length / 4 s) also persists the lockout {active, lastMs}, so a
//                                      lockout is this one 8-byte write. Kind TIME (0) records the wall clock:
//                                      arg 0, seconds = the Unix time at this power-up's start (Unix time now
//                                      minus seconds since power-up), written when it changes.
//   journalLog(j, n, out)              the last n events, NEWEST FIRST, one line each to out (default console.log):
//                                      `ev <power-up> <seconds> <kind> <arg>` (tools/log.ts reads them).
//
// On flash: a ring of units (whole erase pages) of 8-byte slots, written in order and never rewritten.
// A slot is tag (8 bits), a (8), b (12), c (28) and the count of zero bits in those 56 bits (a Berger
// code: a write cut short leaves fewer zeros and no more in the count, so a torn slot never reads as
// valid). Record text follows its header slot as printable ASCII. Each unit starts with a header slot:
// its sequence number and the layout it belongs to; the newest unit is the head. When the head is full,
// the next unit's header is zeroed, the page erased, and the record, the lockout and the power-up count
// copied into it first: the unit being erased never holds the only copy of anything.
import type { LockRecord } from "./record";
import { decodeRecord, encodeRecord } from "./record-codec";
import type { FlashIo } from "../hal/flash";

export const enum EventKind {
  TIME = 0, // the wall clock (see above)
  UNLOCK_CODE = 1, // arg: code slot (1-based)
  UNLOCK_KEY = 2, // key or thumbturn
  LOCK_TOUCH = 3, // one-touch locking
  LOCK_AUTO = 4,
  LOCK_KEY = 5, // key or thumbturn
  WRONG_CODE = 6, // one that did not start a lockout
  LOCKOUT = 7, // arg: length in units of 4 s (60 s = 15, 960 s = 240)
  JAM = 8, // arg: 1 locking, 0 unlocking
  HANDING_OK = 9, // arg: 0 drive A extends, 1 drive B
  HANDING_FAILED = 10,
  BATTERY = 11, // arg: new level 0 ok, 1 low, 2 critical, 3 dead
  CODE_ADDED = 12, // arg: slot
  CODE_DELETED = 13, // arg: slot
  SETTING = 14, // arg: setting (1-4) * 2 + (1 on, 0 off)
  MASTER_SET = 15,
  DELETE_ALL = 16,
  FACTORY_RESET = 17,
  POWER_UP = 18,
}

const enum J {
  SLOT = 8,
  SEQ = 4095,
  /** what journalOpen may have to copy into the head after a cut: the largest record, a lockout, a mark */
  RESERVE = 320,
  /** bytes read at once while scanning backwards */
  CHUNK = 512,
  EVENT = 0x80,
  RECORD = 0xc0,
  LOCKOUT = 0xc1,
  UNIT = 0xf0,
}

/** The board's journal area (build-time constants); see tools/journal/constants.ts. */
export interface JournalLayout {
  /** Storage area: start, end */
  ss: number;
  se: number;
  /** raw region outside Storage: start, number of pages, page size (0 pages: none) */
  ra: number;
  rn: number;
  rp: number;
  /** page size of Storage, when the arena file's whole pages are used too; 0: no arena */
  ap: number;
}

/** What the journal keeps between calls: numbers, and the two flash modules. */
export interface Journal extends JournalLayout {
  /** Espruino's Flash and Storage (hal/flash.ts) */
  f: FlashLib;
  s: StorageLib;
  /** first arena page and how many */
  aa: number;
  an: number;
  /** head unit (-1: no journal), its sequence, the next free slot's address */
  h: number;
  q: number;
  n: number;
  /** newest record header slot's address (0: none) */
  r: number;
  /** persisted lockout: active (0/1), length in ms */
  la: number;
  lo: number;
  /** power-up count; the Unix time at this power-up's start, mod 2^28 (0: unknown) */
  p: number;
  w: number;
}

export function newJournal(io: FlashIo, l: JournalLayout): Journal {
  return { f: io.flash, s: io.storage, ss: l.ss, se: l.se, ra: l.ra, rn: l.rn, rp: l.rp, ap: l.ap, aa: 0, an: 0, h: -1, q: 0, n: 0, r: 0, la: 0, lo: 0, p: 0, w: 0 };
}

/** zero bits in n bytes from d[o], times 256, plus a hash of those bytes */
function check(d: ArrayLike<number>, o: number, n: number): number {
  let z = 0;
  let x = 0;
  while (n--) {
    let v = d[o++];
    x = (x * 33 + v) & 255;
    z += 8;
    while (v) {
      z--;
      v &= v - 1;
    }
  }
  return z * 256 + x;
}

function pack(t: number, a: number, b: number, c: number): number[] {
  const d = [t, a, b & 255, ((b >> 8) & 15) | ((c & 15) << 4), (c >> 4) & 255, (c >> 12) & 255, (c >> 20) & 255];
  d.push(check(d, 0, 7) >> 8);
  return d;
}

/** the slot at d[o] as [tag, a, b, c], or 0 when it does not check */
function get(d: ArrayLike<number>, o: number): number[] | 0 {
  return check(d, o, 7) >> 8 === d[o + 7] ? [d[o], d[o + 1], d[o + 2] | ((d[o + 3] & 15) << 8), (d[o + 3] >> 4) | (d[o + 4] << 4) | (d[o + 5] << 12) | (d[o + 6] << 20)] : 0;
}

/** start (e 0) or end (e 1) of unit i */
function unit(j: Journal, i: number, e: number): number {
  return i < j.rn ? j.ra + (i + e) * j.rp : j.aa + (i - j.rn + e) * j.ap;
}

/** the first free slot of unit i: slots are written in order, so a binary search finds it */
function freeSlot(j: Journal, i: number): number {
  let lo = unit(j, i, 0) + J.SLOT;
  let hi = unit(j, i, 1);
  while (lo < hi) {
    const m = lo + ((hi - lo) >> 4) * J.SLOT;
    const d = j.f.read(4, m);
    if ((d[0] & d[1] & d[2] & d[3]) !== 255) lo = m + J.SLOT;
    else hi = m;
  }
  return lo;
}

/** the sequence of unit i when its header checks and belongs to this layout, else -1 */
function seqOf(j: Journal, i: number): number {
  const d = get(j.f.read(J.SLOT, unit(j, i, 0)), 0);
  return d && d[0] === J.UNIT && d[1] === j.an && d[3] === j.aa >> 2 ? d[2] : -1;
}

/**
 * Writes slots at the head's next free slot, first moving to the next unit when they would eat into the
 * reserve; their address when they read back equal, else 0.
 */
function append(j: Journal, d: ArrayLike<number>): number {
  if (j.h < 0) return 0;
  if (j.n + d.length + J.RESERVE > unit(j, j.h, 1)) rotate(j, 1);
  const a = j.n;
  j.n += d.length;
  j.f.write(d as number[], a);
  const b = j.f.read(d.length, a);
  for (let i = 0; i < d.length; i++) if (b[i] !== d[i]) return 0;
  return a;
}

/**
 * Copies the record, the lockout and the power-up count (with the time) into the head; with e, first moves
 * the head to the next unit: its header zeroed (so a cut in the erase leaves nothing readable), the page
 * erased, a new header written.
 */
function rotate(j: Journal, e: number): void {
  const h = j.r ? get(j.f.read(J.SLOT, j.r), 0) : 0;
  const rec = h ? j.f.read(J.SLOT + ((h[2] + 7) & ~7), j.r) : 0;
  if (e) {
    j.h = (j.h + 1) % (j.rn + j.an);
    j.q = (j.q + 1) & J.SEQ;
    j.n = unit(j, j.h, 0);
    j.f.write([0, 0, 0, 0], j.n);
    j.f.erasePage(j.n);
    append(j, pack(J.UNIT, j.an, j.q, j.aa >> 2));
  }
  if (rec) j.r = append(j, rec) || j.r;
  append(j, pack(J.LOCKOUT, j.la, 0, j.lo / 1000));
  append(j, pack(J.EVENT, 0, j.p, j.w));
}

/** the record text at a, when its header and its text check; else "" */
function textAt(j: Journal, a: number): string {
  const h = get(j.f.read(J.SLOT, a), 0) || [0];
  const d = h[0] === J.RECORD ? j.f.read(h[2], a + J.SLOT) : [];
  let t = "";
  if (d.length && check(d, 0, h[2]) === h[3]) for (let i = 0; i < d.length; i++) t += String.fromCharCode(d[i]);
  return t;
}

/**
 * Finds the arena: the Storage file that ends where Storage ends and whose name has every bit of "lk.j"
 * (so also one whose creation was cut short after its size was written), by walking Storage's chain of
 * file headers (Espruino 2v29 leaves no gaps in it). Without one, and with room for a whole page, creates
 * it (the first power-up); a new arena is a new journal, so the raw units' headers are zeroed first.
 */
function arena(j: Journal, create: number): void {
  let a = j.ss;
  let size = 0;
  for (; a + 32 <= j.se; a = (a + 35 + size) & ~3) {
    const h = j.f.read(32, a);
    let k = 4;
    size = h[0] | (h[1] << 8) | (h[2] << 16);
    if ((h[3] === 255 && size === 0xffffff) || !(h[3] | size)) break;
    while (k-- && (h[4 + k] & "lk.j".charCodeAt(k)) === "lk.j".charCodeAt(k));
    if (k < 0 && a + 32 + size === j.se) {
      const p = j.f.getPage(a + 32) as { addr: number; length: number };
      j.aa = p.addr < a + 32 ? p.addr + p.length : p.addr;
      // (an integer: Espruino refuses a Number that is not one as a flash address, and this one is used in them)
      j.an = ((j.se - j.aa) / j.ap) | 0;
      return;
    }
  }
  const free = j.s.getFree();
  const p = j.f.getPage(j.se - free + 32);
  if (create && p && p.addr + 2 * p.length <= j.se) {
    for (size = 0; size < j.rn; size++) j.f.write([0, 0, 0, 0], unit(j, size, 0));
    j.s.write("lk.j", "\xFF", 0, free - 32);
    arena(j, 0);
  }
}

/**
 * Calls fn(bytes, offset, address, unit) for each slot, newest first, from the head back through units of
 * consecutive sequence; stops when fn returns true.
 */
function scan(j: Journal, fn: (d: Uint8Array, o: number, a: number, u: number) => boolean | void): void {
  const n = j.rn + j.an;
  for (let k = 0; k < n; k++) {
    const u = (j.h - k + n) % n;
    if (seqOf(j, u) !== ((j.q - k) & J.SEQ)) return;
    const first = unit(j, u, 0) + J.SLOT;
    let e = u === j.h ? j.n : freeSlot(j, u);
    while (e > first) {
      const a = Math.max(first, e - J.CHUNK);
      const d = j.f.read(e - a, a);
      for (let o = e - a - J.SLOT; o >= 0; o -= J.SLOT) if (fn(d, o, a + o, u)) return;
      e = a;
    }
  }
}

export function journalOpen(j: Journal, seconds: number): LockRecord | null {
  let p = -1;
  let lock = -1;
  let where = -1;
  let rec: LockRecord | null = null;
  if (j.ap) arena(j, 1);
  j.h = -1;
  j.r = 0;
  if (j.rn + j.an < 2) return null;
  for (let i = 0; i < j.rn + j.an; i++) {
    const s = seqOf(j, i);
    if (s >= 0 && (j.h < 0 || ((s - j.q - 1) & J.SEQ) < 2047)) {
      j.h = i;
      j.q = s;
    }
  }
  if (j.h < 0) {
    // a new journal: it starts in unit 0
    j.h = j.rn + j.an - 1;
    j.q = J.SEQ;
    rotate(j, 1);
  }
  j.n = freeSlot(j, j.h);
  scan(j, function (d, o, a, u) {
    const t = d[o];
    const v = t >= J.EVENT ? get(d, o) : 0;
    if (!v) return;
    if (p < 0 && t < J.RECORD) p = v[2];
    if (lock < 0 && (t === J.LOCKOUT || t === (J.EVENT | EventKind.LOCKOUT))) {
      lock = u;
      j.la = t === J.LOCKOUT ? v[1] & 1 : 1;
      j.lo = Math.min(t === J.LOCKOUT ? v[3] * 1000 : v[1] * 4000, 960000);
    }
    if (!j.r && t === J.RECORD) {
      rec = decodeRecord(textAt(j, a));
      if (rec) {
        j.r = a;
        where = u;
      }
    }
    return j.r > 0 && p >= 0 && lock >= 0;
  });
  j.p = (p + 1) & J.SEQ;
  // the head must hold the record and the lockout before another unit can be erased: a cut may have
  // stopped the last rotation before it copied them
  if ((j.r && where !== j.h) || lock !== j.h) rotate(j, 0);
  const r = rec as LockRecord | null;
  if (r) r.lockout = { active: j.la === 1, lastMs: j.la && !j.lo ? 60000 : j.lo };
  journalEvent(j, EventKind.POWER_UP, 0, seconds);
  return r;
}

export function journalSave(j: Journal, rec: LockRecord): boolean {
  const t = encodeRecord(rec);
  const la = rec.lockout.active ? 1 : 0;
  const lo = rec.lockout.lastMs;
  const same = j.r && textAt(j, j.r) === t;
  // a lockout that only ends is not written
  const lockout = (la !== j.la || lo !== j.lo) && (la || lo !== j.lo);
  let d: number[] = [];
  if (j.h < 0) return false;
  if (!same) {
    for (let i = 0; i < t.length || i & 7; i++) d.push(i < t.length ? t.charCodeAt(i) & 127 : 32);
    d = pack(J.RECORD, 0, t.length, check(d, 0, t.length)).concat(d);
  }
  if (lockout) d = d.concat(pack(J.LOCKOUT, la, 0, lo / 1000));
  if (!d.length) return true;
  const a = append(j, d);
  if (!a) return false;
  if (!same) j.r = a;
  if (lockout) {
    j.la = la;
    j.lo = lo;
  }
  return true;
}

export function journalEvent(j: Journal, kind: number, arg: number, seconds: number): boolean {
  const s = Math.floor(seconds) & 0xfffffff;
  if (!kind && s === j.w) return true;
  if (!append(j, pack(J.EVENT | kind, arg & 255, j.p, s))) return false;
  if (kind === EventKind.LOCKOUT) {
    j.la = 1;
    j.lo = (arg & 255) * 4000;
  }
  if (!kind) j.w = s;
  return true;
}

export function journalLog(j: Journal, n: number, out?: (line: string) => void): void {
  if (j.h >= 0) {
    scan(j, function (d, o) {
      const v = d[o] >= J.EVENT && d[o] < J.RECORD ? get(d, o) : 0;
      // (a time mark of 0 only carries the power-up count across a rotation)
      if (v && (v[0] > J.EVENT || v[3])) {
        const line = "ev " + v[2] + " " + v[3] + " " + (v[0] & 63) + " " + v[1];
        if (out) out(line);
        else console.log(line);
        return !--n;
      }
    });
  }
}
