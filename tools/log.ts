// `make log BOARD=proto-pico PORT=/dev/ttyACM0 [N=500]`: reads the lock's event log off a board through the
// `espruino` CLI (it evaluates `Latchkey.log(N)` at the console) and prints it as a table, oldest first.
// The firmware prints one line per event, newest first (firmware/journal.ts journalLog):
//   ev <power-up count> <seconds since that power-up> <kind> <arg>
// kind 0 is a time mark: its seconds are the Unix time (mod 2^28) at the start of that power-up, which
// dates every event of that power-up, before the mark and after it.
import { spawn } from "child_process";
import * as path from "path";

export interface LoggedEvent {
  powerUp: number;
  seconds: number;
  kind: number;
  arg: number;
}

/** kind -> what happened, and how its arg reads */
const KINDS: Array<[string, (arg: number) => string]> = [
  ["time set", () => ""],
  ["unlock", (a) => `code in slot ${a}`],
  ["unlock", () => "key or thumbturn"],
  ["lock", () => "one-touch"],
  ["lock", () => "auto-lock"],
  ["lock", () => "key or thumbturn"],
  ["wrong code", () => ""],
  ["lockout", (a) => `${a * 4} s`],
  ["jam", (a) => (a ? "while locking" : "while unlocking")],
  ["door handing", (a) => `ok: drive ${a ? "B" : "A"} extends`],
  ["door handing", () => "failed"],
  ["battery", (a) => ["ok", "low", "critical", "dead"][a] || String(a)],
  ["code added", (a) => `slot ${a}`],
  ["code deleted", (a) => `slot ${a}`],
  ["setting", (a) => `${["", "auto-lock", "audio", "one-touch locking", "status LED"][a >> 1] || a >> 1} ${a & 1 ? "on" : "off"}`],
  ["mastercode set", () => ""],
  ["all codes deleted", () => ""],
  ["factory reset", () => ""],
  ["power-up", () => ""],
];

/** The events in the console output, oldest first; lines that are not events (echo, prompt, logs) are skipped. */
export function parseLog(output: string): LoggedEvent[] {
  const events: LoggedEvent[] = [];
  for (const line of output.split("\n")) {
    // the CLI prefixes what the board prints ("--] "), the console may add a prompt (">")
    const m = /(?:^|[\s>])ev (\d+) (\d+) (\d+) (\d+)\s*$/.exec(line);
    if (m) events.unshift({ powerUp: +m[1], seconds: +m[2], kind: +m[3], arg: +m[4] });
  }
  return events;
}

function duration(s: number): string {
  const d = Math.floor(s / 86400);
  const hms = [Math.floor(s / 3600) % 24, Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, "0")).join(":");
  return d ? `${d}d ${hms}` : hms;
}

/** The events as a table. nowUnix (default: now) resolves the time marks' 2^28 s wrap. */
export function formatLog(events: LoggedEvent[], nowUnix = Math.floor(Date.now() / 1000)): string {
  const starts = new Map<number, number>();
  for (const e of events) {
    if (e.kind !== 0) continue;
    let start = e.seconds;
    while (start + 2 ** 28 <= nowUnix) start += 2 ** 28;
    starts.set(e.powerUp, start);
  }
  const rows = [["power-up", "since power-up", "wall clock (UTC)", "event", "detail"]];
  for (const e of events) {
    if (e.kind === 0) continue;
    const start = starts.get(e.powerUp);
    const wall = start === undefined ? "-" : new Date((start + e.seconds) * 1000).toISOString().replace("T", " ").slice(0, 19);
    const [name, detail] = KINDS[e.kind] || [`kind ${e.kind}`, () => `arg ${e.arg}`];
    rows.push([String(e.powerUp), duration(e.seconds), wall, name, detail(e.arg)]);
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
