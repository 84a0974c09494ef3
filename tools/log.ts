// `make log BOARD=proto-pico PORT=/dev/ttyACM0 [N=500]`: reads the lock's event log off a board through the
// `espruino` CLI (it evaluates `Latchkey.log(N)` at the console) and prints it as a table, oldest first.
// The firmware prints one line per event, newest first (firmware/journal.ts journalLog):
//   ev <power-up count> <seconds since that power-up> <kind> <arg>
// POWER_UP (kind 1) and TIME (kind 0, Latchkey.setTime) print the Unix time at the start of that power-up in
// place of the seconds (0: not known), which dates every event of that power-up, before the mark and after it.
import { spawn } from "child_process";
import * as path from "path";
import { eventText, EVENT, kindName, LoggedEvent, parseLog } from "./journal/format";

export { parseLog };
export type { LoggedEvent };

function duration(s: number): string {
  const d = Math.floor(s / 86400);
  const hms = [Math.floor(s / 3600) % 24, Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, "0")).join(":");
  return d ? `${d}d ${hms}` : hms;
}

/** The events as a table: power-up, time since it, the wall clock where a power-up's start is known, what happened. */
export function formatLog(events: LoggedEvent[]): string {
  const starts = new Map<number, number>();
  for (const e of events) if (e.kind <= EVENT.POWER_UP && e.start) starts.set(e.powerUp, e.start);
  const rows = [["power-up", "since power-up", "wall clock (UTC)", "event", "detail"]];
  for (const e of events) {
    if (e.kind === EVENT.TIME) continue;
    const start = starts.get(e.powerUp);
    const wall = start === undefined ? "-" : new Date((start + e.seconds) * 1000).toISOString().replace("T", " ").slice(0, 19);
    const name = kindName(e.kind);
    rows.push([String(e.powerUp), duration(e.seconds), wall, name, eventText(e.kind, e.arg).slice(name.length + 1)]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd()).join("\n");
}

/** Runs `espruino` with `-e expr` on a board and resolves with what it printed. */
export function espruinoEval(board: string, port: string, expr: string): Promise<string> {
  const root = path.join(__dirname, "..");
  const cli = path.join(root, "node_modules", "espruino", "bin", "espruino-cli.js");
  const direct = port.startsWith("/dev/") || port.startsWith("tcp://") || port.startsWith("COM");
  const args = [cli, ...(direct ? ["--no-ble"] : []), "-p", port, "--board", path.join(root, "build", board, "espruino-board.json"), "-e", expr];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", () => resolve(out));
  });
}

/** Reads the last n events through `run` (the espruino CLI, or a fake console in tests). */
export async function readLog(run: (expr: string) => Promise<string>, n: number): Promise<LoggedEvent[]> {
  return parseLog(await run(`Latchkey.log(${n})`));
}

async function main(argv: string[]): Promise<number> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const board = arg("--board");
  const port = arg("--port");
  const n = Number(arg("--count") || 500);
  if (!board || !port || !(n > 0)) {
    console.error("usage: tsx tools/log.ts --board NAME --port PORT [--count N]   (make log BOARD=... PORT=... [N=...])");
    return 2;
  }
  const events = await readLog((expr) => espruinoEval(board, port, expr), n);
  if (!events.length) {
    console.error(`no events read from ${port}: is the lock's image running there, and does it answer Latchkey.log()?`);
    return 1;
  }
  console.log(formatLog(events));
  return 0;
}

if (require.main === module) main(process.argv.slice(2)).then((code) => process.exit(code));
