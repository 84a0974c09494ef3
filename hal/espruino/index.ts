// The HAL over Espruino's APIs, for the board the image is built for.
import type { Hal } from "../types";
import { storeLoad, storeSave } from "../../firmware/store";
import { batteryVolts, motorAmps } from "./analog";
import { startInputs } from "./inputs";
import { motorWrite, outputsWrite } from "./outputs";
import { radioPair } from "./radio";

function logEvent(kind: number, arg: number, seconds: number) {
  print("[latchkey] event " + kind + " " + arg + " at " + seconds + " s");
}

export const espruinoHal: Hal = {
  now: getTime,
  setTimeout: setTimeout,
  clearTimeout: clearTimeout as (id: unknown) => void,
  setInterval: setInterval,
  clearInterval: clearInterval as (id: unknown) => void,
  motor: motorWrite,
  outputs: outputsWrite,
  battery: batteryVolts,
  current: motorAmps,
  load: storeLoad,
  save: storeSave,
  event: logEvent,
  log: print,
  startInputs: startInputs,
};
// the pairing window, only where the board file says "paired"
if (BOARD.radio === "paired") espruinoHal.pair = radioPair;
