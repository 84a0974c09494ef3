// The Espruino Kv (hal/espruino/kv.ts) as host tests need it: over the flash model instead of
// require("Storage"), and letting the model's power cut through (the CPU is off: nothing may catch it).
import type { Kv } from "../../hal/types";
import { PowerCut } from "../../sim/espruino/flash";

export function flashKv(storage: StorageLib): Kv {
  return {
    read(name) {
      const value = storage.read(name);
      return typeof value === "string" ? value : undefined;
    },
    write(name, value) {
      try {
        return storage.write(name, value) ? true : false;
      } catch (e) {
        if (e instanceof PowerCut) throw e;
        return false;
      }
    },
  };
}
