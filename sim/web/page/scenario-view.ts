// Scenarios on the bench: loaded from the library or a file, or pasted; run on the real image in virtual time
// with the same runner as `make sim SCENARIO=...` (sim/scenario/runner.ts); each line then marked held (an
// expectation that held), failed (with what was seen), done, or not run.
import type { Simulation } from "../../engine";
import { Line, parseScenario, ScenarioError } from "../../scenario/parse";
import { BoardAndImage, runScenario, RunResult } from "../../scenario/runner";
import { $ } from "./dom";

export type LineState = "held" | "failed" | "done" | "not-run" | "comment" | "error";

/** each line of the text with its state after a run (or a parse error) */
export function markLines(text: string, ran: Set<number>, result: RunResult | undefined, error?: ScenarioError): Array<{ line: number; text: string; state: LineState; why?: string }> {
  const held = new Set(result?.passed.map((l) => l.line));
  return text.split(/\r?\n/).map((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (error && error.line === line) return { line, text: raw, state: "error", why: error.problem };
    if (result?.failure?.line === line) return { line, text: raw, state: "failed", why: result.failure.message };
    if (trimmed === "" || trimmed.startsWith("#")) return { line, text: raw, state: "comment" };
    if (held.has(line)) return { line, text: raw, state: "held" };
    return { line, text: raw, state: ran.has(line) ? "done" : "not-run" };
  });
}

function show(marks: ReturnType<typeof markLines>): void {
  $("scenario-result").replaceChildren(
    ...marks.map((m) => {
      const item = document.createElement("li");
      item.dataset.state = m.state;
      item.dataset.line = String(m.line);
      item.append(`${String(m.line).padStart(3)}  ${m.text}`);
      if (m.why) {
        const why = document.createElement("span");
        why.className = "why";
        why.textContent = m.why;
        item.append(why);
      }
      return item;
    }),
  );
}

export interface ScenarioHost {
  /** the board a scenario without a `board` line runs on */
  boardName(): string;
  /** the board's file and the chosen image, fetched */
  load(name: string): Promise<BoardAndImage>;
  /** the run's lock becomes the lock on the bench */
  adopt(sim: Simulation): void;
}

export async function runOnBench(host: ScenarioHost, text: string, file: string): Promise<void> {
  const summary = $("scenario-summary");
  summary.className = "";
  summary.textContent = "running...";
  let lines: Line[];
  try {
    lines = parseScenario(text, file);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    show(markLines(text, new Set(), undefined, err));
    summary.className = "fail";
    summary.textContent = `error: ${err.message}`;
    return;
  }
  const boardLine = lines.find((l) => l.command.kind === "board");
  const name = boardLine && boardLine.command.kind === "board" ? boardLine.command.name : host.boardName();
  let loaded: BoardAndImage;
  try {
    loaded = await host.load(name);
  } catch (err) {
    summary.className = "fail";
    summary.textContent = `error: ${(err as Error).message}`;
    return;
  }
  // let the page say "running..." before the run takes the thread
  await new Promise((resolve) => setTimeout(resolve, 0));
  const ran = new Set<number>();
  let result: RunResult | undefined;
  let error: ScenarioError | undefined;
  try {
    result = runScenario(lines, { file, defaultBoard: name, resolve: () => loaded, onCommand: (line) => ran.add(line.line) });
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    error = err;
  }
  // board and seed lines set the run up before its lock exists
  if (result) for (const l of lines) if (l.command.kind === "board" || l.command.kind === "seed") ran.add(l.line);
  show(markLines(text, ran, result, error));
  if (result?.sim) host.adopt(result.sim);
  const held = result?.passed.length ?? 0;
  const failed = error ? `error at line ${error.line}: ${error.problem}` : result?.failure ? `FAIL at line ${result.failure.line}` : "";
  summary.className = failed ? "fail" : "pass";
  summary.textContent = failed
    ? `${failed} (${held} held before it; board ${name})`
    : `PASS: ${held} expectation${held === 1 ? "" : "s"} held (board ${name}); the lock is paused where the scenario ended`;
}
