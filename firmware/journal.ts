// The lock's flash: its record and its event log in one append-only journal that no power cut can break
// (docs/persistence.md). Resident style: plain data in one small object, top-level functions, ES5.
//
// What the lead calls, and when:
//   j = newJournal(io, layout)             once, at power-up (io: hal/espruino/flash.ts; layout: the board's
//                                          journal constants, tools/journal/constants.ts)
//   rec = journalOpen(j, nowMs)            at power-up: the newest valid record (sanitized), or null for a
//                                          new lock (use the defaults); appends a power-up event. j.p is the
//                                          power-up count. j.h < 0 means no journal: say so at the console.
//   ok = journalSave(j, rec)               after each change, BEFORE the verdict: true only when written and
//                                          read back equal (OK), else false (FAIL, keep the old state). A
//                                          lockout that only ends (active false, same lastMs) is not written.
//   journalEvent(j, kind, arg, nowMs)      each event (EventKind). EventKind.LOCKOUT also persists the
//                                          lockout {active: true, lastMs: arg * 4000}: a lockout is one write.
//   journalTime(j, nowMs, unixSeconds)     when the wall-clock time becomes known (Latchkey.setTime).
//   journalEvents(j, n, fn)                the last n events, oldest first: fn(kind, arg, powerUp, seconds);
//                                          kind 0 is a time mark (seconds = Unix time at that power-up's start).
//   eventLine(kind, arg, powerUp, seconds) one line for Latchkey.log (tools/log.ts parses it).
// nowMs is the lock's monotonic time since power-up. No flash call here while the motor runs (the caller
// defers). A write that must start a new page erases it first: up to ~2 s on the Pico's 128 KB sector.
//
// On flash: a ring of units (whole erase pages) of 8-byte slots, written in order and never rewritten.
// Each slot is tag, a (8 bits), b (14 bits), c (28 bits) and a 6-bit count of its zero bits (a Berger
// code: any write cut short leaves too few zeros, so a torn slot never reads as valid); record text
// follows its header slot as printable ASCII. A unit starts with a header slot (its sequence number and
// the layout it belongs to); the head unit is the newest. When the head is full the next unit is
// invalidated, erased, and given a copy of the record, the lockout and the power-up count first, so the
// unit being erased never holds the only copy of anything.
import type { LockRecord } from "./record";
import { decodeRecord, encodeRecord } from "./record-codec";
import type { FlashIo } from "../hal/flash";

export const enum EventKind {
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

/** names for eventLine, by kind; kind 0 is "time" */
const NAMES = "time unlock-code unlock-key lock-touch lock-auto lock-key wrong-code lockout jam handing-ok handing-failed battery code-added code-deleted setting master-set delete-all factory-reset power-up";

const enum Tag {
  UNIT = 0xf0,
  RECORD = 0xc0,
  LOCKOUT = 0xc1,
  MARK = 0xc2,
  EVENT = 0x80,
}

const enum Slot {
  BYTES = 8,
  /** room for the largest record (38 slots), a lockout and a time mark */
  RESERVE = 320,
  SEQ_MASK = 0x3fff,
  /** bytes read at once while scanning backwards */
  CHUNK = 512,
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
  /** page size of the Storage area, if the arena file's whole pages are used; 0: no arena */
  ap: number;
}

/** Everything the journal keeps between calls: numbers, and the two flash modules. */
export interface Journal extends JournalLayout {
  io: FlashIo;
  /** first arena page and how many (0: none) */
  aa: number;
  an: number;
  /** head unit (-1: no journal), its sequence, the next free slot's address */
  h: number;
  q: number;
  n: number;
  /** newest record header slot's address (0: none) */
  r: number;
  /** persisted lockout: active (0/1) and length in ms */
  la: number;
  lo: number;
  /** power-up count, and the Unix time at this power-up's start (0: unknown) */
  p: number;
  w: number;
}

export function newJournal(io: FlashIo, l: JournalLayout): Journal {
  return { io: io, ss: l.ss, se: l.se, ra: l.ra, rn: l.rn, rp: l.rp, ap: l.ap, aa: 0, an: 0, h: -1, q: 0, n: 0, r: 0, la: 0, lo: 0, p: 0, w: 0 };
}

function units(j: Journal): number {
  return j.rn + j.an;
}

function unitAt(j: Journal, i: number): number {
  return i < j.rn ? j.ra + i * j.rp : j.aa + (i - j.rn) * j.ap;
}

function unitEnd(j: Journal, i: number): number {
  return unitAt(j, i) + (i < j.rn ? j.rp : j.ap);
}

/** zero bits among the 58 data bits of the slot at d[o] */
function zeros(d: ArrayLike<number>, o: number): number {
  let n = 58;
  for (let i = 0; i < 8; i++) {
    let v = i < 7 ? d[o + i] : d[o + 7] & 3;
    while (v) {
      n--;
      v &= v - 1;
    }
  }
  return n;
}

function slot(t: number, a: number, b: number, c: number): number[] {
  const d = [t, a, b & 255, ((b >> 8) & 63) | ((c & 3) << 6), (c >> 2) & 255, (c >> 10) & 255, (c >> 18) & 255, (c >>> 26) & 3];
  d[7] |= zeros(d, 0) << 2;
  return d;
}

function valid(d: ArrayLike<number>, o: number): boolean {
  return d[o + 7] >> 2 === zeros(d, o);
}

function fieldB(d: ArrayLike<number>, o: number): number {
  return d[o + 2] | ((d[o + 3] & 63) << 8);
}

function fieldC(d: ArrayLike<number>, o: number): number {
  return (d[o + 3] >> 6) | (d[o + 4] << 2) | (d[o + 5] << 10) | (d[o + 6] << 18) | ((d[o + 7] & 3) << 26);
}

/** zero bits of the record text, and a position-dependent hash of it: corruption that keeps the count fails this */
function textCheck(d: ArrayLike<number>, o: number, len: number): number {
  let z = 0;
  let x = 0;
  for (let i = 0; i < len; i++) {
    let v = d[o + i];
    x = (x * 33 + v) & 255;
    z += 8;
    while (v) {
      z--;
      v &= v - 1;
    }
  }
  return z * 256 + x;
}

/** the record's header slot and its text, padded with spaces to whole slots */
function recordSlots(text: string): number[] {
  const d: number[] = [];
  for (let i = 0; i < text.length || i % 8; i++) d.push(i < text.length ? text.charCodeAt(i) & 127 : 32);
  const k = textCheck(d, 0, d.length);
  return slot(Tag.RECORD, k & 255, text.length, k >> 8).concat(d);
}

/** bytes of the record at address r (header and text), or null when it does not check */
function readRecord(j: Journal, r: number): Uint8Array | null {
  const h = j.io.flash.read(Slot.BYTES, r);
  const len = fieldB(h, 0);
  if (!valid(h, 0) || h[0] !== Tag.RECORD || len > 2000) return null;
  const d = j.io.flash.read(Slot.BYTES + ((len + 7) & ~7), r);
  const k = textCheck(d, Slot.BYTES, d.length - Slot.BYTES);
  return k >> 8 === fieldC(h, 0) && (k & 255) === h[1] ? d : null;
}

/** the record at address r, decoded and sanitized, or null */
function loadRecord(j: Journal, r: number): LockRecord | null {
  const d = readRecord(j, r);
  if (!d) return null;
  let text = "";
  for (let i = Slot.BYTES; i < Slot.BYTES + fieldB(d, 0); i++) text += String.fromCharCode(d[i]);
  return decodeRecord(text);
}

function used(j: Journal, a: number): boolean {
  const d = j.io.flash.read(4, a);
  return (d[0] & d[1] & d[2] & d[3]) !== 255;
}

/** the first free slot of unit i (slots are written in order, so a binary search finds it) */
function freeSlot(j: Journal, i: number): number {
  let lo = unitAt(j, i) + Slot.BYTES;
  let hi = unitEnd(j, i);
  while (lo < hi) {
    const m = lo + ((hi - lo) >> 4) * 8;
    if (used(j, m)) lo = m + 8;
    else hi = m;
  }
  return lo;
}

/** writes whole slots at the head's next free slot (the caller made room); true when they read back equal */
function emit(j: Journal, d: ArrayLike<number>): boolean {
  const a = j.n;
  j.n += d.length;
  j.io.flash.write(d as number[], a);
  const b = j.io.flash.read(d.length, a);
  for (let i = 0; i < d.length; i++) if (b[i] !== d[i]) return false;
  return true;
}

/** the slots that carry the state into a new head: record copy, lockout, power-up count and time */
function carry(j: Journal, record: boolean): void {
  const r = record && j.r ? readRecord(j, j.r) : null;
  if (r) {
    j.r = j.n;
    emit(j, r);
  }
  emit(j, slot(Tag.LOCKOUT, j.la, 0, j.lo / 1000));
  emit(j, slot(Tag.MARK, j.w >>> 28, j.p, j.w & 0xfffffff));
}

/** Moves the head to the next unit: its old header is zeroed, the page erased, the state carried over. */
function rotate(j: Journal): void {
  const i = (j.h + 1) % units(j);
  const a = unitAt(j, i);
  j.io.flash.write([0, 0, 0, 0], a);
  j.io.flash.erasePage(a);
  j.h = i;
  j.q = (j.q + 1) & Slot.SEQ_MASK;
  j.n = a;
  emit(j, slot(Tag.UNIT, j.an, j.q, j.aa >> 2));
  carry(j, true);
}

/**
 * Appends slots; their address when they read back equal, else 0. The head keeps Slot.RESERVE bytes free
 * for the copy journalOpen may have to make after a cut; past that, the next unit becomes the head first.
 */
function append(j: Journal, d: number[]): number {
  if (j.h < 0) return 0;
  if (j.n + d.length + Slot.RESERVE > unitEnd(j, j.h)) rotate(j);
  const a = j.n;
  return emit(j, d) ? a : 0;
}

/** true when the 4 name bytes at h[4] hold every bit of "lk.j" (the arena's name, or a write of it cut short) */
function arenaName(h: Uint8Array): boolean {
  return (h[4] & 108) === 108 && (h[5] & 107) === 107 && (h[6] & 46) === 46 && (h[7] & 106) === 106;
}

/** the arena's units: the whole pages of the file whose header is at a */
function useArena(j: Journal, a: number, size: number): void {
  const first = j.io.flash.getPage(a + 32) as { addr: number; length: number };
  j.aa = first.addr < a + 32 ? first.addr + j.ap : first.addr;
  j.an = Math.max(0, Math.floor((a + 32 + size - j.aa) / j.ap));
}

/**
 * Finds the arena file in Storage, walking its chain as Espruino does: "lk.j", or the last file if it ends
 * where Storage ends and its name has every bit of "lk.j" (a creation cut short after the size was written).
 * Creates it when it is missing and there is room for a whole page, which is at the first power-up.
 */
function findArena(j: Journal, create: boolean): void {
  let a = j.ss;
  let jumped = 0;
  let last = 0;
  let lastSize = 0;
  while (a + 32 <= j.se) {
    const h = j.io.flash.read(32, a);
    const size = h[0] | (h[1] << 8) | (h[2] << 16);
    if ((h[3] === 255 && size === 0xffffff) || (!h[3] && !size) || a + 32 + size > j.se) {
      // no header here: Espruino looks at the next page's start once, then stops
      if (jumped || a === j.ss) break;
      const p = j.io.flash.getPage(a);
      if (!p) break;
      a = p.addr + p.length;
      jumped = 1;
      continue;
    }
    jumped = 0;
    if (arenaName(h) && !h[8] && !h[3] && h[4] === 108 && h[7] === 106) return useArena(j, a, size);
    last = arenaName(h) && a + 32 + size === j.se ? a : 0;
    lastSize = size;
    a = (a + 35 + size) & ~3;
  }
  if (last) return useArena(j, last, lastSize);
  const free = j.io.storage.getFree();
  const p = j.io.flash.getPage(j.se - free + 32);
  // create it only if it will hold a whole page (the page of its first data byte does not count)
  if (create && p && p.addr + 2 * p.length <= j.se) {
    // a new arena is a new journal: first make the raw units' old content unreadable
    for (let i = 0; i < j.rn; i++) j.io.flash.write([0, 0, 0, 0], unitAt(j, i));
    j.io.storage.write("lk.j", "\xFF", 0, free - 32);
    findArena(j, false);
  }
}

/** a newer than b, counting sequences modulo 2^14 */
function newer(a: number, b: number): boolean {
  const d = (a - b) & Slot.SEQ_MASK;
  return d > 0 && d < 8192;
}

/** the sequence of unit i when its header is valid and of this layout, else -1 */
function unitSeq(j: Journal, i: number): number {
  const d = j.io.flash.read(Slot.BYTES, unitAt(j, i));
  return valid(d, 0) && d[0] === Tag.UNIT && d[1] === j.an && fieldC(d, 0) === j.aa >> 2 ? fieldB(d, 0) : -1;
}

/**
 * Calls fn(bytes, offset, address, unit) for each slot, newest first, from the head back through the
 * units of consecutive sequence; stops when fn returns true.
 */
function scanBack(j: Journal, fn: (d: Uint8Array, o: number, a: number, i: number) => boolean | void): void {
  for (let k = 0; k < units(j); k++) {
    const i = (j.h - k + units(j)) % units(j);
    if (unitSeq(j, i) !== ((j.q - k) & Slot.SEQ_MASK)) return;
    const first = unitAt(j, i) + Slot.BYTES;
    let e = i === j.h ? j.n : freeSlot(j, i);
    while (e > first) {
      const a = Math.max(first, e - Slot.CHUNK);
      const d = j.io.flash.read(e - a, a);
      for (let o = e - a - 8; o >= 0; o -= 8) if (fn(d, o, a + o, i)) return;
      e = a;
    }
  }
}

/** At power-up: finds the journal, its newest record and lockout, and appends a power-up event. */
export function journalOpen(j: Journal, nowMs: number): LockRecord | null {
  let ok = 0;
  j.io.flash.getFree().forEach(function (f: { addr: number; length: number }) {
    if (j.ra >= f.addr && j.ra + j.rn * j.rp <= f.addr + f.length) ok = 1;
  });
  if (!ok || (j.ra < j.se && j.ra + j.rn * j.rp > j.ss)) j.rn = 0;
  if (j.ap) findArena(j, true);
  const n = units(j);
  j.h = -1;
  if (n < 2) return null;
  for (let i = 0; i < n; i++) {
    const s = unitSeq(j, i);
    if (s >= 0 && (j.h < 0 || newer(s, j.q))) {
      j.h = i;
      j.q = s;
    }
  }
  if (j.h < 0) {
    // a new journal: the next rotation starts it in unit 0
    j.h = n - 1;
    j.q = Slot.SEQ_MASK;
    rotate(j);
  }
  j.n = freeSlot(j, j.h);
  let p = -1;
  let where = -1;
  let lockAt = -1;
  let found: LockRecord | null = null;
  j.r = 0;
  scanBack(j, function (d, o, a, i) {
    const t = d[o];
    if (t < Tag.EVENT || !valid(d, o)) return;
    if (p < 0 && (t < Tag.RECORD || t === Tag.MARK)) p = fieldB(d, o);
    if (lockAt < 0 && (t === Tag.LOCKOUT || t === (Tag.EVENT | EventKind.LOCKOUT))) {
      lockAt = i;
      j.la = t === Tag.LOCKOUT ? d[o + 1] & 1 : 1;
      j.lo = Math.min(t === Tag.LOCKOUT ? fieldC(d, o) * 1000 : d[o + 1] * 4000, 960000);
    }
    if (!j.r && t === Tag.RECORD) {
      found = loadRecord(j, a);
      if (found) {
        j.r = a;
        where = i;
      }
    }
    return j.r > 0 && p >= 0 && lockAt >= 0;
  });
  const rec = found as LockRecord | null;
  j.p = (p + 1) & Slot.SEQ_MASK;
  // the head must hold the record and the lockout before anything else can be erased: a cut may have
  // stopped the last rotation before it copied them
  if (where !== j.h || lockAt !== j.h) carry(j, where !== j.h);
  if (rec) rec.lockout = { active: j.la === 1, lastMs: j.la && !j.lo ? 60000 : j.lo };
  journalEvent(j, EventKind.POWER_UP, 0, nowMs);
  return rec;
}

/** Saves the record if it changed; true when flash holds it (written now and read back, or already). */
export function journalSave(j: Journal, rec: LockRecord): boolean {
  if (j.h < 0) return false;
  const text = encodeRecord(rec);
  const old = j.r ? readRecord(j, j.r) : null;
  let same = !!old && fieldB(old, 0) === text.length;
  for (let i = 0; same && i < text.length; i++) if (old && old[Slot.BYTES + i] !== text.charCodeAt(i)) same = false;
  const la = rec.lockout.active ? 1 : 0;
  const lo = rec.lockout.lastMs;
  // a lockout that only ends is not written: after a power cut it starts again in full
  const lockout = !(la === j.la && lo === j.lo) && !(!la && lo === j.lo);
  let d: number[] = same ? [] : recordSlots(text);
  if (lockout) d = d.concat(slot(Tag.LOCKOUT, la, 0, lo / 1000));
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

/** Appends an event; true when written. A LOCKOUT event is also the persisted lockout state. */
export function journalEvent(j: Journal, kind: number, arg: number, nowMs: number): boolean {
  if (!append(j, slot(Tag.EVENT | kind, arg & 255, j.p, Math.floor(nowMs / 1000)))) return false;
  if (kind === EventKind.LOCKOUT) {
    j.la = 1;
    j.lo = (arg & 255) * 4000;
  }
  return true;
}

/** Notes the wall-clock time (Unix seconds) now; written once per power-up and whenever it moves. */
export function journalTime(j: Journal, nowMs: number, unixSeconds: number): boolean {
  const w = Math.floor(unixSeconds - nowMs / 1000);
  if (w === j.w) return true;
  if (!append(j, slot(Tag.MARK, w >>> 28, j.p, w & 0xfffffff))) return false;
  j.w = w;
  return true;
}

function logged(d: ArrayLike<number>, o: number): boolean {
  const t = d[o];
  return t >= Tag.EVENT && (t < Tag.RECORD || (t === Tag.MARK && fieldC(d, o) > 0)) && valid(d, o);
}

/** The last n events and time marks, oldest first: fn(kind, arg, powerUp, seconds). */
export function journalEvents(j: Journal, n: number, fn: (kind: number, arg: number, powerUp: number, seconds: number) => void): void {
  if (j.h < 0) return;
  let a = 0;
  let i = j.h;
  let count = 0;
  scanBack(j, function (d, o, at, u) {
    if (logged(d, o)) {
      a = at;
      i = u;
      count++;
    }
    return count >= n;
  });
  while (count) {
    const e = i === j.h ? j.n : freeSlot(j, i);
    for (; a < e; a += Slot.BYTES) {
      const d = j.io.flash.read(Slot.BYTES, a);
      if (!logged(d, 0)) continue;
      const mark = d[0] === Tag.MARK;
      fn(mark ? 0 : d[0] & 63, mark ? 0 : d[1], fieldB(d, 0), mark ? d[1] * 0x10000000 + fieldC(d, 0) : fieldC(d, 0));
    }
    if (i === j.h) return;
    i = (i + 1) % units(j);
    a = unitAt(j, i) + Slot.BYTES;
  }
}

/** One event as a console line: `ev <power-up> <seconds since power-up> <kind> <arg>`, or `tm <power-up> <Unix time at its start>`. */
export function eventLine(kind: number, arg: number, powerUp: number, seconds: number): string {
  if (!kind) return "tm " + powerUp + " " + seconds;
  return "ev " + powerUp + " " + seconds + " " + NAMES.split(" ")[kind] + " " + (kind === EventKind.LOCKOUT ? arg * 4 : arg);
}
