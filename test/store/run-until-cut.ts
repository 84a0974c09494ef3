// For the flash model's tests: run something that a power cut may stop.
import { FlashStorage, PowerCut } from "../../sim/espruino/flash";

/** Runs fn; a power cut is expected at any point and is swallowed. True when power was cut. */
export function runUntilCut(flash: FlashStorage, fn: () => void): boolean {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof PowerCut)) throw e;
  }
  return flash.isPoweredOff();
}
