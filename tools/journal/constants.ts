// The numbers the image needs for its journal (firmware/journal.ts JournalLayout), per board, from the
// chip's flash map and the board's journal layout (./flash-maps.ts). The build writes them into the image
// as literals: `newJournal(espruinoFlashIo(), <this object>)`.
import type { JournalLayout as Constants } from "../../firmware/journal";
import { ChipFlashMap, FLASH_MAPS, JOURNAL_LAYOUTS, JournalLayout, pageAt } from "./flash-maps";

export function layoutConstants(map: ChipFlashMap, layout: JournalLayout): Constants {
  const storagePage = pageAt(map, map.storage.addr) as { length: number };
  const rawPage = layout.raw ? (pageAt(map, layout.raw.addr) as { length: number }).length : 0;
  return {
    ss: map.storage.addr,
    se: map.storage.addr + map.storage.length,
    ra: layout.raw ? layout.raw.addr : 0,
    rn: layout.raw ? layout.raw.length / rawPage : 0,
    rp: rawPage,
    ap: layout.arena ? storagePage.length : 0,
  };
}

/** the journal constants of a board, by its chip (from boards/<board>.json) */
export function journalConstants(board: string, chip: string): Constants {
  const map = FLASH_MAPS[chip];
  const layout = JOURNAL_LAYOUTS[board];
  if (!map) throw new Error(`no flash map for chip ${chip}`);
  if (!layout) throw new Error(`no journal layout for board ${board} (tools/journal/flash-maps.ts)`);
  return layoutConstants(map, layout);
}
