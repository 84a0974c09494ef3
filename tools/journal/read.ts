// Reads a lock's journal off a model of its flash, on the host, without writing anything: the units in ring
// order, every slot, the events with their power-up count, the newest record and lockout. Written from the
// format (./format.ts, docs/persistence.md) apart from the firmware's own reader (firmware/journal.ts
// journalLog), so the tests and the simulator check the firmware against a second reading of the same bytes.
import { decodeSlot, EVENT, LoggedEvent, lockoutOf, Slot, TAG, zeros } from "./format";
import type { JournalConstants } from "./validate";

export type ReadFlash = (length: number, addr: number) => ArrayLike<number>;

export interface JournalSlot extends Slot {
  addr: number;
  /** a record's text, when it checks */
  text?: string;
}

export interface JournalView {
  /** the arena's first page and unit count (0: none) */
  arena: { addr: number; units: number };
  /** the units that belong to the journal, oldest first, and their valid slots in order */
  units: Array<{ index: number; addr: number; seq: number; slots: JournalSlot[] }>;
  /** every event, oldest first, with the count of the power-up it belongs to */
  events: LoggedEvent[];
  /** the newest record that checks (its text), and the newest lockout */
  record?: JournalSlot;
  lockout: { active: boolean; seconds: number };
}

/** the arena: the file lk.j ending where Storage ends (as the firmware finds it) */
function findArena(read: ReadFlash, c: JournalConstants): { addr: number; units: number } {
  for (let a = c.storage; c.arenaPage && a + 32 <= c.storageEnd; ) {
    const h = read(32, a);
    const size = h[0] | (h[1] << 8) | (h[2] << 16);
    if (h[3] === 255 || !(h[3] | size)) break;
    if ((h[4] & 108) === 108 && a + 32 + size === c.storageEnd) {
      const first = Math.ceil((a + 32) / c.arenaPage) * c.arenaPage;
      return { addr: first, units: Math.floor((c.storageEnd - first) / c.arenaPage) };
    }
    a = (a + 35 + size) & ~3;
  }
  return { addr: 0, units: 0 };
}

export function readJournal(read: ReadFlash, c: JournalConstants): JournalView {
  const arena = findArena(read, c);
  const count = c.rawPages + arena.units;
  const start = (i: number) => (i < c.rawPages ? c.raw + i * c.rawPage : arena.addr + (i - c.rawPages) * c.arenaPage);
  const view: JournalView = { arena, units: [], events: [], lockout: { active: false, seconds: 0 } };
  if (count < 2) return view;
  const seqs: number[] = [];
  let head = -1;
  for (let i = 0; i < count; i++) {
    const h = decodeSlot(read(8, start(i)));
    seqs[i] = h && h.tag === TAG.UNIT && h.c === arena.addr + arena.units ? h.a : -1;
    if (seqs[i] >= 0 && (head < 0 || ((seqs[i] - seqs[head] - 1) & 65535) < 30000)) head = i;
  }
  if (head < 0) return view;
  // back from the head while the sequence is consecutive
  const order: number[] = [head];
  for (let k = 1; k < count; k++) {
    const i = (head - k + count) % count;
    if (seqs[i] !== ((seqs[head] - k) & 65535)) break;
    order.unshift(i);
  }
  for (const i of order) {
    const addr = start(i);
    const bytes = read(c.unit, addr);
    const slots: JournalSlot[] = [];
    for (let o = 8; o + 8 <= c.unit; o += 8) {
      if ((bytes[o] & bytes[o + 1] & bytes[o + 2] & bytes[o + 3]) === 255) break;
      const s = decodeSlot(bytes, o);
      if (!s) continue;
      const slot: JournalSlot = { ...s, addr: addr + o };
      if (s.tag === TAG.RECORD) {
        // its text comes before it, a marker after every 7 characters
        if (o - s.a < 8 || zeros(bytes, o - s.a, s.a) !== s.c % 4096) continue;
        slot.text = String.fromCharCode(...Array.from(bytes).slice(o - s.a, o).filter((_, i) => i % 8 < 7));
      }
      slots.push(slot);
    }
    view.units.push({ index: i, addr, seq: seqs[i], slots });
  }
  let label = 0;
  for (const u of view.units) {
    for (const s of u.slots) {
      const kind = s.tag - TAG.EVENT;
      if (s.tag === TAG.MARK || kind === EVENT.TIME || kind === EVENT.POWER_UP) label = s.a;
      if (s.tag === TAG.RECORD) view.record = s;
      const lockout = lockoutOf(s);
      if (lockout) view.lockout = lockout;
      if (s.tag >= TAG.RECORD) continue;
      view.events.push(kind <= EVENT.POWER_UP ? { powerUp: s.a, seconds: 0, kind, arg: 0, start: s.c } : { powerUp: label, seconds: s.c, kind, arg: s.a });
    }
  }
  return view;
}

/** A record's text as the firmware writes it (`codes;master;settings;passkey;drive,extendMs,retractMs`, and commas
 * to a multiple of 7 characters; the passkey only on a "paired" radio board), read back. */
export function parseRecordText(text: string): { codes: string[]; master: string; settings: number; passkey: string; handing: { extend: string; extendMs: number; retractMs: number } | null } {
  const [codes, master, settings, passkey, handing] = text.split(";");
  const h = (handing || "").split(",");
  return {
    codes: codes ? codes.split(",") : [],
    master: master || "",
    settings: Number(settings) & 15,
    passkey: passkey || "",
    handing: h[0] === "A" || h[0] === "B" ? { extend: h[0], extendMs: Number(h[1]), retractMs: Number(h[2]) } : null,
  };
}
