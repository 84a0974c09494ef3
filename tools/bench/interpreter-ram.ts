// RAM measured on the real interpreter (Espruino 2v29's Linux build, 64-bit JsVars), the image loaded from
// .bootcde over the board's model (tools/interpreter/real-board.ts). Two runs per board:
//  - the image: the model samples process.memory().usage (after a garbage collection, so live vars only) at
//    every pin call the image makes (digitalRead/Write, analogRead/Write, pinMode, setWatch, clearWatch), from
//    power-up through door handing, programming a code (Program, 1234 LOCK) and a lock stroke (LOCK); the
//    highest sample is the awake peak. Asleep is process.memory().usage typed at the console once door handing
//    is over and everything has been still for a second.
//    The keys are pressed from the test (hold, wait, release), so nothing of the model's waits in RAM meanwhile.
//  - the same prelude with an empty image, measured the same ways (at the console; inside a pin call made from a
//    timer): the interpreter's and the model's own vars, taken off both figures.
// The figures are the image's own vars as the Linux build lays them out; a board packs vars differently.
import { spawn } from "child_process";
import { RealBoard } from "../interpreter/real-board";

export interface MeasuredRam {
  board: string;
  /** the image's vars with the lock asleep after power-up and door handing */
  asleep: number;
  /** the image's vars at the highest sample while awake, and in which activity */
  peak: number;
  peakIn: string;
  /** what was taken off: usage with an empty image (at the console; inside a pin call made from a timer) */
  baseline: { asleep: number; peak: number };
  /** the image's vars at the highest sample of each activity */
  peaks: Array<{ activity: string; vars: number }>;
  /** Latchkey.status() when asleep was measured */
  state: unknown;
  /** ms per Latchkey.status() asked while asleep (each one wakes the lock), over 20 calls, memory not sampled */
  wakeMs: number;
}

const WAKE_UPS = "(function () { var t = getTime(); for (var i = 0; i < 20; i++) Latchkey.status(); return (getTime() - t) * 1000 / 20; })()";

async function baseline(board: string): Promise<MeasuredRam["baseline"]> {
  const lock = await RealBoard.start({ board, imageText: "// an empty image\n" });
  try {
    const asleep = await lock.memory();
    const pin = JSON.stringify(lock.board.wiring.programButton.pin);
    await lock.eval(`Rig.memory(true), setTimeout(function () { digitalRead(${pin}); }, 100)`);
    await new Promise((r) => setTimeout(r, 300));
    const peak = (await lock.eval<{ peak: number }>("Rig.memory(false)")).peak;
    return { asleep, peak };
  } finally {
    await lock.stop();
  }
}

/** `image`: another image for this board's model than build/<board>/firmware.min.js (a variant of the board) */
export async function measureRam(board: string, image?: string): Promise<MeasuredRam> {
  const base = await baseline(board);
  const lock = await RealBoard.start({ board, image, conditions: { sample: true } });
  try {
    const peaks: Array<[string, number]> = [];
    const phase = async (name: string, keys: string[]) => {
      for (const k of keys) {
        await lock.tap(k);
        await lock.quiet();
      }
      if (!keys.length) await lock.quiet();
      peaks.push([name, (await lock.eval<{ peak: number }>("Rig.memory(true)")).peak]);
    };
    await phase("power-up and door handing", []);
    const asleep = await lock.memory();
    const state = await lock.status();
    await lock.eval("Rig.memory(false)");
    const wakeMs = await lock.eval<number>(WAKE_UPS);
    await lock.eval("Rig.memory(true)");
    await phase("programming a code", ["P", "1234#"]);
    await phase("a lock stroke", ["#"]);
    const problems = lock.problems();
    if (problems.length) throw new Error(`${board}: the image misbehaved while measured: ${problems.join("; ")}`);
    const [peakIn, peak] = peaks.reduce((a, b) => (b[1] > a[1] ? b : a));
    return {
      board,
      asleep: asleep - base.asleep,
      peak: peak - base.peak,
      peakIn,
      baseline: base,
      peaks: peaks.map(([activity, vars]) => ({ activity, vars: vars - base.peak })),
      state,
      wakeMs,
    };
  } finally {
    await lock.stop();
  }
}

/**
 * Every board's figures from a child process, so that they are measured while the bench's estimates keep this
 * process busy (a busy event loop would stretch the key presses the measurement times from here).
 */
export function measureRamInChild(boards: string[]): Promise<MeasuredRam[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, __filename, ...boards], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`measuring RAM on the real interpreter failed (exit ${code})`));
      else resolve(JSON.parse(out) as MeasuredRam[]);
    });
  });
}

if (require.main === module) {
  Promise.all(process.argv.slice(2).map((board) => measureRam(board))).then(
    (figures) => process.stdout.write(JSON.stringify(figures)),
    (e: Error) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
