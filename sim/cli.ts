// The simulator from the command line (`make sim` runs this):
//   npx tsx sim/cli.ts [--board proto-pico] [--scenario file.scn] [--svg out.svg] [--quiet] [--narrate]
//   npx tsx sim/cli.ts --demo
// With a scenario: runs it, exit status 0 only when every expectation holds. Without: the interactive
// terminal view (sim/tui.ts). --demo runs a short scenario and says what a person at the door saw.
import * as fs from "fs";
import * as path from "path";
import { boardFile } from "../tools/boards/find";
import { renderSvg } from "./svg";
import { DEMO_SCENARIO } from "./scenario/demo";
import { narrate } from "./scenario/narrate";
import { ScenarioError } from "./scenario/parse";
import { BoardAndImage, DEFAULT_BOARD, resolveBoard, RunResult, runScenarioText } from "./scenario/run";
import type { Simulation } from "./engine";

interface CliOptions {
  board?: string;
  image?: string;
  scenario?: string;
  svg?: string;
  quiet: boolean;
  demo: boolean;
  narrate: boolean;
}

const USAGE = `usage: npx tsx sim/cli.ts [--board NAME] [--image FILE] [--scenario FILE] [--svg OUT.svg] [--quiet] [--narrate]
       npx tsx sim/cli.ts --demo [--svg OUT.svg]
  --board NAME     boards/NAME.json (default ${DEFAULT_BOARD}); a scenario whose "board" line names another is refused
  --image FILE     run this image instead of build/<board>/firmware.js (e.g. firmware.min.js)
  --scenario FILE  run a scenario (test/scenarios/*.scn); exit 0 only when every expectation holds
  --svg OUT.svg    draw the run's timeline (LEDs, buzzer, motor, bolt, battery, current, keys)
  --quiet          print only the result, not the lock's log
  --narrate        after the run, say what a person at the door saw
  --demo           a short demo on proto-pico, told in plain words
  (no --scenario)  the interactive terminal view of --board (default ${DEFAULT_BOARD})`;

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { quiet: false, demo: false, narrate: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === "--board") options.board = value();
    else if (arg === "--scenario") options.scenario = value();
    else if (arg === "--image") options.image = value();
    else if (arg === "--svg") options.svg = value();
    else if (arg === "--quiet") options.quiet = true;
    else if (arg === "--demo") options.demo = true;
    else if (arg === "--narrate") options.narrate = true;
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument "${arg}"`);
  }
  return options;
}

function logLine(t: number, line: string): void {
  console.log(`  ${(t / 1000).toFixed(3).padStart(9)}s | ${line}`);
}

function writeSvg(sim: Simulation | undefined, file: string | undefined, title: string): void {
  if (!file || !sim) return;
  fs.writeFileSync(file, renderSvg(sim.timeline, { title }));
  console.log(`timeline drawn in ${file}`);
}

/** the board and image to run, saying which (a person must know what ran) */
function load(name: string, image: string | undefined, say: (line: string) => void): BoardAndImage {
  const loaded = image ? resolveBoard(name, undefined, path.resolve(image)) : resolveBoard(name);
  say(`board ${loaded.board.name}: ${loaded.imageName}`);
  return loaded;
}

function runFile(options: CliOptions): number {
  const file = options.scenario as string;
  let result: RunResult;
  let ran = "";
  try {
    const text = fs.readFileSync(file, "utf8");
    result = runScenarioText(text, {
      file,
      requiredBoard: options.board,
      resolve: (name) => load(name, options.image, (line) => {
        ran = name;
        if (!options.quiet) console.log(line);
      }),
      onLog: options.quiet ? undefined : logLine,
      onCommand: options.quiet
        ? undefined
        : (line, sim) => {
            if (line.command.kind === "expect") console.log(`ok ${(sim.now() / 1000).toFixed(3).padStart(9)}s   ${file}:${line.line}  ${line.text}`);
          },
    });
  } catch (err) {
    console.error(err instanceof ScenarioError ? `error: ${err.message}` : `error: ${(err as Error).message}`);
    return 2;
  }
  writeSvg(result.sim, options.svg, file);
  if (options.narrate && result.sim) for (const line of narrate(result.sim.timeline, result.sim.now())) console.log(line);
  if (result.failure) {
    const f = result.failure;
    console.error(`FAIL ${f.file}:${f.line}: ${f.text}\n     ${f.message}\n     (board ${ran})`);
    return 1;
  }
  const n = result.passed.length;
  console.log(`PASS ${file} (board ${ran}): ${n} expectation${n === 1 ? "" : "s"} held`);
  return 0;
}

function runDemo(options: CliOptions): number {
  console.log(`Latchkey demo on ${DEFAULT_BOARD}: the real image in the simulator; what a person at the door sees and hears.`);
  let result: RunResult;
  try {
    const image = options.image;
    result = runScenarioText(DEMO_SCENARIO, {
      file: "demo",
      defaultBoard: DEFAULT_BOARD,
      resolve: (name) => load(name, image, () => undefined),
    });
  } catch (err) {
    console.error(`demo: ${(err as Error).message}`);
    return 1;
  }
  const sim = result.sim;
  if (!sim) return 1;
  for (const line of narrate(sim.timeline, sim.now())) console.log(`  ${line}`);
  writeSvg(sim, options.svg, "Latchkey demo");
  const thrown = result.failure ? [result.failure.message] : [];
  if (thrown.length > 0) {
    console.error(`demo: ${thrown.join("; ")}`);
    return 1;
  }
  return 0;
}

async function main(): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (options.board !== undefined) {
    try {
      boardFile(options.board);
    } catch (err) {
      console.error(`error: ${(err as Error).message}`);
      return 2;
    }
  }
  if (options.demo) return runDemo(options);
  if (options.scenario) return runFile(options);
  const { startTui } = await import("./tui");
  let loaded;
  try {
    loaded = load(options.board ?? DEFAULT_BOARD, options.image, (line) => console.log(line));
  } catch (err) {
    console.error(`error: ${(err as Error).message}`);
    return 2;
  }
  return startTui(loaded, { svg: options.svg });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 2;
  },
);
