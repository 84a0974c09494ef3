// The lock's record and event log in flash, in one append-only journal no power cut can break
// (docs/persistence.md). Resident style: module-level numbers, top-level functions, the board's layout
// as build-time literals (BOARD.journal.*); nothing of the log is kept in RAM.
//
// On flash: a ring of units (the first BOARD.journal.unit bytes of an erase page each) of 8-byte slots,
// written in order and never rewritten. A slot is a tag (8 bits), a (16) and c (32), then the number of
// zero bits in those 56 (a Berger code: a write cut short leaves fewer zeros, and its count no fewer, so
// a torn slot never checks). Tags: 0x80 + EventKind (a = arg, c = seconds since power-up; TIME and
// POWER_UP: a = power-up count, c = the Unix time at its start, 0 unknown), RECORD (a = its text's length,
// c = the text's zero bits + the lockout * 4096), LOCKOUT (c = the lockout * 4096), MARK (the power-up
// count and start time, copied), UNIT (a unit's header: a = sequence, c = the layout). A record's text
// (printable ASCII, a marker byte after every 7 characters) comes before its header (see put). The
// lockout is active + 2 * its length in seconds; a LOCKOUT event is also the lockout {active, its arg}:
// a lockout is one 8-byte write.
//
// Units: the raw region's pages (BOARD.journal.rawPages from .raw), then the whole pages of the Storage
// file `lk.j` (the arena), created at the first power-up to fill Storage after the image. When the head
// unit is full, the next one's header is zeroed, its page erased, and the record, the lockout and the
// power-up count are copied in first: the page being erased never holds the only copy of anything. A
// power-up copies them again when a cut stopped a rotation before its copies.
import type { LockRecord } from "./record";
import { defaultRecord } from "./record";
import { isDigits } from "./codes";

const enum T {
  EVENT = 0x80,
  /** the EventKinds the power-up looks for: TIME, POWER_UP and LOCKOUT (types.ts) */
  POWER_UP = 0x81,
  LOCKOUT_EVENT = 0x88,
  RECORD = 0xc0,
  LOCKOUT = 0xc1,
  MARK = 0xc2,
  UNIT = 0xf0,
}

let F: FlashLib;
/** the arena's first page and how many units it gives */
let aa: number;
let an: number;
/** head unit (-1: no journal), its sequence, the address of its first free slot */
let h: number;
let q: number;
let n: number;
/** newest record header (0: none); the persisted lockout: active (0/1), length in s */
let r: number;
let la: number;
let lo: number;
/** power-up count; Unix time at this power-up's start (0: unknown); getTime() then */
let p: number;
let w: number;
let t0: number;

/**
 * zero bits in len bytes of d from o; 8 steps a byte whatever its bits, so the work says nothing of what was
 * written (a time, a slot: test/image/verdict-timing.test.ts)
 */
function zeros(d: ArrayLike<number>, o: number, len: number): number {
  let z = 0;
  let v;
  let k;
  while (len--) for (v = d[o++], k = 8; k--; v >>= 1) z += ~v & 1;
  return z;
}

/** the slot at `at` as [tag, a, c, record text] when it checks (a record: its text before it too), else 0 */
function get(at: number): [number, number, number, string] | 0 {
  const d = F.read(8, at);
  const a = d[1] | (d[2] << 8);
  const c = (d[3] | (d[4] << 8) | (d[5] << 16) | (d[6] << 24)) >>> 0;
  let x: Uint8Array | number[] = [];
  let s = "";
  let i;
  if (d[0] < T.EVENT || zeros(d, 0, 7) != d[7]) return 0;
  if (d[0] == T.RECORD) {
    x = F.read(a, at - a);
    if (zeros(x, 0, a) != c % 4096) return 0;
  }
  for (i = 0; i < x.length; i++) if (i % 8 < 7) s += String.fromCharCode(x[i]);
  return [d[0], a, c, s];
}

/**
 * unit i's first byte (e 0); the first free slot in it (e 1: slots are written in order); its sequence
 * (e 2) when its header checks and belongs to this layout, else -1
 */
function unit(i: number, e: number): number {
  const a = i < BOARD.journal.rawPages ? BOARD.journal.raw + i * BOARD.journal.rawPage : aa + (i - BOARD.journal.rawPages) * BOARD.journal.arenaPage;
  let b = a + 8;
  let z = a + BOARD.journal.unit;
  let m;
  let d;
  if (!e) return a;
  if (e > 1) {
    d = get(a);
    return d && d[0] == T.UNIT && d[2] == aa + an ? d[1] : -1;
  }
  while (b < z) {
    m = b + ((z - b) >> 4) * 8;
    d = F.read(4, m);
    if ((d[0] & d[1] & d[2] & d[3]) != 255) b = m + 8;
    else z = m;
  }
  return b;
}

/**
 * Appends a slot at the head's first free slot, moving to the next unit first when it would not fit; its
 * address when it reads back whole, else 0. A record's text `s` (a multiple of 7 characters) goes first, a
 * marker after every 7 characters (126: no zero count, torn or whole, so text never reads as a slot), and
 * its header last, with the text's length and zeros: a record whose write was cut has no header, and later
 * appends into what it left free cannot complete it.
 */
function put(t: number, a: number, c: number, s?: string): number {
  const x: number[] = [];
  let i;
  if (h < 0) return 0;
  for (i = 0; s && i < s.length; i++) {
    x.push(s.charCodeAt(i));
    if (i % 7 == 6) x.push(126);
  }
  // a record's a is its text's length, and its c has the text's zeros
  c += zeros(x, 0, s ? (a = x.length) : 0);
  let d = [t, a & 255, a >> 8, c & 255, (c >> 8) & 255, (c >> 16) & 255, c >>> 24];
  d.push(zeros(d, 0, 7));
  d = x.concat(d);
  if (n + d.length > unit(h, 0) + BOARD.journal.unit) rotate(1);
  // a write that throws is a write that failed (the read back says so); a power cut still stops everything
  try {
    F.write(d, n);
  } catch (e) {}
  n += d.length;
  // read back: programming can only clear bits, so anything but what was written fails the slot's check
  i = n - 8;
  return get(i) && i;
}

/**
 * Copies the record (with the lockout as it is now), or the lockout alone, and the power-up count into
 * the head; with e, first moves the head to the next unit: its header zeroed (a cut in the erase then
 * leaves nothing readable there), the page erased, a new header written.
 */
function rotate(e: number) {
  const g = r && get(r);
  const l = la * 4096 + lo * 8192;
  if (e) {
    h = (h + 1) % (BOARD.journal.rawPages + an);
    q = (q + 1) & 65535;
    n = unit(h, 0);
    F.write([0, 0, 0, 0], n);
    F.erasePage(n);
    put(T.UNIT, q, aa + an);
  }
  if (g) r = put(T.RECORD, 0, l, g[3]) || r;
  else put(T.LOCKOUT, 0, l);
  put(T.MARK, p, w);
}

/**
 * Newest first, back through the units of consecutive sequence. k >= 0 (the console's Latchkey.log(k)):
 * prints the last k events (default 20), one line each: `ev <power-up> <seconds since it> <kind> <arg>`
 * (TIME and POWER_UP: `ev <power-up> <Unix time at its start, 0 unknown> <kind> <power-up>`; TIME lines are
 * not counted in k). k < 0 (the power-up): finds the newest record, lockout and power-up count in the last
 * two units; true when the head lacks the copies a rotation makes (a cut stopped it).
 */
export function journalLog(k: number): boolean | void {
  const units = BOARD.journal.rawPages + an;
  let label = p;
  /** on power-up: the lockout was found; the unit the power-up count was found in, + 1 */
  let fl = 0;
  let fc = 0;
  let i;
  let u;
  let a;
  let t;
  let g;
  let first;
  k = k || 20;
  // (a journal has 2 units at least)
  for (i = 0; h >= 0 && i < (k < 0 ? 2 : units); i++) {
    u = (h - i + units) % units;
    if (unit(u, 2) != ((q - i) & 65535)) break;
    first = unit(u, 0);
    for (a = i ? unit(u, 1) : n; (a -= 8) > first && i < units; ) {
      t = F.read(1, a)[0];
      // free, text, a unit header; on power-up only what it looks for is checked
      if (t < T.EVENT || t > T.MARK || (k < 0 && t > T.POWER_UP && t < T.RECORD && t != T.LOCKOUT_EVENT)) continue;
      g = get(a);
      if (!g) continue;
      if (k < 0) {
        if (!r && t == T.RECORD) r = a;
        // (RECORD and LOCKOUT: 0xc0, 0xc1)
        if (!fl && (t >> 1 == T.RECORD >> 1 || t == T.LOCKOUT_EVENT)) {
          la = t == T.LOCKOUT_EVENT ? 1 : (g[2] >> 12) & 1;
          lo = t == T.LOCKOUT_EVENT ? g[1] : g[2] >> 13;
          fl = 1;
        }
        if (!fc && (t == T.MARK || t <= T.POWER_UP)) {
          p = g[1];
          w = g[2];
          fc = i + 1;
        }
        // all found: stop
        if (r && fl && fc) i = units;
      } else {
        if (t <= T.POWER_UP || t == T.MARK) label = g[1];
        if (t < T.RECORD) print("ev", label, g[2], t - T.EVENT, g[1]);
        if (t == T.POWER_UP) label--;
        if (t > T.EVENT && t < T.RECORD && !--k) return;
      }
    }
  }
  // a rotation copies the record (or the lockout), then the count: no count in the head, a cut stopped it
  if (k < 0) return fc != 1;
}

/**
 * The newest valid record in flash, sanitized (corrupt data never unlocks, never throws), with the
 * persisted lockout; the defaults when there is none. Opens the journal first at power-up (the first
 * call, or given the flash: host tests pass their models of Espruino's Flash and Storage): finds or
 * creates the arena, finds the head and the last power-up's count, repairs a rotation a cut stopped.
 */
export function journalLoad(f?: FlashLib, s?: StorageLib): LockRecord {
  let a;
  let i;
  let g;
  let z = 0;
  let x: string[];
  let c: string[];
  const rec = defaultRecord();
  const codes = rec.codes;
  const end = BOARD.journal.storageEnd;
  if (f || !F) {
    F = f || require("Flash");
    const st = s || require("Storage");
    t0 = getTime();
    h = -1;
    r = la = lo = p = w = aa = an = 0;
    // the arena: the file lk.j ending where Storage ends (a first name byte with every bit of "l": its
    // creation may have been cut; a deleted file's name is zeroed), found by walking Storage's file headers;
    // created once, after the raw units' headers are zeroed (a new arena is a new journal)
    for (i = 0; BOARD.journal.arenaPage && i < 2 && !an; i++) {
      for (a = BOARD.journal.storage; a + 32 <= end; a = (a + 35 + z) & ~3) {
        g = F.read(32, a);
        z = g[0] | (g[1] << 8) | (g[2] << 16);
        if (g[3] == 255 || !(g[3] | z)) break;
        if ((g[4] & 108) == 108 && a + 32 + z == end) {
          // the first whole page (Storage starts on a page)
          aa = a + 31 + BOARD.journal.arenaPage;
          aa -= aa % BOARD.journal.arenaPage;
          an = ((end - aa) / BOARD.journal.arenaPage) | 0;
          break;
        }
      }
      if (!an && !i && (a = st.getFree()) > BOARD.journal.arenaPage) {
        // (with an arena a board has at most one raw page: tools/journal/validate.ts)
        if (BOARD.journal.rawPages) F.write([0, 0, 0, 0], BOARD.journal.raw);
        st.write("lk.j", "\xFF", 0, a - 32);
      }
    }
    const units = BOARD.journal.rawPages + an;
    if (units > 1) {
      for (i = 0; i < units; i++) {
        g = unit(i, 2);
        // newer: at most 30,000 ahead, counting modulo 65,536 (a ring has far fewer units)
        if (g >= 0 && (h < 0 || ((g - q - 1) & 65535) < 3e4)) {
          h = i;
          q = g;
        }
      }
      if (h < 0) {
        // a new journal: it starts in the first unit
        h = units - 1;
        q = 65535;
        rotate(1);
      }
      n = unit(h, 1);
      if (journalLog(-1)) rotate(0);
    } else print("[latchkey] no journal");
  }
  g = r && get(r);
  if (g) {
    x = g[3].split(";");
    c = x[0].split(",");
    if (isDigits(x[1], CFG.minCodeLength, CFG.maxCodeLength)) rec.master = x[1];
    // each slot keeps its place; a code of the wrong shape leaves its slot empty
    for (i = 0; i < c.length && i < CFG.maxUserCodes; i++) codes.push(isDigits(c[i], CFG.minCodeLength, CFG.maxCodeLength) ? c[i] : "");
    while (codes.length && !codes[codes.length - 1]) codes.pop();
    rec.settings = (x[2] as unknown as number) & 15;
    if (BOARD.radio == "paired" && isDigits(x[3], 6, 6)) rec.passkey = x[3];
    c = (x[4] || "").split(",");
    a = +c[1];
    i = +c[2];
    // (the stroke limit stays CFG.strokeLimitMs whatever the times: motion.ts)
    if ((c[0] == "A" || c[0] == "B") && a > 0 && i > 0) rec.handing = { extend: c[0], extendMs: a, retractMs: i };
  }
  rec.lockout = { active: la == 1, lastMs: lo * 1000 };
  return rec;
}

/**
 * Writes what changed of the record, BEFORE its verdict: true only when flash holds it (written now and
 * read back). The text and the lockout go in one append; a lockout that only ends is not written (after
 * a power cut it starts again in full).
 */
export function journalSave(rec: LockRecord): boolean {
  const hd = rec.handing;
  const A = +rec.lockout.active;
  const s = Math.ceil(rec.lockout.lastMs / 1000);
  const l = A * 4096 + s * 8192;
  // (the passkey field only on a "paired" radio board: elsewhere the build writes ";;")
  let t =
    rec.codes.join(",") + ";" + rec.master + ";" + rec.settings + (BOARD.radio == "paired" && rec.passkey ? ";" + rec.passkey + ";" : ";;") + (hd ? hd.extend + "," + hd.extendMs + "," + hd.retractMs : "");
  const g = r && get(r);
  // padded with commas (Espruino reads "902 " as NaN; "902" and empty fields follow) to whole slots
  while (t.length % 7) t += ",";
  if (!g || g[3] != t) {
    const at = put(T.RECORD, 0, l, t);
    if (!at) return false;
    r = at;
  } else if (A > la || s != lo) {
    if (!put(T.LOCKOUT, 0, l)) return false;
  } else return h >= 0;
  la = A;
  lo = s;
  return true;
}

/**
 * Appends an event (EventKind), `seconds` since power-up (a failed write is not retried). A LOCKOUT event
 * (arg: its length in s) also persists the lockout. TIME records the wall clock: arg is the Unix time now
 * (Latchkey.setTime); POWER_UP counts the power-up (the previous count + 1); both carry the count and the
 * Unix time at this power-up's start. So everything the journal holds in RAM can be read again from flash.
 */
export function journalEvent(kind: number, arg: number, seconds: number) {
  if (kind < 2) {
    // the espruino CLI sets the clock when it uploads: a time after 2001 at power-up is the wall clock
    seconds = kind ? (t0 > 1e9 ? t0 - (t0 % 1) : 0) : Math.floor(arg - getTime() + t0);
    arg = p + kind;
  }
  if (put(T.EVENT + kind, arg, seconds) && kind == T.LOCKOUT_EVENT - T.EVENT) {
    la = 1;
    lo = arg;
  }
  // (after the append: a rotation it causes copies the count and the time of the power-up before)
  if (kind < 2) {
    p = arg;
    w = seconds;
  }
}
