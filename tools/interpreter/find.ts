// Where Espruino's Linux interpreter is: $LATCHKEY_ESPRUINO (a binary), else the one `make espruino` built into
// .cache/espruino. When there is none, why not, in one line for the tests and the bench to print as they skip.
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const CACHE_DIR = path.join(ROOT, ".cache", "espruino");

export interface Interpreter {
  binary: string;
  /** LD_PRELOAD shim (shim.c): the telnet console on $ESPRUINO_TELNET_PORT, and death with the parent */
  shim?: string;
}

export function findInterpreter(): Interpreter | { missing: string } {
  const given = process.env.LATCHKEY_ESPRUINO;
  const binary = given || path.join(CACHE_DIR, "espruino");
  const shim = path.join(CACHE_DIR, "shim.so");
  if (fs.existsSync(binary)) return { binary, shim: fs.existsSync(shim) ? shim : undefined };
  if (given) return { missing: `no Espruino interpreter at LATCHKEY_ESPRUINO=${given}` };
  const why = path.join(CACHE_DIR, "unavailable");
  if (fs.existsSync(why)) return { missing: fs.readFileSync(why, "utf8").trim() };
  return { missing: "no Espruino interpreter: run make espruino" };
}
