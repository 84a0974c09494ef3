// The journal's flash on a device: Espruino's Flash and Storage modules themselves.
import type { FlashIo } from "../flash";

export function espruinoFlashIo(): FlashIo {
  return { flash: require("Flash"), storage: require("Storage") };
}
