// `make flash BOARD= PORT=`: writes a board's image to Storage as .bootcde with the espruino CLI, then proves it:
// it reads back the size and E.CRC32 of .bootcde and compares them with the local file, and checks that the lock
// started (Latchkey.status() answers, no Uncaught on the console). It exits 1 saying what failed: no connection,
// an upload error, what landed is not the image, the image failed at boot. (The CLI alone exits 0 on all of these.)
//
// Before the upload, on a board whose journal is the Storage file lk.j (firmware/journal.ts: proto-pico,
// proto-mdbt42q): lk.j fills Storage, so writing a new .bootcde would make Espruino compact Storage and move
// lk.j off its pages; and an old .bootcde left as trash would leave the new image no whole page for it. So the
// tool saves the lock's event log as a table in build/<board>/log-before-flash-<time>.txt, stops the lock (motor
// pins low, every watch and timer cleared), erases .bootcde, lk.j (and lk.a, lk.b of the old record store),
// compacts Storage, and says so when there was a journal: the codes, the settings and the log on the board are
// gone. A journal in a raw region outside Storage (proto-esp32) is left alone and kept.
//
//   npx tsx tools/flash.ts --board proto-pico --port /dev/ttyACM0 [--image FILE]
// PORT: a serial device, tcp://host:port (Espruino's Linux build with --telnet), or a Bluetooth LE address.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadBoards } from "./boards/load";
import { writeEspruinoBoardJson } from "./espruino-board";
import { crc32 } from "./interpreter/storage";
import { formatLog, parseLog } from "./log";

const ROOT = path.resolve(__dirname, "..");
const CLI = path.join(ROOT, "node_modules", "espruino", "bin", "espruino-cli.js");
const CLI_TIMEOUT_MS = 180000;
const MARK = "<<LATCHKEY-FLASH ";
/** printed by the board after the upload: .bootcde's size and CRC, and the lock's status */
const READ_BACK =
  '(function(){var f=require("Storage").read(".bootcde"),s;try{s=Latchkey.status()}catch(e){s="threw "+e}' +
  `print("${MARK}"+JSON.stringify({size:f===undefined?-1:f.length,crc:f===undefined?0:E.CRC32(f),status:s})+">>")})()`;

/** what the board has of a lock's journal in Storage, and whether the running lock answers Latchkey.log */
const JOURNAL_QUERY =
  '(function(){var l=require("Storage").list();' +
  `print("${MARK}"+JSON.stringify({arena:l.indexOf("lk.j")>=0,old:l.indexOf("lk.a")>=0||l.indexOf("lk.b")>=0,log:typeof Latchkey!=="undefined"&&!!Latchkey.log})+">>")})()`;

/**
 * The lock stopped (motor pins low first, every watch and timer cleared: none of its code runs again), the image,
 * the journal's file and the old store's erased, Storage compacted: the new image then lands at the start of
 * Storage, and the journal finds a whole page after it at the first power-up.
 */
function clearStorage(in1: string, in2: string): string {
  return (
    `(function(){digitalWrite([${in1},${in2}],0);clearWatch();clearInterval();clearTimeout();var S=require("Storage");` +
    `[".bootcde","lk.j","lk.a","lk.b"].forEach(function(f){S.erase(f)});S.compact();print("${MARK}"+JSON.stringify({free:S.getFree()})+">>")})()`
  );
}

interface CliRun {
  /** what the board printed (the CLI prefixes its lines with "--] ") */
  device: string[];
  /** the CLI's own lines */
  cli: string[];
  timedOut: boolean;
}

function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let timedOut = false;
    proc.stdout.setEncoding("latin1").on("data", (d: string) => (out += d));
    proc.stderr.setEncoding("latin1").on("data", (d: string) => (out += d));
    const timer = setTimeout(() => {
      timedOut = true;
      proc.kill("SIGKILL");
    }, CLI_TIMEOUT_MS);
    proc.on("close", () => {
      clearTimeout(timer);
      // eslint-disable-next-line no-control-regex
      const lines = out.split("\n").map((l) => l.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").replace(/\r/g, "").trimEnd());
      resolve({
        device: lines.filter((l) => l.startsWith("--] ")).map((l) => l.slice(4).replace(/^>+/, "")),
        cli: lines.filter((l) => l && !l.startsWith("--] ")),
        timedOut,
      });
    });
  });
}

/** the CLI's line saying it could not reach the board */
function noConnection(run: CliRun): string | undefined {
  if (run.timedOut) return `the espruino CLI did not finish within ${CLI_TIMEOUT_MS / 1000} s`;
  return run.cli.find((l) => /Unable to connect|RECEIVE ERROR|not found|No Ports Found|ECONNREFUSED|EHOSTUNREACH|ENOTFOUND|ETIMEDOUT/.test(l));
}

/** the JSON the board printed between the marks, if it did */
function answerOf<T>(run: CliRun): T | undefined {
  const line = run.device.find((l) => l.includes(MARK));
  return line ? (JSON.parse(line.slice(line.indexOf(MARK) + MARK.length, line.lastIndexOf(">>"))) as T) : undefined;
}

const hex = (n: number) => "0x" + (n >>> 0).toString(16).padStart(8, "0");

export interface FlashResult {
  ok: boolean;
  /** what to print: the success line, or one line per problem */
  lines: string[];
}

export async function flash(board: string, port: string, imageFile?: string): Promise<FlashResult> {
  const boards = loadBoards(path.join(ROOT, "boards")).map((b) => b.name);
  if (!boards.includes(board)) {
    return { ok: false, lines: [`flash: unknown board "${board}"; the boards are: ${boards.join(", ")} (boards/*.json)`] };
  }
  const image = imageFile ?? path.join(ROOT, "build", board, "firmware.min.js");
  const shown = path.relative(process.cwd(), image) || image;
  if (!fs.existsSync(image)) return { ok: false, lines: [`flash: ${shown} is missing: run make build (make flash builds it)`] };
  const bytes = fs.readFileSync(image, "latin1");
  const local = { size: bytes.length, crc: crc32(bytes) };
  let boardJson = path.join(ROOT, "build", board, "espruino-board.json");
  if (!fs.existsSync(boardJson)) boardJson = writeEspruinoBoardJson(loadBoards(path.join(ROOT, "boards")).find((b) => b.name === board)!, fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-flash-")));
  const where = ["-p", port, "--board", boardJson];
  if (/^(\/dev\/|tcp:\/\/|COM)/.test(port)) where.unshift("--no-ble");
  const fail = (...why: string[]): FlashResult => ({ ok: false, lines: why.map((w) => `flash: FAILED (${board} to ${port}): ${w}`) });

  // on a board whose journal is a Storage file, that file and the old image go before the upload; the log is
  // kept on this computer
  const notes: string[] = [];
  const validated = loadBoards(path.join(ROOT, "boards")).find((b) => b.name === board)!;
  const query = validated.journal.layout.arena ? await runCli([...where, "-e", JOURNAL_QUERY]) : undefined;
  const queryLost = query && noConnection(query);
  if (queryLost) return fail(`cannot connect: ${queryLost}`);
  const had = query && answerOf<{ arena: boolean; old: boolean; log: boolean }>(query);
  if (had && (had.arena || had.old)) {
    if (had.log) {
      const events = parseLog((await runCli([...where, "-e", "Latchkey.log(100000)"])).device.join("\n"));
      const file = path.join(ROOT, "build", board, `log-before-flash-${new Date().toISOString().replace(/[:.]/g, "-")}.txt`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, formatLog(events) + "\n");
      notes.push(`flash: the lock's event log (${events.length} events) is saved in ${path.relative(process.cwd(), file) || file}`);
    }
    notes.push(
      `flash: ERASED the lock's journal in Storage (lk.j${had.old ? ", and the old record store lk.a/lk.b" : ""}): its codes, mastercode, settings, ` +
        `door handing and event log are gone; program the lock again (run make log before make flash to read the log yourself)`,
    );
  }
  if (query) {
    const motor = validated.wiring.motor;
    const cleared = await runCli([...where, "-e", clearStorage(motor.in1, motor.in2)]);
    if (noConnection(cleared) || !answerOf(cleared)) return fail(`could not clear Storage before the upload: ${cleared.device.slice(-3).join(" | ") || cleared.cli.slice(-2).join(" | ")}`);
  }

  const upload = await runCli([...where, "--storage", ".bootcde:-", image]);
  const uploadLost = noConnection(upload);
  if (uploadLost) return fail(`cannot connect: ${uploadLost}`);
  const uploadError = upload.cli.find((l) => /Prompt not detected|upload failed/i.test(l));
  if (uploadError) return fail(`the upload failed: ${uploadError}`);

  const check = await runCli([...where, "-e", READ_BACK]);
  const checkLost = noConnection(check);
  if (checkLost) return fail(`uploaded, but cannot connect again to read it back: ${checkLost}`);
  const landed = answerOf<{ size: number; crc: number; status: unknown }>(check);
  const problems: string[] = [];
  if (!landed) problems.push(`the board did not answer the read-back of .bootcde (it printed: ${check.device.slice(-3).join(" | ") || "nothing"})`);
  else {
    if (landed.size < 0) problems.push(`.bootcde is not on the board after the upload`);
    else if (landed.size !== local.size || landed.crc >>> 0 !== local.crc) {
      problems.push(
        `what landed is not the image: .bootcde is ${landed.size} bytes with CRC32 ${hex(landed.crc)}, ` +
          `${shown} is ${local.size} bytes with CRC32 ${hex(local.crc)}`,
      );
    }
    if (typeof landed.status === "string" && landed.status.startsWith("threw ")) problems.push(`the lock did not start: Latchkey.status() ${landed.status}`);
    else if (!problems.length) {
      const errors = [...upload.device, ...check.device].filter((l) => /Uncaught|^ERROR/.test(l));
      if (!errors.length) {
        return {
          ok: true,
          lines: [...notes, `flash: ${board} to ${port}: .bootcde is ${local.size} bytes with CRC32 ${hex(local.crc)}, the same as ${shown}; the lock started: ${JSON.stringify(landed.status)}`],
        };
      }
    }
  }
  for (const line of [...upload.device, ...check.device].filter((l) => /Uncaught|^ERROR/.test(l))) problems.push(`the board said: ${line}`);
  return { ok: false, lines: [...notes, ...fail(...problems).lines] };
}

function main(argv: string[]): Promise<number> | number {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const board = value("--board");
  const port = value("--port");
  if (!board || !port) {
    console.error("usage: tsx tools/flash.ts --board NAME --port PORT [--image FILE]");
    return 2;
  }
  return flash(board, port, value("--image")).then((r) => {
    for (const line of r.lines) (r.ok ? console.log : console.error)(line);
    return r.ok ? 0 : 1;
  });
}

if (require.main === module) void Promise.resolve(main(process.argv.slice(2))).then((code) => process.exit(code));
