// Kv over Espruino's flash Storage. Each value is one Storage file. A rewrite with different
// content deletes the old file before writing the new one, so this layer is not atomic by itself:
// firmware/store.ts builds atomic saves on top of it.
import type { Kv } from "../types";

/**
 * `storage` is for host tests and the simulator (sim/espruino/flash.ts); the image passes nothing
 * and gets `require("Storage")`.
 */
export function createStorageKv(storage?: StorageLib): Kv {
  const lib: StorageLib = storage ? storage : require("Storage");

  // Storage throws on a full flash ("Unable to find or create file") and on an empty value. The
  // host flash model's power cut must still unwind the caller; on Espruino errors have no name.
  function rethrowPowerCut(e: any): void {
    if (e && e.name === "PowerCut") throw e;
  }

  return {
    read: function (name: string): string | undefined {
      const value = lib.read(name);
      return typeof value === "string" ? value : undefined;
    },
    write: function (name: string, value: string): boolean {
      try {
        return lib.write(name, value) ? true : false;
      } catch (e) {
        rethrowPowerCut(e);
        return false;
      }
    },
    erase: function (name: string): void {
      try {
        lib.erase(name);
      } catch (e) {
        rethrowPowerCut(e);
      }
    },
  };
}
