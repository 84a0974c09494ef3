// Measures the CPU time of one key press's handling by a board's image on Espruino's real interpreter (its
// Linux build), for the bench's energy model, which charges it per callback scaled by clock
// (tools/bench/cpu-time.ts). The image runs over a pin prelude (./linux-prelude.ts); after power-up and door
// handing, each press calls the keypad row's watch callback directly and times it with getTime().
//
//   make espruino && npx tsx tools/power/measure-cpu.ts [--espruino PATH] [--board proto-pico] [--runs 4] [--write]
//
// PATH is the Linux build's binary; by default the one `make espruino` built (tools/interpreter/find.ts).
// Two ways of loading the image are timed: from Storage as `.bootcde` (as a board runs it; the Linux build reads its
// emulated flash from a file at every access, which a board's memory-mapped flash does not) and as plain
// code in RAM (closer to a board). The prelude's own pin functions are JavaScript where a board's are
// native: their extra cost per call is measured and taken off. --write stores the result in
// tools/power/cpu-measured.json, which the bench reads.
import { spawn } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadBoard } from "../boards/load";
import { findInterpreter } from "../interpreter/find";
import { linuxPrelude } from "./linux-prelude";

const ROOT = path.resolve(__dirname, "../..");
export const MEASURED_FILE = path.join(ROOT, "tools", "power", "cpu-measured.json");

/** what --write stores */
export interface CpuMeasurement {
  what: string;
  command: string;
  interpreter: string;
  host: { cpu: string; mhz: number };
  board: string;
  /** sha256 of the minified image measured, to tell when the image has changed since */
  imageSha256: string;
  date: string;
  /** per key press, ms on the host, with the image's code in RAM; the prelude's extra pin-call cost taken off */
  ram: PressStats;
  /** the same from .bootcde, as measured: the Linux build's flash emulation (a file read at every access) dominates it */
  bootcde: PressStats;
}

export interface PressStats {
  presses: number;
  meanMs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** pin calls per press (reads + writes) and the prelude's extra cost per call that was taken off (0: none) */
  pinCallsPerPress: number;
  preludeUsPerCall: number;
}

const DRIVER = (runs: number) => `
(function () {
  var keys = ${JSON.stringify("1234*".repeat(runs))};
  var out = [];
  function loop(fn, n) {
    var t0 = getTime();
    for (var i = 0; i < n; i++) fn();
    return getTime() - t0;
  }
  // the prelude's pin functions against the interpreter's native ones, per call: the quickest of 7 rounds of
  // each (the machine's other work only ever adds time)
  function overheadUs() {
    var n = 1000, p = __lk.rows[0], c = __lk.cols[0], r = [1e9, 1e9, 1e9, 1e9];
    for (var round = 0; round < 7; round++) {
      r[0] = Math.min(r[0], loop(function () { digitalRead(p); }, n));
      r[1] = Math.min(r[1], loop(function () { __lk.nativeRead(p); }, n));
      r[2] = Math.min(r[2], loop(function () { digitalWrite(c, 0); }, n));
      r[3] = Math.min(r[3], loop(function () { __lk.nativeWrite(D32, 0); }, n));
    }
    return { read: (r[0] - r[1]) / n * 1e6, write: (r[2] - r[3]) / n * 1e6 };
  }
  function press(i) {
    if (i >= keys.length) {
      print("LATCHKEY_CPU " + JSON.stringify({ presses: out, overheadUs: overheadUs(), status: Latchkey.status(), version: process.version }));
      return;
    }
    __lk.press(keys[i]);
    var w = __lk.watchOn(__lk.rows[(__lk.key / __lk.cols.length) | 0]);
    __lk.reads = 0; __lk.writes = 0;
    var t0 = getTime();
    w.fn({ state: false, time: t0, lastTime: undefined });
    var ms = (getTime() - t0) * 1000;
    out.push([ms, __lk.reads, __lk.writes]);
    __lk.release();
    setTimeout(function () { press(i + 1); }, 600);
  }
  setTimeout(function () { print("LATCHKEY_READY " + JSON.stringify(Latchkey.status())); press(0); }, 8000);
})();
`;

interface RawRun {
  presses: Array<[number, number, number]>;
  overheadUs: { read: number; write: number };
  status: unknown;
  version: string;
}

function run(binary: string, args: string[], cwd: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // the Linux build reads its console from stdin: keep the pipe open, and kill it once the answer is in
    const child = spawn(binary, args, { cwd, stdio: ["pipe", "pipe", "pipe"] });
    let text = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no answer from ${binary} within ${timeoutMs / 1000} s:\n${text.slice(-2000)}`));
    }, timeoutMs);
    child.stdout.on("data", (chunk) => {
      text += String(chunk);
      if (/LATCHKEY_CPU [^\n]*\n/.test(text) || /STORED[^\n]*\n/.test(text)) {
        clearTimeout(timer);
        child.kill("SIGKILL");
        resolve(text);
      }
    });
    child.stderr.on("data", (chunk) => (text += String(chunk)));
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** the JSON after `tag` on its line (the console's prompt may come before it) */
function tagged(text: string, tag: string): unknown {
  const line = text.split("\n").find((l) => l.includes(tag + " "));
  if (!line) return undefined;
  return JSON.parse(line.slice(line.indexOf(tag + " ") + tag.length + 1));
}

function parse(text: string): RawRun {
  if (/Uncaught/.test(text)) throw new Error("the image threw on the interpreter:\n" + text.slice(-2000));
  const raw = tagged(text, "LATCHKEY_CPU") as RawRun | undefined;
  if (!raw) throw new Error("no measurement in the output:\n" + text.slice(-2000));
  return raw;
}

/** `correct`: take the prelude's extra cost per pin call off (meaningful only with code in RAM) */
function stats(raw: RawRun, correct: boolean): PressStats {
  const perCall = correct ? (raw.overheadUs.read + raw.overheadUs.write) / 2 : 0;
  const extra = (reads: number, writes: number) => (correct ? (reads * raw.overheadUs.read + writes * raw.overheadUs.write) / 1000 : 0);
  const ms = raw.presses.map(([t, reads, writes]) => Math.max(0, t - extra(reads, writes)));
  const sorted = ms.slice().sort((a, b) => a - b);
  const calls = raw.presses.reduce((sum, [, r, w]) => sum + r + w, 0) / raw.presses.length;
  return {
    presses: ms.length,
    meanMs: ms.reduce((a, b) => a + b, 0) / ms.length,
    medianMs: sorted[Math.floor(sorted.length / 2)],
    minMs: sorted[0],
    maxMs: sorted[sorted.length - 1],
    pinCallsPerPress: calls,
    preludeUsPerCall: perCall,
  };
}

/** the host's CPU and clock (os.cpus() says 0 MHz in some virtual machines: /proc/cpuinfo then) */
function hostCpu(): { cpu: string; mhz: number } {
  const cpus = os.cpus();
  let mhz = cpus[0] ? cpus[0].speed : 0;
  if (!mhz && fs.existsSync("/proc/cpuinfo")) {
    const m = /cpu MHz\s*:\s*([\d.]+)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"));
    if (m) mhz = Math.round(Number(m[1]));
  }
  if (!mhz) throw new Error("cannot tell this machine's clock: the measurement could not be scaled");
  return { cpu: cpus[0] ? cpus[0].model : "unknown", mhz };
}

export async function measure(binary: string, boardName: string, runs: number): Promise<CpuMeasurement> {
  const board = loadBoard(path.join(ROOT, "boards", boardName + ".json"));
  const imageFile = path.join(ROOT, "build", boardName, "firmware.min.js");
  if (!fs.existsSync(imageFile)) throw new Error(`${path.relative(process.cwd(), imageFile)} is missing: run make build first`);
  const image = fs.readFileSync(imageFile, "utf8");
  const prelude = linuxPrelude(board);
  const driver = DRIVER(runs);
  const timeout = 60000 + runs * 5 * 2000;

  const ramDir = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-cpu-ram-"));
  fs.writeFileSync(path.join(ramDir, "program.js"), prelude + "\n" + image + "\n" + driver);
  const ram = parse(await run(binary, ["program.js"], ramDir, timeout));

  const flashDir = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-cpu-flash-"));
  const store = `require("Storage").write(".boot0", ${JSON.stringify(prelude)}); require("Storage").write(".bootcde", ${JSON.stringify(image)}); print("STORED");`;
  await run(binary, ["-e", store], flashDir, 30000);
  const bootcde = parse(await run(binary, ["-e", driver], flashDir, timeout));
  for (const dir of [ramDir, flashDir]) fs.rmSync(dir, { recursive: true, force: true });

  return {
    what: "CPU time of one key press's handling (the keypad row's watch callback) by the image, on Espruino's Linux build",
    command: `make espruino && npx tsx tools/power/measure-cpu.ts --board ${boardName} --runs ${runs} --write`,
    interpreter: "Espruino " + ram.version + ", Linux build",
    host: hostCpu(),
    board: boardName,
    imageSha256: crypto.createHash("sha256").update(image).digest("hex"),
    date: new Date().toISOString().slice(0, 10),
    ram: stats(ram, true),
    bootcde: stats(bootcde, false),
  };
}

function options(argv: string[]): { binary: string; board: string; runs: number; write: boolean } | string {
  let binary = process.env.ESPRUINO_LINUX || "";
  let board = "proto-pico";
  let runs = 4;
  let write = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--write") write = true;
    else if ((a === "--espruino" || a === "--board" || a === "--runs") && argv[i + 1]) {
      const v = argv[++i];
      if (a === "--espruino") binary = v;
      else if (a === "--board") board = v;
      else runs = Number(v);
    } else return `unknown or incomplete option: ${a}`;
  }
  if (!binary) {
    const found = findInterpreter();
    if ("missing" in found) return found.missing + " (or give the Linux build's binary with --espruino PATH)";
    binary = found.binary;
  }
  binary = path.resolve(binary);
  if (!(runs >= 1)) return "--runs must be at least 1";
  return { binary, board, runs, write };
}

async function main(argv: string[]): Promise<number> {
  const opts = options(argv);
  if (typeof opts === "string") {
    console.error(opts + "\nusage: npx tsx tools/power/measure-cpu.ts [--espruino PATH] [--board proto-pico] [--runs 4] [--write]");
    return 2;
  }
  const m = await measure(opts.binary, opts.board, opts.runs);
  const row = (label: string, s: PressStats) =>
    `${label}: mean ${s.meanMs.toFixed(3)} ms, median ${s.medianMs.toFixed(3)} ms (${s.minMs.toFixed(3)}-${s.maxMs.toFixed(3)}) over ${s.presses} presses; ` +
    `${s.pinCallsPerPress.toFixed(0)} pin calls a press` + (s.preludeUsPerCall ? `, ${s.preludeUsPerCall.toFixed(1)} us each taken off` : ", nothing taken off");
  console.log(`${m.interpreter} on ${m.host.cpu} at ${m.host.mhz} MHz, ${m.board}`);
  console.log(row("image code in RAM", m.ram));
  console.log(row("image in .bootcde ", m.bootcde));
  if (opts.write) {
    fs.writeFileSync(MEASURED_FILE, JSON.stringify(m, null, 2) + "\n");
    console.log(`wrote ${path.relative(process.cwd(), MEASURED_FILE)}`);
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`measure-cpu: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
