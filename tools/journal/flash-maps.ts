// Each chip's flash as Espruino 2v29 lays it out, for the lock's journal (firmware/journal.ts). Read from espruino/Espruino at commit c5ff787: boards/PICO_R1_3.py, MDBT42Q.py,
// ESP32.py ('saved_code': Storage address, page size, pages; 'place_text_section', 'flash_available'),
// targets/stm32/jshardware.c, targets/nrf5x/jshardware.c, targets/esp32/jshardware.c (jshFlashGetPage,
// jshFlashGetFree, jshFlashWriteProtect), targetlibs/stm32f4/lib/stm32f401xe.h (FLASH_END) and
// targets/esp32/Changes_V3.1/partitions_espruino.csv. Host-only data: the build validates each board file's journal
// layout against them (./validate.ts), the flash model (sim/espruino/board-flash.ts) and the interpreter's
// rig (rig/flash.js) are built from them, and the image gets the numbers of journalConstants().

export interface Area {
  addr: number;
  length: number;
}

export interface NamedArea extends Area {
  what: string;
}

/** `count` erase pages of `pageSize` bytes from `addr` */
export interface PageRun {
  addr: number;
  pageSize: number;
  count: number;
}

export interface ChipFlashMap {
  /** the Espruino build these facts are read from */
  espruinoBuild: string;
  /** every erase page of the chip's flash, as jshFlashGetPage reports them */
  pages: PageRun[];
  /** Storage (FLASH_SAVED_CODE_START, FLASH_SAVED_CODE_LENGTH) */
  storage: Area;
  /** the most flash the Espruino firmware binary may occupy */
  firmware: Area;
  /** what else lives in flash and must never be erased */
  reserved: NamedArea[];
  /** what require("Flash").getFree() returns on this build (it does not check overlaps itself) */
  getFree: Area[];
  notes: string[];
}

const KB = 1024;

export const FLASH_MAPS: Readonly<Record<string, ChipFlashMap>> = {
  stm32f401: {
    espruinoBuild: "PICO_R1_3",
    // STM32F4 sectors: 4 x 16 KB, 1 x 64 KB, then 128 KB. The build uses STLIB STM32F401xE, whose FLASH_END
    // is 0x0807FFFF, so jshFlashGetPage also knows sector 7, past the 384 KB of the STM32F401CD.
    pages: [
      { addr: 0x08000000, pageSize: 16 * KB, count: 4 },
      { addr: 0x08010000, pageSize: 64 * KB, count: 1 },
      { addr: 0x08020000, pageSize: 128 * KB, count: 3 },
    ],
    storage: { addr: 0x08004000, length: 3 * 16 * KB },
    firmware: { addr: 0x08010000, length: 320 * KB },
    reserved: [{ addr: 0x08000000, length: 16 * KB, what: "Espruino's bootloader (sector 0)" }],
    getFree: [{ addr: 0x08060000, length: 128 * KB }],
    notes: [
      "Sector 7 (0x08060000, 128 KB) lies past the STM32F401CD's specified 384 KB; Espruino lists it as free ('The Pico chips aren't meant to have this, but they do').",
      "A 128 KB sector erase stalls the CPU for about 1-2 s (STM32F401 datasheet, x32 parallelism).",
    ],
  },
  nrf52832: {
    espruinoBuild: "MDBT42Q",
    pages: [{ addr: 0, pageSize: 4 * KB, count: 128 }],
    storage: { addr: 0x6c000, length: 10 * 4 * KB },
    firmware: { addr: 0x1f000, length: 0x6c000 - 0x1f000 },
    reserved: [
      { addr: 0, length: 0x1f000, what: "the SoftDevice (write-protected by Espruino)" },
      { addr: 0x76000, length: 2 * 4 * KB, what: "the SoftDevice's peer manager data (pages 118-119)" },
      { addr: 0x78000, length: 8 * 4 * KB, what: "the bootloader (write-protected by Espruino)" },
    ],
    // jshFlashGetFree lists the pages between the end of the binary and Storage: how many depends on the
    // size of the 2v29 binary, which may fill them all. The journal does not count on any.
    getFree: [],
    notes: ["getFree() lists the pages between the firmware binary's end and 0x6C000, possibly none."],
  },
  esp32: {
    espruinoBuild: "ESP32",
    pages: [{ addr: 0, pageSize: 4 * KB, count: 1024 }],
    storage: { addr: 0x320000, length: 896 * KB },
    firmware: { addr: 0x10000, length: 1536 * KB },
    reserved: [
      { addr: 0x1000, length: 0x7000, what: "the second-stage bootloader" },
      { addr: 0x8000, length: 0x1000, what: "the partition table" },
      { addr: 0x9000, length: 0x3000, what: "nvs" },
      { addr: 0xc000, length: 0x2000, what: "otadata" },
      { addr: 0x190000, length: 1536 * KB, what: "ota_0" },
    ],
    getFree: [
      { addr: 0xe000, length: 0x2000 },
      { addr: 0x310000, length: 0x10000 },
      { addr: 0x360000, length: 0xa0000 },
    ],
    notes: [
      "getFree()'s last entry (0x360000, 640 KB) lies inside Storage (0x320000-0x400000): erasing it would corrupt Storage.",
      "0x310000 (64 KB) is the partition table's 'flash' data partition (subtype 0x40), reserved for require('Flash').",
    ],
  },
  /** Espruino's Linux build: Storage is the file espruino.flash; getFree() returns all of it */
  linux: {
    espruinoBuild: "LINUX",
    pages: [{ addr: 0x10000000, pageSize: KB, count: 256 }],
    storage: { addr: 0x10000000, length: 256 * KB },
    firmware: { addr: 0, length: 0 },
    reserved: [],
    getFree: [{ addr: 0x10000000, length: 256 * KB }],
    notes: ["The Linux build's getFree() overlaps Storage entirely: a raw region there would corrupt Storage."],
  },
};

/**
 * Where a board keeps its journal (the board file's `journal` field, read by tools/boards/journal-fields.ts):
 * a raw region outside Storage, whole pages of the Storage file `lk.j`, or both; and the bytes of each page
 * the journal uses as one unit (at most the smallest page: on the Pico a 128 KB sector gives 16 KB, so a
 * power-up never scans more than 2,048 slots).
 */
export interface JournalLayout {
  /** a region the board reserves outside Storage, in whole pages, from getFree()'s list; null: none */
  raw: Area | null;
  /** also the whole pages inside the Storage file ARENA_FILE, created at the first power-up */
  arena: boolean;
  unitBytes: number;
  why: string;
}

/** The Storage file whose whole pages the journal owns (the file is never written through Storage). */
export const ARENA_FILE = "lk.j";

/** the page holding addr, by the chip's map */
export function pageAt(map: ChipFlashMap, addr: number): Area | undefined {
  for (const r of map.pages) {
    if (addr >= r.addr && addr < r.addr + r.pageSize * r.count) {
      return { addr: r.addr + Math.floor((addr - r.addr) / r.pageSize) * r.pageSize, length: r.pageSize };
    }
  }
  return undefined;
}

export function overlaps(a: Area, b: Area): boolean {
  return a.addr < b.addr + b.length && b.addr < a.addr + a.length;
}
