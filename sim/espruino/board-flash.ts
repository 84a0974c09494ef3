// A board's flash for host tests: the chip model (./nor-flash.ts) holding the board's Storage area and its
// journal region, Espruino's Storage over it (./flash.ts), and `require("Flash")` over the same chip
// (jswrap_flash.c: getFree, getPage, erasePage, write through jshFlashWriteAligned, read). Areas that are
// not modelled (the firmware, the bootloader) cannot be read or written: touching them is a test failure.
import { ChipFlashMap, FLASH_MAPS, JournalLayout, pageAt } from "../../tools/journal/flash-maps";
import { createFlashStorage, dataBytes, FlashStorage, writeAligned } from "./flash";
import { createNorFlash, NorFlash, PageRun } from "./nor-flash";

export interface FlashLibModel extends FlashLib {
  /** erase counts per page start address, for the pages of the chip that were modelled */
  pageErases(): Map<number, number>;
}

export interface BoardFlash {
  map: ChipFlashMap;
  layout: JournalLayout;
  chip: NorFlash;
  storage: FlashStorage;
  flash: FlashLibModel;
}

/** require("Flash") over a chip model, with the getFree() list of the chip's Espruino build. */
export function createFlashLib(chip: NorFlash, free: { addr: number; length: number }[]): FlashLibModel {
  return {
    getFree() {
      chip.alive();
      return free.map((a) => ({ addr: a.addr, length: a.length }));
    },
    getPage(addr: number) {
      chip.alive();
      const p = chip.getPage(addr);
      return p ? { addr: p.addr, length: p.length } : undefined;
    },
    erasePage(addr: number) {
      chip.alive();
      if (typeof addr !== "number" || Math.floor(addr) !== addr) throw new Error("Address should be an integer");
      chip.erasePage(addr);
    },
    write(data: any, addr: number) {
      chip.alive();
      if (data === undefined) throw new Error("Data is not defined");
      const bytes = dataBytes(data);
      if (bytes.length) writeAligned(chip, addr | 0, bytes);
    },
    read(length: number, addr: number) {
      chip.alive();
      if (!(length > 0)) return undefined as unknown as Uint8Array;
      return chip.read(addr, length);
    },
    pageErases() {
      return chip.pageErases();
    },
  };
}

/** the page runs covering an area, cut from the chip's map */
function runsFor(map: ChipFlashMap, addr: number, length: number): PageRun[] {
  const runs: PageRun[] = [];
  let a = addr;
  while (a < addr + length) {
    const p = pageAt(map, a);
    if (!p || p.addr !== a) throw new Error("area 0x" + addr.toString(16) + " does not start and end on pages");
    const last = runs[runs.length - 1];
    if (last && last.pageSize === p.length && last.addr + last.pageSize * last.count === a) last.count++;
    else runs.push({ addr: a, pageSize: p.length, count: 1 });
    a += p.length;
  }
  return runs;
}

export interface BoardFlashOptions {
  /** seeds the torn bits of cuts */
  seed?: number;
  /** the image, written to .bootcde as `make flash` does */
  image?: string;
}

/**
 * The flash of a chip (tools/journal/flash-maps.ts) with a board's journal layout (its board file's `journal`;
 * ./board-flash-file.ts finds both by board name). Browser-safe: no file is read.
 */
export function createBoardFlash(chipName: string, layout: JournalLayout, options?: BoardFlashOptions): BoardFlash {
  const map = FLASH_MAPS[chipName];
  if (!map) throw new Error("no flash map for chip " + chipName);
  const runs = runsFor(map, map.storage.addr, map.storage.length);
  if (layout.raw) runs.push(...runsFor(map, layout.raw.addr, layout.raw.length));
  const chip = createNorFlash({ runs, seed: options && options.seed });
  const firstPage = pageAt(map, map.storage.addr) as { length: number };
  const storage = createFlashStorage({ chip, start: map.storage.addr, sizeBytes: map.storage.length, pageSize: firstPage.length });
  if (options && options.image !== undefined) storage.write(".bootcde", options.image);
  return { map, layout, chip, storage, flash: createFlashLib(chip, map.getFree) };
}
