// A model of a microcontroller's NOR flash, as Espruino's jshFlash* functions see it: a map of erase
// pages (sizes may differ, as on the STM32F401), programming that can only clear bits, one word (4 bytes)
// at a time, and page erases that set a whole page back to 0xFF. Host-only: the Storage model
// (./flash.ts) and the raw `require("Flash")` model are built on it.
//
// Power cuts: every word programmed and every page erased is one step. `cutPowerAt(n)` lets n steps
// complete and tears the one after, pessimistically, then stops the CPU (every call throws PowerCut
// until `powerOn`):
// - a torn word write clears only some of the bits it was to clear (old & (new | random));
// - a torn page erase leaves that page indeterminate: each byte, at random, as it was, erased, or with
//   some of its 0 bits set back to 1 (old | random). An erase moves bits only towards 1, so nothing reads
//   as programmed that was not.
// `cutPowerAt(n, "before")` cuts just before the step instead: it does not happen at all.
// The randomness is seeded, so every run of a test cuts the same way.
import { seededRandom } from "../model/battery";

/** Thrown at the instant of a power cut armed with `cutPowerAt`, and by every call until power returns. */
export class PowerCut extends Error {
  constructor() {
    super("power cut");
    this.name = "PowerCut";
  }
}

/** where a cut lands: during the step (it is torn) or just before it (it does not happen) */
export type CutMode = "torn" | "before";

export interface FlashPage {
  addr: number;
  length: number;
}

/** Contiguous areas of equal pages: `count` pages of `pageSize` bytes from `addr`. */
export interface PageRun {
  addr: number;
  pageSize: number;
  count: number;
}

export interface NorFlashOptions {
  /** the modelled areas; addresses outside them read and write nothing (Espruino would fault) */
  runs: PageRun[];
  /** seeds the torn bits of a cut (default 1) */
  seed?: number;
}

export interface NorFlashSnapshot {
  readonly bytes: Uint8Array[];
  readonly erases: number[][];
}

export interface NorFlash {
  /** the page holding addr, or undefined (jshFlashGetPage) */
  getPage(addr: number): FlashPage | undefined;
  read(addr: number, length: number): Uint8Array;
  readWord(addr: number): number;
  /** jshFlashWrite: addr 4-aligned, data a multiple of 4 bytes, one step per word */
  program(addr: number, data: ArrayLike<number>): void;
  /** jshFlashErasePage: one step */
  erasePage(addr: number): void;
  /** true when [addr, addr+length) lies inside the modelled areas */
  covers(addr: number, length: number): boolean;
  /** let `step` steps complete, then cut power: during the next one ("torn", default) or before it */
  cutPowerAt(step: number, mode?: CutMode): void;
  cancelPowerCut(): void;
  /** throws PowerCut while the power is off */
  alive(): void;
  powerOn(): void;
  isPoweredOff(): boolean;
  steps(): number;
  /** what the last cut tore: a word write or a page erase, and where (undefined: none yet) */
  lastCut(): { erase: boolean; addr: number } | undefined;
  /** how many times each page was erased, by page start address */
  pageErases(): Map<number, number>;
  snapshot(): NorFlashSnapshot;
  restore(snapshot: NorFlashSnapshot): void;
  /**
   * A cheap snapshot for long runs: from here on the first change to each page keeps its old bytes, so
   * `rollback` puts back only what changed (and the step and erase counts). `endCheckpoint` stops it.
   */
  checkpoint(): void;
  rollback(): void;
  endCheckpoint(): void;
}

export function createNorFlash(options: NorFlashOptions): NorFlash {
  const runs = options.runs.map((r) => ({ ...r }));
  runs.sort((a, b) => a.addr - b.addr);
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i];
    if (r.pageSize % 4 || r.addr % 4 || r.count < 1) throw new Error("nor flash: bad page run");
    if (i > 0 && runs[i - 1].addr + runs[i - 1].pageSize * runs[i - 1].count > r.addr) throw new Error("nor flash: runs overlap");
  }
  let mem = runs.map((r) => new Uint8Array(r.pageSize * r.count).fill(0xff));
  let erases = runs.map((r) => new Array<number>(r.count).fill(0));
  const random = seededRandom(options.seed === undefined ? 1 : options.seed);
  let stepCount = 0;
  let undo: Map<string, { run: number; offset: number; bytes: Uint8Array }> | null = null;
  let undoSteps = 0;
  let undoErases: number[][] = [];
  let cutAfter = -1;
  let cutMode: CutMode = "torn";
  let torn: { erase: boolean; addr: number } | undefined;
  let poweredOff = false;

  function runOf(addr: number): number {
    for (let i = 0; i < runs.length; i++) {
      if (addr >= runs[i].addr && addr < runs[i].addr + runs[i].pageSize * runs[i].count) return i;
    }
    return -1;
  }
  function where(addr: number): { run: number; offset: number } {
    const run = runOf(addr);
    if (run < 0) throw new Error("nor flash: address 0x" + addr.toString(16) + " is not modelled");
    return { run, offset: addr - runs[run].addr };
  }
  function alive(): void {
    if (poweredOff) throw new PowerCut();
  }
  /** counts a step; true when this step is the one the armed cut tears */
  function step(): boolean {
    alive();
    if (cutAfter === 0) {
      cutAfter = -1;
      poweredOff = true;
      if (cutMode === "before") throw new PowerCut();
      return true;
    }
    if (cutAfter > 0) cutAfter--;
    stepCount++;
    return false;
  }

  /** keeps a page's bytes the first time it changes after a checkpoint */
  function keep(run: number, offset: number): void {
    if (!undo) return;
    const size = runs[run].pageSize;
    const start = offset - (offset % size);
    const key = run + ":" + start;
    if (!undo.has(key)) undo.set(key, { run, offset: start, bytes: mem[run].slice(start, start + size) });
  }

  const flash: NorFlash = {
    getPage(addr) {
      const run = runOf(addr);
      if (run < 0) return undefined;
      const r = runs[run];
      return { addr: r.addr + Math.floor((addr - r.addr) / r.pageSize) * r.pageSize, length: r.pageSize };
    },
    read(addr, length) {
      const w = where(addr);
      if (w.offset + length <= mem[w.run].length) return mem[w.run].slice(w.offset, w.offset + length);
      const out = new Uint8Array(length);
      for (let k = 0; k < length; k++) {
        const at = where(addr + k);
        out[k] = mem[at.run][at.offset];
      }
      return out;
    },
    readWord(addr) {
      const b = flash.read(addr, 4);
      return (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
    },
    program(addr, data) {
      if (addr % 4 || data.length % 4) throw new Error("nor flash: unaligned write at 0x" + addr.toString(16));
      for (let k = 0; k < data.length; k += 4) {
        const w = where(addr + k);
        where(addr + k + 3);
        const cut = step();
        keep(w.run, w.offset);
        for (let b = 0; b < 4; b++) {
          const mask = cut ? data[k + b] | Math.floor(random() * 256) : data[k + b];
          mem[w.run][w.offset + b] &= mask;
        }
        if (cut) {
          torn = { erase: false, addr: addr + k };
          throw new PowerCut();
        }
      }
    },
    erasePage(addr) {
      const p = flash.getPage(addr);
      if (!p) throw new Error("nor flash: no page at 0x" + addr.toString(16));
      const w = where(p.addr);
      const cut = step();
      keep(w.run, w.offset);
      const bytes = mem[w.run];
      for (let k = 0; k < p.length; k++) {
        if (!cut) bytes[w.offset + k] = 0xff;
        else {
          // indeterminate: each byte not yet erased, erased, or part way
          const r = random();
          if (r < 1 / 3) bytes[w.offset + k] = 0xff;
          else if (r < 2 / 3) bytes[w.offset + k] |= Math.floor(random() * 256);
        }
      }
      erases[w.run][w.offset / p.length]++;
      if (cut) {
        torn = { erase: true, addr: p.addr };
        throw new PowerCut();
      }
    },
    covers(addr, length) {
      const run = runOf(addr);
      return run >= 0 && run === runOf(addr + length - 1);
    },
    cutPowerAt(n, mode) {
      if (!(n >= 0) || Math.floor(n) !== n) throw new Error("cutPowerAt: a step count >= 0");
      cutAfter = n;
      cutMode = mode || "torn";
    },
    cancelPowerCut() {
      cutAfter = -1;
    },
    alive,
    powerOn() {
      // a cut still armed stays armed: it can land in what the power-up does
      poweredOff = false;
    },
    isPoweredOff() {
      return poweredOff;
    },
    steps() {
      return stepCount;
    },
    lastCut() {
      return torn;
    },
    pageErases() {
      const out = new Map<number, number>();
      runs.forEach((r, i) => erases[i].forEach((n, p) => out.set(r.addr + p * r.pageSize, n)));
      return out;
    },
    snapshot() {
      return { bytes: mem.map((m) => m.slice()), erases: erases.map((e) => e.slice()) };
    },
    checkpoint() {
      undo = new Map();
      undoSteps = stepCount;
      undoErases = erases.map((e) => e.slice());
    },
    rollback() {
      if (!undo) throw new Error("nor flash: rollback without a checkpoint");
      for (const page of undo.values()) mem[page.run].set(page.bytes, page.offset);
      stepCount = undoSteps;
      erases = undoErases.map((e) => e.slice());
      cutAfter = -1;
      poweredOff = false;
    },
    endCheckpoint() {
      undo = null;
    },
    restore(snap) {
      mem = snap.bytes.map((m) => m.slice());
      erases = snap.erases.map((e) => e.slice());
      cutAfter = -1;
      poweredOff = false;
    },
  };
  return flash;
}
