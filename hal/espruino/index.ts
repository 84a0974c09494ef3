// The HAL over Espruino's APIs, for the board the image is built for.
import type { Hal } from "../types";
import { journalEvent, journalLoad, journalSave } from "../../firmware/journal";
import { batteryVolts, motorAmps } from "./analog";
import { startInputs } from "./inputs";
import { motorWrite, outputsWrite } from "./outputs";
import { radioPair } from "./radio";

export const espruinoHal: Hal = {
  now: getTime,
  setInterval: setInterval,
  clearInterval: clearInterval as (id: unknown) => void,
  motor: motorWrite,
  outputs: outputsWrite,
  battery: batteryVolts,
  current: motorAmps,
  // the journal on require("Flash") and require("Storage"), at the board's layout (BOARD.journal)
  load: journalLoad,
  save: journalSave,
  event: journalEvent,
  log: print,
  startInputs: startInputs,
};
// the pairing window, only where the board file says "paired"
if (BOARD.radio === "paired") espruinoHal.pair = radioPair;
