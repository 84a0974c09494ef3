// Just the journal (record and event log, with the record's codec and Espruino's flash access) as an image,
// for `tools/journal/image.ts`: measured (size, functions, resident JsVars), checked by the image check like
// the firmware, and run on Espruino's Linux interpreter by the tests. Every export the firmware calls is
// kept by putting it on one global object.
import { journalEvent, journalLoad, journalLog, journalSave } from "../../firmware/journal";

(global as unknown as { LKJ: unknown }).LKJ = {
  load: journalLoad,
  save: journalSave,
  event: journalEvent,
  log: journalLog,
  // the firmware uses E: so the minifier never names one of these functions E
  E: E,
};
