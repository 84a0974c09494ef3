// `make bench`: budgets and resilience, per board, from the images `make build` wrote:
//   1. image size, plain and minified, against budget.minifiedBytes;
//   2. RAM measured on the real interpreter (Espruino's Linux build, tools/bench/interpreter-ram.ts): the lock
//      asleep after door handing, against budget.asleepJsVars, and its awake peak, against budget.peakJsVars;
//      beside them, as a cross-check, the estimate in JsVars from the simulator (tools/bench/ram.ts), asleep and
//      awake, and how full the awake estimate leaves the chip;
//   3. simulated days at 10 and at 30 operations a day: motor, LEDs, buzzer, wake-ups, timers armed while idle
//      (must be none), the chip's time in each power state (the fake Espruino's power model), and the energy
//      per day and battery life from the board's power figures, checked against budget.minBatteryYears;
//   4. brute force: the average time to find a 4-digit code under the lockout policy, with the policy's
//      schedule checked against the image in the simulator.
// Prints a report, writes build/bench.json, and exits 1 when a budget is exceeded or a check fails.
//
//   npx tsx tools/bench.ts [--board NAME]... [--json FILE] [--no-interpreter] [--linux-check] [--what-if]
// --no-interpreter: estimates only (without the interpreter the measured RAM is skipped, saying why, too).
// --linux-check: also the estimate in the Linux build's var layout, beside the measured figures (docs/bench.md).
// --what-if: before the simulated days, type at each lock's console setDeepSleep(1) on STM32 and NRF.sleep()
// on nRF52, to see what an image that does neither itself would get.
import * as fs from "fs";
import * as path from "path";
import { CHIPS } from "./boards/chips";
import { BoardError, loadBoard, loadBoards, ValidatedBoard } from "./boards/load";
import { bruteForceTime, BruteForceResult, checkLockoutSchedule, ScheduleCheck, SECONDS_PER_ATTEMPT } from "./bench/brute-force";
import { CpuTime, cpuTimeFor, readCpuMeasurement } from "./bench/cpu-time";
import { DayResult, simulateOperationsDay } from "./bench/day";
import { PACK_MAH, SHELF_LIFE_SOURCE, SHELF_LIFE_YEARS } from "./bench/energy";
import { formatDays } from "./bench/format-days";
import { layoutForVars, LINUX_64_LAYOUT } from "./bench/jsvars";
import { measureRamInChild, MeasuredRam } from "./bench/interpreter-ram";
import { Latency, measureLatencyInChild, median } from "./bench/latency";
import { AwakeRamResult, estimateAwakeRam, estimateRam, INTERPRETER_BASELINE_VARS, RamResult } from "./bench/ram";
import { findInterpreter } from "./interpreter/find";

export const ROOT = path.resolve(__dirname, "..");

export interface BudgetOverride {
  minifiedBytes?: number;
  asleepJsVars?: number;
  peakJsVars?: number;
  minBatteryYears?: number;
}

export interface BoardImages {
  /** build/<board>/firmware.js */
  readable: string;
  /** build/<board>/firmware.min.js: what is flashed */
  minified: string;
}

export interface BoardBenchOptions {
  /** replaces the board file's budget figures (tests) */
  budget?: BudgetOverride;
  /** replaces the number of vars the chip's Espruino has, for the awake check (tests) */
  chipVars?: number;
  /** the simulated days, the awake RAM and the brute-force check take a few seconds; off for quick checks */
  day?: boolean;
  /** the CPU time per callback for the days (default: the measurement scaled to the board's chip) */
  cpu?: CpuTime;
  /** operations a day of each simulated day (default OPERATIONS_PER_DAY; the battery budget is checked on the first) */
  operations?: number[];
  /** --what-if: the firmware of issue 13 imitated from the console (deep sleep on STM32, radio off on nRF52) */
  whatIf?: boolean;
  awake?: boolean;
  bruteForce?: boolean;
  /** also the estimate under the Linux build's conditions and layout */
  linuxCheck?: boolean;
}

export interface BoardBench {
  board: string;
  chip: string;
  /** the board file's radio setting ("none" without a radio); "open" is marked INSECURE */
  radio: ValidatedBoard["radio"];
  size: { bytes: number; minifiedBytes: number; budgetBytes: number };
  ram: {
    /** the var layout of the chip's Espruino build */
    layout: string;
    /** the image's own JsVars, estimated */
    imageVars: number;
    /** imageVars + the interpreter's own (an empty program's usage) */
    usage: number;
    counts: RamResult["estimate"]["counts"];
    vars: RamResult["estimate"]["vars"];
    /** Latchkey.status() when measured */
    state: string;
    /** the most while awake, beside the chip's vars */
    awake?: AwakeRamResult & { chipVars: number };
    /** the image's vars estimated in the Linux build's layout, asleep and at the awake peak (--linux-check) */
    linuxCheck?: { asleep: number; peak: number };
    /** on the real interpreter, against budget.asleepJsVars and budget.peakJsVars; or why it was not measured */
    measured?: (MeasuredRam & { budget: { asleep: number; peak: number } }) | { skipped: string };
  };
  /** the simulated days, by operations a day (OPERATIONS_PER_DAY) */
  days?: Array<{ operations: number; day: DayResult }>;
  /** the battery budget checked on the first day, if the board file (or an override) gives one */
  minBatteryYears?: number;
  /** what was typed at the console before the days (--what-if), if anything */
  whatIf?: string;
  /** LOCK to the first output on the real interpreter, beside the baseline image (the reference board only) */
  latency?: Latency | { skipped: string };
  bruteForce?: { analytic: BruteForceResult; check: ScheduleCheck };
  problems: string[];
}

export interface BenchReport {
  assumptions: Record<string, string | number>;
  boards: BoardBench[];
  ok: boolean;
}

export const ASSUMPTIONS = {
  power: "boards/*.json 'power': datasheet-level estimates, not measurements (each file's power.source says where from)",
  ram: "measured: process.memory().usage on Espruino 2v29's Linux build (64-bit vars), the image's own (less an empty image's with the same board model); estimate: JsVars from the objects, closures, scopes and strings the image keeps alive in the simulator (tools/bench/jsvars.ts), a cross-check",
  interpreterBaselineVars: INTERPRETER_BASELINE_VARS,
  chipStates: "the fake Espruino's power model (sim/espruino/power.ts): running (each callback's CPU time, deep-sleep round trips), ordinary sleep, deep sleep, and on nRF52 the radio's state, as the image leaves them (docs/power.md)",
  cpuPerCallback: "one key press's handling measured on Espruino's Linux build (tools/power/cpu-measured.json), scaled by clock to the chip",
  operation: "an unlock by code and the lock that follows it (one-touch, or auto-lock every fifth time); one wrong code per ten operations",
  packMah: PACK_MAH,
  shelfLifeYears: SHELF_LIFE_YEARS,
  shelfLife: SHELF_LIFE_SOURCE,
  secondsPerAttempt: SECONDS_PER_ATTEMPT,
  attacker: "tries distinct 4-digit codes, never has a valid one, so the lockout escalation never clears",
};

/** While awake at its peak, at least this share of the chip's vars should stay free (strings, garbage, the console). */
export const AWAKE_FREE_SHARE = 0.1;
/** the simulated days; budget.minBatteryYears is checked on the first */
export const OPERATIONS_PER_DAY = [10, 30];
/** --what-if: what the firmware of issue 13 will do, typed at the console after setting the lock up */
export const WHAT_IF: Readonly<Record<string, string>> = { stm32f401: "setDeepSleep(1)", nrf52832: "NRF.sleep()" };

export function benchBoard(board: ValidatedBoard, images: BoardImages, options: BoardBenchOptions = {}): BoardBench {
  const budget = { ...board.budget, ...options.budget };
  const problems: string[] = [];
  const where = (field: string) => `${path.relative(process.cwd(), board.file) || board.file} budget.${field}`;

  const size = { bytes: Buffer.byteLength(images.readable), minifiedBytes: Buffer.byteLength(images.minified), budgetBytes: budget.minifiedBytes };
  if (size.minifiedBytes > size.budgetBytes) {
    problems.push(`${board.name}: image size: the minified image is ${size.minifiedBytes} bytes, over the budget of ${size.budgetBytes} (${where("minifiedBytes")})`);
  }

  const chip = CHIPS[board.chip];
  const layout = layoutForVars(chip ? chip.jsVars : 5100);
  const ram = estimateRam(board, images.minified, layout);
  const result: BoardBench = {
    board: board.name,
    chip: board.chip,
    radio: board.radio,
    size,
    ram: {
      layout: layout.label,
      imageVars: ram.estimate.total,
      usage: ram.usage,
      counts: ram.estimate.counts,
      vars: ram.estimate.vars,
      state: ram.state,
    },
    problems,
    minBatteryYears: budget.minBatteryYears,
  };
  const chipVars = options.chipVars ?? (chip ? chip.jsVars : undefined);
  if (options.awake !== false && chipVars) {
    result.ram.awake = { ...estimateAwakeRam(board, images.minified, layout), chipVars };
  }
  if (options.linuxCheck) {
    result.ram.linuxCheck = {
      asleep: estimateRam(board, images.minified, LINUX_64_LAYOUT).estimate.total,
      peak: estimateAwakeRam(board, images.minified, LINUX_64_LAYOUT).peak,
    };
  }

  if (options.day !== false) {
    const cpu = options.cpu ?? cpuTimeFor(board.chip, readCpuMeasurement());
    const whatIf = options.whatIf ? WHAT_IF[board.chip] : undefined;
    result.whatIf = whatIf;
    result.days = (options.operations ?? OPERATIONS_PER_DAY).map((operations) => ({ operations, day: simulateOperationsDay(board, images.readable, operations, cpu, whatIf) }));
    for (const { operations, day } of result.days) {
      if (day.idleTimerMs > 0) {
        const at = day.idleTimerAt as { from: number; to: number };
        problems.push(
          `${board.name}: simulated day (${operations} operations): a timer was armed for ${day.idleTimerMs} ms while the lock was idle (SPEC 10 allows none); first from ${(at.from / 1000).toFixed(1)} s to ${(at.to / 1000).toFixed(1)} s into the day`,
        );
      }
    }
    const battery = batteryBudgetProblem(board.name, where("minBatteryYears"), result.days[0], budget.minBatteryYears);
    if (battery) problems.push(battery);
  }

  if (options.bruteForce !== false) {
    const check = checkLockoutSchedule(board, images.readable);
    result.bruteForce = { analytic: bruteForceTime(board.config), check };
    if (!check.matches) {
      problems.push(
        `${board.name}: brute force: the lockouts the image gave (${check.observedMs.map((ms) => ms / 1000).join(", ")} s) differ from the policy (${check.expectedMs.map((ms) => ms / 1000).join(", ")} s)`,
      );
    }
  }
  return result;
}

/** the battery budget, checked on a simulated day: undefined when it holds (or there is none) */
export function batteryBudgetProblem(
  boardName: string,
  field: string,
  first: { operations: number; day: DayResult },
  minBatteryYears: number | undefined,
): string | undefined {
  const years = first.day.energy.years;
  if (minBatteryYears === undefined || years === undefined || years >= minBatteryYears) return undefined;
  return `${boardName}: battery life: ${years.toFixed(2)} years on ${PACK_MAH} mAh at ${first.operations} operations a day, below the budget of ${minBatteryYears} years (${field})`;
}

export interface BenchOptions extends Omit<BoardBenchOptions, "budget"> {
  root?: string;
  /** board names; default every boards/*.json */
  boards?: string[];
  budgets?: Record<string, BudgetOverride>;
}

export function readImages(root: string, board: string): BoardImages {
  const dir = path.join(root, "build", board);
  const read = (file: string) => {
    const full = path.join(dir, file);
    if (!fs.existsSync(full)) throw new Error(`${path.relative(process.cwd(), full) || full} is missing: run make build first`);
    return fs.readFileSync(full, "utf8");
  };
  return { readable: read("firmware.js"), minified: read("firmware.min.js") };
}

export function runBench(options: BenchOptions = {}): BenchReport {
  const root = options.root ?? ROOT;
  const boardsDir = path.join(root, "boards");
  const boards = options.boards ? options.boards.map((name) => loadBoard(path.join(boardsDir, name + ".json"))) : loadBoards(boardsDir);
  // the CPU time per callback was measured on one board's image: it is current while that image is unchanged
  const measurement = options.day === false ? undefined : readCpuMeasurement();
  const measured = measurement ? path.join(root, "build", measurement.board, "firmware.min.js") : undefined;
  const measuredImage = measured && fs.existsSync(measured) ? fs.readFileSync(measured, "utf8") : undefined;
  const results = boards.map((board) =>
    benchBoard(board, readImages(root, board.name), {
      ...options,
      budget: options.budgets ? options.budgets[board.name] : undefined,
      cpu: measurement ? cpuTimeFor(board.chip, measurement, measuredImage) : undefined,
    }),
  );
  return { assumptions: ASSUMPTIONS, boards: results, ok: results.every((r) => r.problems.length === 0) };
}

/** The measured figures against the board's budgets: one problem per figure over its budget. */
export function measuredRamProblems(board: ValidatedBoard, measured: MeasuredRam, budget: BudgetOverride = {}): string[] {
  const b = { ...board.budget, ...budget };
  const file = path.relative(process.cwd(), board.file) || board.file;
  const problems: string[] = [];
  if (measured.asleep > b.asleepJsVars) {
    problems.push(`${board.name}: RAM asleep: ${measured.asleep} JsVars on the real interpreter, over the budget of ${b.asleepJsVars} (${file} budget.asleepJsVars)`);
  }
  if (measured.peak > b.peakJsVars) {
    problems.push(`${board.name}: RAM awake: a peak of ${measured.peak} JsVars on the real interpreter (${measured.peakIn}), over the budget of ${b.peakJsVars} (${file} budget.peakJsVars)`);
  }
  return problems;
}

/** Every board's RAM measured on the real interpreter, or why it cannot be; started before the estimates run. */
export function startMeasuringRam(boards: string[]): Promise<MeasuredRam[] | { skipped: string }> {
  const found = findInterpreter();
  if ("missing" in found) return Promise.resolve({ skipped: found.missing });
  return measureRamInChild(boards);
}

const LATENCY_BOARD = "proto-pico";

export function startMeasuringLatency(): Promise<Latency | { skipped: string }> {
  const found = findInterpreter();
  if ("missing" in found) return Promise.resolve({ skipped: found.missing });
  return measureLatencyInChild(LATENCY_BOARD, 3, 2);
}

/** LOCK to the first output: this image's median may not be slower than the baseline's. */
export function addLatency(report: BenchReport, latency: Latency | { skipped: string }): void {
  const r = report.boards.find((b) => b.board === LATENCY_BOARD);
  if (!r) return;
  r.latency = latency;
  if ("image" in latency && median(latency.image) > median(latency.baseline)) {
    r.problems.push(`${r.board}: LOCK to the first output: median ${median(latency.image).toFixed(1)} ms, slower than the ${latency.baselineCommit} image's ${median(latency.baseline).toFixed(1)} ms in the same run`);
  }
  report.ok = report.boards.every((b) => b.problems.length === 0);
}

/** The measured figures into the report, checked against the budgets. */
export function addMeasuredRam(report: BenchReport, measured: MeasuredRam[] | { skipped: string }, root = ROOT): void {
  for (const r of report.boards) {
    if ("skipped" in measured) {
      r.ram.measured = measured;
      continue;
    }
    const board = loadBoard(path.join(root, "boards", r.board + ".json"));
    const m = measured.find((x) => x.board === r.board) as MeasuredRam;
    r.ram.measured = { ...m, budget: { asleep: board.budget.asleepJsVars, peak: board.budget.peakJsVars } };
    r.problems.push(...measuredRamProblems(board, m));
  }
  report.ok = report.boards.every((r) => r.problems.length === 0);
}

// ---- the printed report ----

const s1 = (ms: number) => (ms / 1000).toFixed(1) + " s";
const mah = (n: number) => (n >= 10 ? n.toFixed(1) : n >= 0.1 ? n.toFixed(2) : n.toFixed(3));
const verdict = (ok: boolean) => (ok ? "ok" : "OVER BUDGET");

function durationWords(seconds: number): string {
  const days = seconds / 86400;
  return days >= 365 ? `${days.toFixed(1)} days (${(days / 365.25).toFixed(2)} years)` : `${days.toFixed(1)} days`;
}

function runLengths(ms: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ms.length; ) {
    let j = i;
    while (j < ms.length && ms[j] === ms[i]) j++;
    out.push(`${ms[i] / 1000}${j - i > 1 ? " x" + (j - i) : ""}`);
    i = j;
  }
  return out.join(", ") + " s";
}

/** what each radio setting leaves reachable over the air (docs/security.md) */
const RADIO_WORDS: Record<Exclude<ValidatedBoard["radio"], "none">, string> = {
  off: "no console over the air",
  paired: "the radio console only for bonded devices; pairing only in the window opened at the lock",
  open: "Espruino's defaults: the console is open to anyone in radio range",
};

export function formatBoard(r: BoardBench, power?: ValidatedBoard["power"]): string {
  const lines: string[] = [`${r.board} (${r.chip})${r.radio === "open" ? '  INSECURE: radio "open", anyone in radio range reaches the console (docs/security.md)' : ""}`];
  const row = (label: string, text: string) => lines.push(`  ${label.padEnd(14)} ${text}`);
  const more = (text: string) => lines.push(`  ${"".padEnd(14)} ${text}`);
  if (r.radio !== "none") row("radio", `"${r.radio}": ${RADIO_WORDS[r.radio]}`);
  row("image size", `firmware.js ${r.size.bytes} B; minified ${r.size.minifiedBytes} B of ${r.size.budgetBytes} B  ${verdict(r.size.minifiedBytes <= r.size.budgetBytes)}`);
  const m = r.ram.measured;
  if (m && "skipped" in m) row("RAM (measured)", `not measured: ${m.skipped}`);
  else if (m) {
    row("RAM (measured)", `asleep ${m.asleep} JsVars of ${m.budget.asleep}  ${verdict(m.asleep <= m.budget.asleep)}; awake peak ${m.peak} of ${m.budget.peak}  ${verdict(m.peak <= m.budget.peak)}  (${m.peakIn})`);
    more(`the image's own vars on Espruino 2v29's Linux build (64-bit vars): process.memory().usage less an empty image's (${m.baseline.asleep} at the console, ${m.baseline.peak} inside a pin call)`);
    more(`awake peaks: ${m.peaks.map((p) => `${p.activity} ${p.vars}`).join(", ")}; Latchkey.status() while asleep (a wake-up) ${m.wakeMs.toFixed(1)} ms on this x86`);
  }
  const l = r.latency;
  if (l && "skipped" in l) row("LOCK to output", `not measured: ${l.skipped}`);
  else if (l) {
    const faster = median(l.image) <= median(l.baseline);
    row("LOCK to output", `median ${median(l.image).toFixed(1)} ms (${l.image.join(", ")}), the ${l.baselineCommit} image's ${median(l.baseline).toFixed(1)} ms (${l.baseline.join(", ")})  ${faster ? "ok" : "SLOWER"}`);
    more("one-touch locks on the real interpreter, from LOCK down to the first output, both images in one run");
  }
  const c = r.ram.counts;
  row("RAM (estimate)", `asleep ${r.ram.usage} JsVars (the image's ${r.ram.imageVars} + the interpreter's ${INTERPRETER_BASELINE_VARS}), a cross-check in the chip's layout (${r.ram.layout})`);
  more(`alive after boot: ${c.objects} objects, ${c.arrays} arrays, ${c.functions} functions, ${c.scopes} scopes, ${c.strings} strings, ${c.entries} properties/variables; ${c.watches} watches, ${c.timers} timers`);
  const v = r.ram.vars;
  more(`vars in: functions ${v.functions}, scopes ${v.scopes}, objects ${v.objects}, arrays ${v.arrays}, strings ${v.strings}, timers/watches ${v.runtime}`);
  more(`estimated idle (the lock asleep) after door handing: ${r.ram.state}`);
  const a = r.ram.awake;
  if (a) {
    const limit = Math.floor(a.chipVars * (1 - AWAKE_FREE_SHARE));
    more(`awake, at the peak: ${a.usage} JsVars of the chip's ${a.chipVars} (${a.chipVars - a.usage} free${a.usage > limit ? `: less than ${AWAKE_FREE_SHARE * 100}%, too full` : ""}) at ${a.at}; ${a.samples} moments estimated`);
  }
  if (r.ram.linuxCheck) more(`estimated in the Linux build's layout, to compare with the measured figures: asleep ${r.ram.linuxCheck.asleep}, awake peak ${r.ram.linuxCheck.peak}`);
  if (r.whatIf) row("WHAT-IF", `typed at the console after setting the lock up: ${r.whatIf} (the image does not do it itself)`);
  if (r.days && power) formatDays(r.days, power, r.minBatteryYears, row, more);
  const b = r.bruteForce;
  if (b) {
    row("brute force", `${b.analytic.expectedAttempts} attempts on average at ${b.analytic.secondsPerAttempt} s each: ${durationWords(b.analytic.expectedSeconds)} (worst ${durationWords(b.analytic.worstSeconds)})`);
    more(`lockouts the image gave for ${b.check.attempts} wrong codes in the simulator: ${runLengths(b.check.observedMs)}  ${b.check.matches ? "match the policy" : "DIFFER from the policy: " + runLengths(b.check.expectedMs)}`);
  }
  return lines.join("\n");
}

function options(argv: string[]): { boards?: string[]; json: string; linuxCheck: boolean; interpreter: boolean; whatIf: boolean } | string {
  const boards: string[] = [];
  let json = path.join(ROOT, "build", "bench.json");
  let linuxCheck = false;
  let interpreter = true;
  let whatIf = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--linux-check") linuxCheck = true;
    else if (a === "--no-interpreter") interpreter = false;
    else if (a === "--what-if") whatIf = true;
    else if ((a === "--board" || a === "--json") && argv[i + 1] && !argv[i + 1].startsWith("--")) {
      if (a === "--board") boards.push(argv[++i]);
      else json = path.resolve(argv[++i]);
    } else return `unknown or incomplete option: ${a}`;
  }
  return { boards: boards.length ? boards : undefined, json, linuxCheck, interpreter, whatIf };
}

export async function main(argv: string[]): Promise<number> {
  const opts = options(argv);
  if (typeof opts === "string") {
    console.error(`${opts}\nusage: tsx tools/bench.ts [--board NAME]... [--json FILE] [--no-interpreter] [--linux-check] [--what-if]`);
    return 2;
  }
  let report: BenchReport;
  try {
    const names = opts.boards ?? loadBoards(path.join(ROOT, "boards")).map((b) => b.name);
    const measuring = opts.interpreter ? startMeasuringRam(names) : undefined;
    measuring?.catch(() => {});
    report = runBench({ boards: opts.boards, linuxCheck: opts.linuxCheck, whatIf: opts.whatIf });
    if (measuring) addMeasuredRam(report, await measuring);
    // LOCK to the first output, beside the image before the resident lock, on the reference board: last, with
    // nothing else running, since it is a time
    if (opts.interpreter && names.includes(LATENCY_BOARD)) addLatency(report, await startMeasuringLatency());
  } catch (e) {
    console.error(e instanceof BoardError ? e.message : `bench: ${(e as Error).message}`);
    return 1;
  }
  console.log("Budgets and resilience. RAM is measured on the real interpreter (estimates beside it); power figures are datasheet estimates from the board files.");
  console.log(`Battery life: ${PACK_MAH} mAh (4xAA) over the mAh per day, capped at ${SHELF_LIFE_YEARS} years (${SHELF_LIFE_SOURCE}).`);
  for (const r of report.boards) {
    console.log("");
    console.log(formatBoard(r, loadBoard(path.join(ROOT, "boards", r.board + ".json")).power));
  }
  fs.mkdirSync(path.dirname(opts.json), { recursive: true });
  fs.writeFileSync(opts.json, JSON.stringify(report, null, 2) + "\n");
  console.log(`\nwrote ${path.relative(process.cwd(), opts.json) || opts.json}`);
  const problems = report.boards.flatMap((r) => r.problems);
  if (problems.length) {
    console.error("");
    for (const p of problems) console.error(p);
    console.error(`bench failed: ${problems.length} budget${problems.length === 1 ? "" : "s"} exceeded or check${problems.length === 1 ? "" : "s"} failed`);
    return 1;
  }
  console.log("bench: every budget holds");
  return 0;
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => process.exit(code));
