// `make flash BOARD= PORT=`: writes a board's image to Storage as .bootcde with the espruino CLI, then proves it:
// it reads back the size and E.CRC32 of .bootcde and compares them with the local file, and checks that the lock
// started (Latchkey.status() answers, no Uncaught on the console). It exits 1 saying what failed: no connection,
// an upload error, what landed is not the image, the image failed at boot. (The CLI alone exits 0 on all of these.)
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

const ROOT = path.resolve(__dirname, "..");
const CLI = path.join(ROOT, "node_modules", "espruino", "bin", "espruino-cli.js");
const CLI_TIMEOUT_MS = 180000;
const MARK = "<<LATCHKEY-FLASH ";
/** printed by the board after the upload: .bootcde's size and CRC, and the lock's status */
const READ_BACK =
  '(function(){var f=require("Storage").read(".bootcde"),s;try{s=Latchkey.status()}catch(e){s="threw "+e}' +
  `print("${MARK}"+JSON.stringify({size:f===undefined?-1:f.length,crc:f===undefined?0:E.CRC32(f),status:s})+">>")})()`;

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

  const upload = await runCli([...where, "--storage", ".bootcde:-", image]);
  const uploadLost = noConnection(upload);
  if (uploadLost) return fail(`cannot connect: ${uploadLost}`);
  const uploadError = upload.cli.find((l) => /Prompt not detected|upload failed/i.test(l));
  if (uploadError) return fail(`the upload failed: ${uploadError}`);

  const check = await runCli([...where, "-e", READ_BACK]);
  const checkLost = noConnection(check);
  if (checkLost) return fail(`uploaded, but cannot connect again to read it back: ${checkLost}`);
  const answer = check.device.find((l) => l.includes(MARK));
  const problems: string[] = [];
  if (!answer) problems.push(`the board did not answer the read-back of .bootcde (it printed: ${check.device.slice(-3).join(" | ") || "nothing"})`);
  else {
    const landed = JSON.parse(answer.slice(answer.indexOf(MARK) + MARK.length, answer.lastIndexOf(">>"))) as { size: number; crc: number; status: unknown };
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
          lines: [`flash: ${board} to ${port}: .bootcde is ${local.size} bytes with CRC32 ${hex(local.crc)}, the same as ${shown}; the lock started: ${JSON.stringify(landed.status)}`],
        };
      }
    }
  }
  for (const line of [...upload.device, ...check.device].filter((l) => /Uncaught|^ERROR/.test(l))) problems.push(`the board said: ${line}`);
  return fail(...problems);
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
