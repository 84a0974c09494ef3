// A board file's `journal`: where the lock keeps its record and event log (firmware/journal.ts), checked
// against the chip's flash map as Espruino 2v29 lays it out (tools/journal/validate.ts) with the largest
// image the budget allows. The image gets the numbers as BOARD.journal.* literals (./image-defines.ts).
//   "journal": { "raw": { "addr": "0x08060000", "length": 131072 } | null, "arena": true, "unitBytes": 16384,
//                "why": "..." }
import type { JournalLayout } from "../journal/flash-maps";
import { LayoutReport, validateLayout } from "../journal/validate";
import { describe, Fields, JsonObject } from "./fields";

export interface BoardJournal extends LayoutReport {
  layout: JournalLayout;
}

/** an address as a number or a "0x..." string (JSON has no hex) */
function address(value: unknown, field: string, f: Fields): number {
  if (typeof value === "string" && /^0x[0-9a-fA-F]+$/.test(value)) return parseInt(value, 16);
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  return f.fail(field, 'must be an address, a whole number or "0x..." text, got ' + describe(value));
}

export function readJournal(top: JsonObject, board: string, chip: string, imageBytes: number, f: Fields): BoardJournal {
  const o = f.object(f.required(top, "journal", ""), "journal", ["raw", "arena", "unitBytes", "why"]);
  const rawValue = f.required(o, "raw", "journal");
  let raw = null;
  if (rawValue !== null) {
    const r = f.object(rawValue, "journal.raw", ["addr", "length"]);
    raw = { addr: address(f.required(r, "addr", "journal.raw"), "journal.raw.addr", f), length: f.integer(f.required(r, "length", "journal.raw"), "journal.raw.length", 1) };
  }
  const layout: JournalLayout = {
    raw,
    arena: f.boolean(f.required(o, "arena", "journal"), "journal.arena"),
    unitBytes: f.integer(f.required(o, "unitBytes", "journal"), "journal.unitBytes", 1),
    why: f.string(f.required(o, "why", "journal"), "journal.why"),
  };
  const report = validateLayout(board, chip, imageBytes, layout);
  for (const problem of report.problems) f.report("journal", problem);
  return { ...report, layout };
}
