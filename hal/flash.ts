// The flash the journal (firmware/journal.ts) works on: Espruino's own `Flash` and `Storage` modules, used
// as they are (no wrapper, so no RAM for one). Only these calls: Flash getPage, erasePage, write, read;
// Storage getFree and write with offset and size (to create the arena file once). The device passes
// require("Flash") and require("Storage") (hal/espruino/flash.ts); host tests pass the flash model
// (sim/espruino/board-flash.ts), which implements the same calls over a model of the chip.
export interface FlashIo {
  flash: FlashLib;
  storage: StorageLib;
}
