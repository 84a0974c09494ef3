// A lock's flash and journal for the journal tests: a board's flash model with an image in .bootcde, and
// power-ups as Espruino does them (the Storage check) followed by the journal's open.
import { EventKind, Journal, journalLog, journalOpen, newJournal } from "../../firmware/journal";
import type { LockRecord } from "../../firmware/record";
import { BoardFlash, chipOf, createBoardFlash } from "../../sim/espruino/board-flash";
import { PowerCut } from "../../sim/espruino/nor-flash";
import { journalConstants } from "../../tools/journal/constants";

export const IMAGE = "/* the image */" + "x".repeat(20000);

export interface TestLock {
  board: string;
  bf: BoardFlash;
  j: Journal;
  /** what the last power-up loaded */
  loaded: LockRecord | null;
  powerUp(): LockRecord | null;
}

export function newLock(board: string, seed = 1): TestLock {
  const bf = createBoardFlash(board, { image: IMAGE, seed });
  const constants = journalConstants(board, chipOf(board));
  const lock: TestLock = {
    board,
    bf,
    j: undefined as unknown as Journal,
    loaded: null,
    powerUp() {
      bf.storage.powerOn();
      lock.j = newJournal({ flash: bf.flash, storage: bf.storage }, constants);
      lock.loaded = journalOpen(lock.j, 0);
      return lock.loaded;
    },
  };
  lock.powerUp();
  return lock;
}

export function record(n: number, codes = 3): LockRecord {
  const list: string[] = [];
  for (let i = 0; i < codes; i++) list.push(String(10000 + n * 37 + i * 1000).slice(0, 4 + ((n + i) % 5)));
  return {
    codes: list,
    master: n % 2 ? "" : "2468",
    settings: { autoLock: n % 2 === 0, audio: true, oneTouch: n % 3 !== 0, statusLed: false },
    lockout: { active: false, lastMs: 0 },
    handing: n % 4 === 3 ? null : { extend: n % 2 ? "A" : "B", extendMs: 800 + n, retractMs: 900 + n },
  };
}

/** runs fn with a power cut armed at flash step k (torn, or just before the step) */
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
  const j = { ...lock.j };
  lock.bf.chip.checkpoint();
  const s0 = lock.bf.chip.steps();
  fn();
  const n = lock.bf.chip.steps() - s0;
  lock.bf.chip.rollback();
  lock.bf.chip.endCheckpoint();
  Object.assign(lock.j, j);
  return n;
}

/** the last n events as [kind, arg, power-up, seconds], oldest first, from the lines journalLog prints */
export function events(lock: TestLock, n = 1000000): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [];
  journalLog(lock.j, n, (line) => {
    const [, p, s, k, a] = line.split(" ").map(Number);
    out.unshift([k, a, p, s]);
  });
  return out;
}

export function kinds(lock: TestLock, n?: number): number[] {
  return events(lock, n).map((e) => e[0]);
}

export { EventKind };
