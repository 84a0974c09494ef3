// Files written into the Storage of the Linux interpreter's emulated flash (espruino.flash in a folder), by the
// interpreter itself: what a board holds after `.boot0` and `.bootcde` were flashed. Each file is read back
// and its length and E.CRC32 compared before anything runs on it.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** CRC-32 (IEEE, as Espruino's E.CRC32) of a string of byte-sized characters */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    crc ^= text.charCodeAt(i) & 0xff;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Writes `files` (Storage name -> content) into `dir`/espruino.flash, erasing what was there when `fresh`. */
export function writeStorage(binary: string, dir: string, files: Record<string, string>, fresh = true): void {
  fs.mkdirSync(dir, { recursive: true });
  if (fresh) fs.rmSync(path.join(dir, "espruino.flash"), { force: true });
  const names = Object.keys(files);
  const script = path.join(dir, "write-storage.js");
  fs.writeFileSync(
    script,
    'var S = require("Storage");\n' +
      names.map((name) => `S.write(${JSON.stringify(name)}, ${JSON.stringify(files[name])});\n`).join("") +
      names.map((name) => `print("stored", ${JSON.stringify(name)}, S.read(${JSON.stringify(name)}).length, E.CRC32(S.read(${JSON.stringify(name)})));\n`).join(""),
  );
  // `espruino FILE` runs the file without loading .boot0/.bootcde first
  const run = spawnSync(binary, [script], { cwd: dir, encoding: "latin1", timeout: 30000 });
  fs.rmSync(script, { force: true });
  const out = (run.stdout || "") + (run.stderr || "");
  for (const name of names) {
    const want = `stored ${name} ${files[name].length} ${crc32(files[name])}`;
    if (!out.includes(want)) {
      throw new Error(`writing ${name} into ${dir}/espruino.flash failed: expected "${want}", the interpreter said:\n${out.slice(-2000)}`);
    }
  }
}
