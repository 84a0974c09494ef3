// Checks each board's journal layout against its chip's flash map (./flash-maps.ts) and works out what it
// holds: a raw region must be whole pages inside one area getFree() lists, clear of Storage, the firmware
// and everything reserved; the arena's pages are those left in Storage after the largest image the board's
// budget allows; together there must be at least 2 units and room for 500 events after any rotation.
//   npx tsx tools/journal/validate.ts     prints the table, exits 1 on a problem
import * as fs from "fs";
import * as path from "path";
import { Area, ChipFlashMap, FLASH_MAPS, JOURNAL_LAYOUTS, JournalLayout, overlaps, pageAt } from "./flash-maps";

/** slots a unit gives the log after a rotation: its header, the largest record, a lockout and a mark, and the reserve */
const CARRY_SLOTS = 1 + 38 + 2;
const RESERVE_SLOTS = 40;

export interface LayoutReport {
  board: string;
  units: Area[];
  /** events the log keeps at the least (right after the biggest unit was erased) and at the most */
  fewestEvents: number;
  mostEvents: number;
  problems: string[];
}

function hex(n: number): string {
  return "0x" + n.toString(16);
}

/** the whole pages of Storage after an image of imageBytes in .bootcde (as the first file) */
function arenaUnits(map: ChipFlashMap, imageBytes: number): Area[] {
  const end = map.storage.addr + map.storage.length;
  const data = map.storage.addr + ((32 + imageBytes + 3) & ~3) + 32;
  const first = pageAt(map, data) as Area;
  const units: Area[] = [];
  for (let a = first.addr === data ? data : first.addr + first.length; a < end; a += first.length) units.push({ addr: a, length: first.length });
  return units;
}

export function validateLayout(board: string, chip: string, imageBytes: number, layout: JournalLayout | undefined = JOURNAL_LAYOUTS[board]): LayoutReport {
  const map = FLASH_MAPS[chip];
  const report: LayoutReport = { board, units: [], fewestEvents: 0, mostEvents: 0, problems: [] };
  const problem = (text: string) => report.problems.push(`${board}: journal: ${text}`);
  if (!map) {
    problem(`no flash map for chip ${chip}`);
    return report;
  }
  if (!layout) {
    problem("no journal layout (tools/journal/flash-maps.ts JOURNAL_LAYOUTS)");
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
      problem(`raw region ${hex(raw.addr)}+${raw.length} is not inside an area require("Flash").getFree() lists`);
    }
    const clashes: Array<[string, Area]> = [["Storage", map.storage], ["the firmware", map.firmware], ...map.reserved.map((r) => [r.what, r] as [string, Area])];
    for (const [what, area] of clashes) if (area.length && overlaps(raw, area)) problem(`raw region ${hex(raw.addr)}+${raw.length} overlaps ${what}`);
  }
  if (layout.arena) report.units.push(...arenaUnits(map, imageBytes));
  if (report.units.length < 2) problem(`${report.units.length} unit(s): a journal needs 2 pages it can erase one at a time`);
  const slots = report.units.map((u) => u.length / 8 - CARRY_SLOTS - RESERVE_SLOTS);
  if (slots.some((s) => s < 2 * CARRY_SLOTS)) problem("a unit is too small for a record copy and the reserve");
  const total = slots.reduce((a, b) => a + b, 0);
  report.mostEvents = total;
  report.fewestEvents = report.units.length ? total - Math.max(...slots) : 0;
  if (report.units.length >= 2 && report.fewestEvents < 500) problem(`keeps only ${report.fewestEvents} events after some rotations (at least 500)`);
  return report;
}

/** every board in boards/, with its budget's image size */
export function validateBoards(boardsDir = path.join(__dirname, "..", "..", "boards")): LayoutReport[] {
  return fs
    .readdirSync(boardsDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const b = JSON.parse(fs.readFileSync(path.join(boardsDir, f), "utf8")) as { name: string; chip: string; budget: { minifiedBytes: number } };
      return validateLayout(b.name, b.chip, b.budget.minifiedBytes);
    });
}

export function formatReports(reports: LayoutReport[]): string {
  const lines = ["board          units (pages)                                   events kept (fewest .. most)"];
  for (const r of reports) {
    const sizes = new Map<number, number>();
    for (const u of r.units) sizes.set(u.length, (sizes.get(u.length) || 0) + 1);
    const units = [...sizes].map(([len, n]) => `${n} x ${len / 1024} KB`).join(" + ");
    lines.push(`${r.board.padEnd(15)}${(units + (r.units.length ? " from " + hex(r.units[0].addr) : "")).padEnd(48)}${r.fewestEvents} .. ${r.mostEvents}`);
  }
  return lines.join("\n");
}

if (require.main === module) {
  const reports = validateBoards();
  console.log(formatReports(reports));
  const problems = reports.flatMap((r) => r.problems);
  for (const p of problems) console.error(p);
  process.exit(problems.length ? 1 : 0);
}
