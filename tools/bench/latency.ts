// LOCK to the first output, on the real interpreter (Espruino 2v29's Linux build, the image from .bootcde over
// the board's model): the time from the LOCK key going down to the first output the lock drives (a motor pin,
// an LED, the buzzer), in the model's own clock, for a one-touch lock. This image and a baseline image (by
// default the one at commit 36bb60c, the lock before it became resident: it rebuilt itself at every wake-up)
// are measured side by side in one run, sessions alternating, so that both see the same machine.
//
//   npx tsx tools/bench/latency.ts [--board proto-pico] [--baseline COMMIT] [--cycles 4] [--rounds 2]
// The baseline image is built once from the repository's history into .cache/baseline/<commit>/.
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../interpreter/find";
import { RealBoard } from "../interpreter/real-board";

export const BASELINE_COMMIT = "36bb60c";

export interface Latency {
  board: string;
  /** ms from LOCK down to the first output, each one-touch lock */
  image: number[];
  baseline: number[];
  baselineCommit: string;
}

/** The baseline's minified image, built from git history; or why it cannot be had. */
export function baselineImage(board: string, commit: string): string | { skipped: string } {
  const dir = path.join(ROOT, ".cache", "baseline", commit);
  const image = path.join(dir, "build", board, "firmware.min.js");
  if (fs.existsSync(image)) return fs.readFileSync(image, "utf8");
  try {
    execFileSync("git", ["cat-file", "-e", commit + "^{commit}"], { cwd: ROOT, stdio: "ignore" });
  } catch {
    return { skipped: `commit ${commit} is not in this clone's history` };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // the tree as it was, built with today's installed tools (the same package versions)
  execFileSync("sh", ["-c", `git archive ${commit} | tar -x -C "${dir}"`], { cwd: ROOT });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  execFileSync(process.execPath, [...process.execArgv, path.join(dir, "tools", "build.ts"), "--board", board], { cwd: dir, stdio: "ignore" });
  return fs.readFileSync(image, "utf8");
}

/** One session: first power-up (door handing), a code programmed, then `cycles` one-touch locks, each unlocked again. */
async function session(board: string, imageText: string, cycles: number): Promise<number[]> {
  const lock = await RealBoard.start({ board, imageText });
  try {
    const w = lock.board.wiring;
    const outputs = [w.motor.in1, w.motor.in2, w.leds.red, w.leds.green, w.buzzer.pin];
    await lock.quiet();
    await lock.tap("P");
    await lock.quiet();
    await lock.tap("1234#");
    await lock.quiet();
    const times: number[] = [];
    for (let i = 0; i < cycles; i++) {
      const from = lock.record.length;
      await lock.tap("#");
      await lock.quiet();
      const after = lock.record.slice(from);
      const down = after.find((e) => e.kind === "key" && e.args[0] === "#" && e.args[1] === "1");
      const out = down && after.find((e) => e.t >= down.t && (e.kind === "pin" || e.kind === "pwm") && outputs.includes(e.args[0]) && e.args[1] !== "0");
      if (!down || !out) throw new Error(`${board}: no output after LOCK (cycle ${i + 1})`);
      times.push(Math.round((out.t - down.t) * 10) / 10);
      await lock.tap("1234#");
      await lock.quiet();
    }
    return times;
  } finally {
    await lock.stop();
  }
}

export async function measureLatency(board: string, commit = BASELINE_COMMIT, cycles = 4, rounds = 2): Promise<Latency | { skipped: string }> {
  const base = baselineImage(board, commit);
  if (typeof base !== "string") return base;
  const image = fs.readFileSync(path.join(ROOT, "build", board, "firmware.min.js"), "utf8");
  const result: Latency = { board, image: [], baseline: [], baselineCommit: commit };
  // alternating sessions: the machine's load falls on both alike
  for (let round = 0; round < rounds; round++) {
    result.image.push(...(await session(board, image, cycles)));
    result.baseline.push(...(await session(board, base, cycles)));
  }
  return result;
}

/** The same, from a child process (the bench keeps this one busy meanwhile). */
export function measureLatencyInChild(board: string, cycles: number, rounds: number): Promise<Latency | { skipped: string }> {
  return new Promise((resolve, reject) => {
    const args = [...process.execArgv, __filename, "--board", board, "--cycles", String(cycles), "--rounds", String(rounds)];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`measuring LOCK to output on the real interpreter failed (exit ${code})`));
      else resolve(JSON.parse(out.split("\n")[0]));
    });
  });
}

export function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

if (require.main === module) {
  const arg = (name: string, fallback: string) => {
    const at = process.argv.indexOf(name);
    return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
  };
  measureLatency(arg("--board", "proto-pico"), arg("--baseline", BASELINE_COMMIT), Number(arg("--cycles", "4")), Number(arg("--rounds", "2"))).then(
    (r) => {
      console.log(JSON.stringify(r));
      if ("image" in r) console.log(`LOCK to the first output: this image median ${median(r.image).toFixed(1)} ms, ${r.baselineCommit} median ${median(r.baseline).toFixed(1)} ms`);
    },
    (e: Error) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
