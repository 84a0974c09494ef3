// Checks a board's journal layout (its board file's `journal`) against the chip's flash map (./flash-maps.ts)
// and works out what it holds: a raw region must be whole pages inside one area getFree() lists, clear of
// Storage, the firmware and everything reserved; the arena's pages are those left in Storage after the
// largest image the board's budget allows; a unit is at most the smallest of those pages; together there
// must be at least 2 units and room for 500 events after any rotation. The build runs it for every board
// (tools/boards/journal-fields.ts) and writes the numbers into the image (journalConstants).
//   npx tsx tools/journal/validate.ts     prints every board's table, exits 1 on a problem
import * as path from "path";
import { Area, ChipFlashMap, FLASH_MAPS, JournalLayout, overlaps, pageAt } from "./flash-maps";

/** What the image's journal reads as BOARD.journal.* (firmware/journal.ts), all literals: declared once, in
 * types/board-module.d.ts. */
export type JournalConstants = typeof BOARD.journal;

/**
 * slots a unit gives the log after a rotation: its header and the copies: the largest record (30 codes of 8
 * digits, a mastercode, settings, handing: 295 characters, 301 with padding, 43 slots of 7 and a marker,
 * then its header) and a mark
 */
export const CARRY_SLOTS = 1 + 43 + 1 + 1;
/** the smallest unit that leaves room for events beside a full copy */
export const MIN_UNIT_BYTES = 1024;

export interface LayoutReport {
  board: string;
  units: Area[];
  /** events the log keeps at the least (right after a unit was erased) and at the most */
  fewestEvents: number;
  mostEvents: number;
  constants: JournalConstants;
  problems: string[];
}

function hex(n: number): string {
  return "0x" + n.toString(16);
}

/** the whole pages of Storage after an image of imageBytes in .bootcde (as the first file) and lk.j's header */
export function arenaUnits(map: ChipFlashMap, imageBytes: number, before = 0): Area[] {
  const end = map.storage.addr + map.storage.length;
  const data = map.storage.addr + before + ((32 + imageBytes + 3) & ~3) + 32;
  const first = pageAt(map, data) as Area;
  const units: Area[] = [];
  for (let a = first.addr === data ? data : first.addr + first.length; a + first.length <= end; a += first.length) units.push({ addr: a, length: first.length });
  return units;
}

/** the numbers the image's journal needs, from the chip's map and the layout */
export function layoutConstants(map: ChipFlashMap, layout: JournalLayout): JournalConstants {
  const storagePage = pageAt(map, map.storage.addr) as Area;
  const rawPage = layout.raw ? (pageAt(map, layout.raw.addr) as Area).length : 0;
  return {
    storage: map.storage.addr,
    storageEnd: map.storage.addr + map.storage.length,
    raw: layout.raw ? layout.raw.addr : 0,
    rawPages: layout.raw ? Math.floor(layout.raw.length / rawPage) : 0,
    rawPage,
    arenaPage: layout.arena ? storagePage.length : 0,
    unit: layout.unitBytes,
  };
}

export function validateLayout(board: string, chip: string, imageBytes: number, layout: JournalLayout): LayoutReport {
  const map = FLASH_MAPS[chip];
  const report: LayoutReport = { board, units: [], fewestEvents: 0, mostEvents: 0, constants: undefined as unknown as JournalConstants, problems: [] };
  const problem = (text: string) => report.problems.push(text);
  if (!map) {
    problem(`no flash map for chip ${chip} (tools/journal/flash-maps.ts)`);
    return report;
  }
  const raw = layout.raw;
  if (raw) {
    const first = pageAt(map, raw.addr);
    const last = pageAt(map, raw.addr + raw.length - 1);
    if (!first || first.addr !== raw.addr || !last || last.addr + last.length !== raw.addr + raw.length) {
      problem(`raw region ${hex(raw.addr)}+${raw.length} is not whole pages of the chip`);
    } else if (first.length !== last.length) {
      problem("raw region pages differ in size");
    } else {
      for (let a = raw.addr; a < raw.addr + raw.length; a += first.length) report.units.push({ addr: a, length: first.length });
    }
    if (!map.getFree.some((f) => raw.addr >= f.addr && raw.addr + raw.length <= f.addr + f.length)) {
      problem(`raw region ${hex(raw.addr)}+${raw.length} is not inside an area require("Flash").getFree() lists on ${map.espruinoBuild}`);
    }
    const clashes: Array<[string, Area]> = [["Storage", map.storage], ["the firmware", map.firmware], ...map.reserved.map((r) => [r.what, r] as [string, Area])];
    for (const [what, area] of clashes) if (area.length && overlaps(raw, area)) problem(`raw region ${hex(raw.addr)}+${raw.length} overlaps ${what}`);
  }
  if (layout.arena) {
    // a new arena is a new journal: the image then zeroes the one raw unit's header so it is not read with it
    if (report.units.length > 1) problem("with an arena, at most one raw page (the image zeroes only the first raw unit's header when it creates the arena)");
    report.units.push(...arenaUnits(map, imageBytes));
  }
  report.constants = layoutConstants(map, layout);
  if (layout.unitBytes % 8 || layout.unitBytes < MIN_UNIT_BYTES) problem(`unitBytes ${layout.unitBytes}: a multiple of 8, at least ${MIN_UNIT_BYTES}`);
  const small = report.units.find((u) => u.length < layout.unitBytes);
  if (small) problem(`unitBytes ${layout.unitBytes} is more than the ${small.length}-byte page at ${hex(small.addr)}`);
  if (report.units.length < 2) problem(`${report.units.length} unit(s) with an image of ${imageBytes} bytes: a journal needs 2 pages it can erase one at a time`);
  const slots = layout.unitBytes / 8 - CARRY_SLOTS;
  report.mostEvents = slots * report.units.length;
  report.fewestEvents = report.units.length ? slots * (report.units.length - 1) : 0;
  if (report.units.length >= 2 && report.fewestEvents < 500) problem(`keeps only ${report.fewestEvents} events after a rotation (at least 500)`);
  return report;
}

export function formatReports(reports: LayoutReport[]): string {
  const lines = ["board          units                                                                 events kept (fewest .. most)"];
  for (const r of reports) {
    // runs of consecutive pages of one size
    const runs: Array<{ addr: number; length: number; count: number }> = [];
    for (const u of r.units) {
      const last = runs[runs.length - 1];
      if (last && last.length === u.length && last.addr + last.length * last.count === u.addr) last.count++;
      else runs.push({ addr: u.addr, length: u.length, count: 1 });
    }
    const pages = runs.map((run) => `${hex(run.addr)} (${run.count === 1 ? "a page" : run.count + " pages"} of ${run.length / 1024} KB)`).join(", ");
    const units = `${r.units.length} x ${r.constants.unit / 1024} KB: ${pages}`;
    lines.push(`${r.board.padEnd(15)}${units.padEnd(70)}${r.fewestEvents} .. ${r.mostEvents}`);
  }
  return lines.join("\n");
}

if (require.main === module) {
  // the board files' layouts, checked as the build checks them (required here: tools/boards imports this file)
  const { loadBoards } = require("../boards/load") as typeof import("../boards/load");
  const boards = loadBoards(path.join(__dirname, "..", "..", "boards"));
  console.log(formatReports(boards.map((b) => b.journal)));
}
