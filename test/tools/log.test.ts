// `make log` (tools/log.ts) reads what the lock's Latchkey.log prints (firmware/journal.ts journalLog) and
// prints it as a table: tested together here, through a fake console, and end to end through the espruino
// CLI against the real Linux interpreter over --telnet when ESPRUINO_LINUX is set.
import { strict as assert } from "assert";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { EventKind, journalEvent, journalLog } from "../../firmware/journal";
import { buildJournalImage } from "../../tools/journal/image";
import { espruinoEval, formatLog, parseLog, readLog } from "../../tools/log";
import { newLock } from "../journal/helpers";
import { INTERPRETER } from "../store/real-interpreter";

/** what the espruino CLI shows when the lock answers Latchkey.log(n): its own lines, then the board's */
function fakeConsole(lines: string[]): (expr: string) => Promise<string> {
  return async (expr) => ["Connecting to 'tcp://127.0.0.1:2323'", "Connected", "--] >" + expr, ...lines.map((l) => "--] " + l), "--] =undefined", "--] >"].join("\n");
}

describe("make log: the lock's log as a table", () => {
  it("reads back, oldest first, exactly the events the lock appended", async () => {
    const lock = newLock("proto-esp32");
    journalEvent(lock.j, EventKind.UNLOCK_CODE, 3, 12);
    journalEvent(lock.j, EventKind.LOCKOUT, 240, 3600 + 61);
    lock.powerUp();
    journalEvent(lock.j, EventKind.BATTERY, 1, 86400 + 5);
    const printed: string[] = [];
    journalLog(lock.j, 100, (l) => printed.push(l));
    const events = await readLog(fakeConsole(printed), 100);
    assert.deepEqual(events, [
      { powerUp: 1, seconds: 0, kind: EventKind.POWER_UP, arg: 0 },
      { powerUp: 1, seconds: 12, kind: EventKind.UNLOCK_CODE, arg: 3 },
      { powerUp: 1, seconds: 3661, kind: EventKind.LOCKOUT, arg: 240 },
      { powerUp: 2, seconds: 0, kind: EventKind.POWER_UP, arg: 0 },
      { powerUp: 2, seconds: 86405, kind: EventKind.BATTERY, arg: 1 },
    ]);
    assert.deepEqual(formatLog(events).split("\n"), [
      "power-up  since power-up  wall clock (UTC)  event     detail",
      "1         00:00:00        -                 power-up",
      "1         00:00:12        -                 unlock    code in slot 3",
      "1         01:01:01        -                 lockout   960 s",
      "2         00:00:00        -                 power-up",
      "2         1d 00:00:05     -                 battery   low",
    ]);
  });

  it("a time set during a power-up dates every event of that power-up, those before it too", async () => {
    const lock = newLock("proto-pico");
    journalEvent(lock.j, EventKind.LOCK_AUTO, 0, 100);
    journalEvent(lock.j, EventKind.TIME, 0, 1767225600 - 200); // set at 200 s: 2026-01-01 00:00:00
    journalEvent(lock.j, EventKind.SETTING, 2 * 2 + 1, 300);
    const printed: string[] = [];
    journalLog(lock.j, 10, (l) => printed.push(l));
    const table = formatLog(parseLog(printed.join("\n")), 1767225600 + 3600);
    assert.match(table, /00:01:40 +2025-12-31 23:58:20 +lock +auto-lock/);
    assert.match(table, /00:05:00 +2026-01-01 00:01:40 +setting +audio on/);
  });

  it("skips whatever else the console prints", () => {
    assert.deepEqual(parseLog("[latchkey] locked\n>Latchkey.log(2)\nev 3 4 5\n--] ev 3 10 6 0\n=undefined"), [{ powerUp: 3, seconds: 10, kind: 6, arg: 0 }]);
  });

  (INTERPRETER ? it : it.skip)("end to end: the espruino CLI over --telnet to the Linux interpreter running the journal (ESPRUINO_LINUX)", async function () {
    this.timeout(60000);
    const image = await buildJournalImage(path.join(os.tmpdir(), "lk-journal-log-image"));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lk-log-"));
    const code = path.join(dir, "lock.js");
    fs.writeFileSync(
      code,
      fs.readFileSync(path.join(image.dir, "firmware.js"), "utf8") +
        '\nvar j = LKJ.newJournal({flash: require("Flash"), storage: require("Storage")}, {ss: 0x10000000, se: 0x10040000, ra: 0, rn: 0, rp: 0, ap: 1024});' +
        "\nLKJ.open(j, 0); LKJ.event(j, 1, 3, 12); LKJ.event(j, 7, 240, 30);" +
        "\nvar Latchkey = { log: function (n) { LKJ.log(j, n); } };\n",
    );
    let interpreter: ChildProcess | undefined;
    try {
      interpreter = spawn(INTERPRETER, ["--telnet"], { cwd: dir, stdio: ["pipe", "ignore", "ignore"] });
      await waitForPort(2323);
      const board = path.join(__dirname, "..", "..", "build", "proto-pico", "espruino-board.json");
      assert.ok(fs.existsSync(board), "make build first");
      await runCli(["--no-ble", "-p", "tcp://127.0.0.1:2323", "--board", board, "--storage", ".bootcde:-", code]);
      const events = await readLog((expr) => espruinoEval("proto-pico", "tcp://127.0.0.1:2323", expr), 10);
      assert.deepEqual(events.map((e) => [e.kind, e.arg, e.seconds]), [
        [EventKind.POWER_UP, 0, 0],
        [EventKind.UNLOCK_CODE, 3, 12],
        [EventKind.LOCKOUT, 240, 30],
      ]);
    } finally {
      if (interpreter && interpreter.pid) interpreter.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

function waitForPort(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let tries = 0;
    const attempt = () => {
      const socket = net.connect(port, "127.0.0.1");
      socket.on("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.on("error", () => {
        socket.destroy();
        if (++tries > 50) reject(new Error("no telnet on " + port));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

function runCli(args: string[]): Promise<void> {
  const cli = path.join(__dirname, "..", "..", "node_modules", "espruino", "bin", "espruino-cli.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: "ignore" });
    child.on("error", reject);
    child.on("close", () => resolve());
  });
}
