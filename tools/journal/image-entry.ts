// Just the journal and its codec as an image, for `tools/journal/image.ts`: measured (size, functions),
// checked by the image check like the firmware, and run on Espruino's Linux interpreter by the tests.
// Every export the firmware would call is kept by putting it on one global object.
import { espruinoFlashIo } from "../../hal/espruino/flash";
import { journalEvent, journalLog, journalOpen, journalSave, newJournal } from "../../firmware/journal";

(global as unknown as { LKJ: unknown }).LKJ = {
  io: espruinoFlashIo,
  newJournal: newJournal,
  open: journalOpen,
  save: journalSave,
  event: journalEvent,
  log: journalLog,
  // the firmware uses E: so the minifier never names one of these functions E
  E: E,
};
