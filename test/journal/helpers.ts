// A lock's flash and journal for the journal tests: a board's flash model with an image in .bootcde, and
// power-ups as Espruino and the lock do them: the Storage check, the journal's open (journalLoad), the
// power-up event. The journal keeps its state in module variables, all of which it reads again from flash
// at an open: `reopen()` puts them back after a test rolled the flash back.
import { journalEvent, journalLoad, journalLog } from "../../firmware/journal";
import { defaultRecord } from "../../firmware/record";
import type { LockRecord } from "../../firmware/record";
import type { BoardFlash } from "../../sim/espruino/board-flash";
import { boardFlashOf } from "../../sim/espruino/board-flash-file";
import { PowerCut } from "../../sim/espruino/nor-flash";
import { loadBoard } from "../../tools/boards/load";
import { EVENT, LoggedEvent, parseLog } from "../../tools/journal/format";
import { JournalView, readJournal } from "../../tools/journal/read";
import type { JournalConstants } from "../../tools/journal/validate";
import * as path from "path";

export const IMAGE = "/* the image */" + "x".repeat(18000);
export const BOARDS = ["proto-pico", "proto-mdbt42q", "proto-esp32"];

type Globals = { BOARD: { journal: JournalConstants }; getTime: () => number; print: (...a: unknown[]) => void };
const g = globalThis as unknown as Globals;

export interface TestLock {
  board: string;
  bf: BoardFlash;
  layout: JournalConstants;
  /** what the last power-up loaded */
  loaded: LockRecord;
  /** the wall clock getTime() gives (0: not set, as after a power cut) */
  clock: number;
  /** Espruino's power-up (Storage check, erase-all when corrupt), the journal's open, the power-up event */
  powerUp(): LockRecord;
  /** the journal's state read again from flash, without a power-up */
  reopen(): void;
  /** the journal as the host reads it (tools/journal/read.ts) */
  view(): JournalView;
}

/** makes `lock` the flash the journal's functions work on (the BOARD.journal literals, getTime) */
export function use(lock: TestLock): void {
  g.BOARD = { ...g.BOARD, journal: lock.layout };
  g.getTime = () => lock.clock;
}

export function newLock(board: string, seed = 1, image = IMAGE): TestLock {
  const bf = boardFlashOf(board, { image, seed });
  const layout = loadBoard(path.join(__dirname, "..", "..", "boards", board + ".json")).journal.constants;
  const lock: TestLock = {
    board,
    bf,
    layout,
    loaded: defaultRecord(),
    clock: 0,
    powerUp() {
      bf.storage.powerOn();
      use(lock);
      lock.loaded = journalLoad(bf.flash, bf.storage);
      journalEvent(EVENT.POWER_UP, 0, 0);
      return lock.loaded;
    },
    reopen() {
      use(lock);
      journalLoad(bf.flash, bf.storage);
    },
    view() {
      return readJournal((n, a) => bf.chip.read(a, n), layout);
    },
  };
  lock.powerUp();
  return lock;
}

/** the new lock's record: the defaults */
export function blank(): LockRecord {
  return defaultRecord();
}

export function record(n: number, codes = 3): LockRecord {
  const list: string[] = [];
  for (let i = 0; i < codes; i++) list.push(String(10000 + n * 37 + i * 1000).slice(0, 4 + ((n + i) % 5)));
  // a deleted code leaves its slot empty
  if (codes > 3 && n % 2) list[1] = "";
  return {
    codes: list,
    master: n % 2 ? "" : "2468",
    settings: n % 16,
    lockout: { active: false, lastMs: 0 },
    handing: n % 4 === 3 ? null : { extend: n % 2 ? "A" : "B", extendMs: 800 + n, retractMs: 900 + n },
  };
}

/** runs fn with a power cut armed at flash step k (torn, or just before the step); true when it was cut */
export function cutDuring(lock: TestLock, k: number, mode: "torn" | "before", fn: () => void): boolean {
  lock.bf.chip.cutPowerAt(k, mode);
  try {
    fn();
  } catch (e) {
    if (!(e instanceof PowerCut)) throw e;
    return true;
  }
  lock.bf.chip.cancelPowerCut();
  return false;
}

/** flash steps an operation takes, measured on a copy of the flash */
export function stepsOf(lock: TestLock, fn: () => void): number {
  lock.bf.chip.checkpoint();
  const s0 = lock.bf.chip.steps();
  fn();
  const n = lock.bf.chip.steps() - s0;
  lock.bf.chip.rollback();
  lock.bf.chip.endCheckpoint();
  lock.reopen();
  return n;
}

/** what Latchkey.log(n) prints, as lines */
export function logLines(lock: TestLock, n: number): string[] {
  const lines: string[] = [];
  const print = g.print;
  use(lock);
  g.print = (...a: unknown[]) => lines.push(a.join(" "));
  try {
    journalLog(n);
  } finally {
    g.print = print;
  }
  return lines;
}

/** the last n events as Latchkey.log(n) prints them, oldest first */
export function events(lock: TestLock, n = 1000000): LoggedEvent[] {
  return parseLog(logLines(lock, n).join("\n"));
}

export function kinds(lock: TestLock, n?: number): number[] {
  return events(lock, n).map((e) => e.kind);
}

/** page erases so far (each rotation erases one) */
export function erases(lock: TestLock): number {
  let n = 0;
  for (const v of lock.bf.chip.pageErases().values()) n += v;
  return n;
}

/** fills the head until the next append rotates */
export function fillHead(lock: TestLock): void {
  for (;;) {
    const e = erases(lock);
    lock.bf.chip.checkpoint();
    journalEvent(EVENT.LOCK_KEY, 0, 1);
    const rotated = erases(lock) !== e;
    lock.bf.chip.rollback();
    lock.bf.chip.endCheckpoint();
    lock.reopen();
    if (rotated) return;
    journalEvent(EVENT.LOCK_KEY, 0, 1);
  }
}

export { EVENT };
