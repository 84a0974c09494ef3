// Kv over Espruino's flash Storage: each value is one Storage file. A rewrite with different content
// deletes the old file before writing the new one, so this layer is not atomic by itself:
// firmware/store.ts builds atomic saves on top of it.
import type { Kv } from "../types";

function storageRead(name: string): string | undefined {
  const value = require("Storage").read(name);
  return typeof value === "string" ? value : undefined;
}

/** Storage throws on a full flash ("Unable to find or create file"): that is a failed write. */
function storageWrite(name: string, value: string): boolean {
  try {
    return require("Storage").write(name, value) ? true : false;
  } catch (e) {
    return false;
  }
}

export const storageKv: Kv = { read: storageRead, write: storageWrite };
