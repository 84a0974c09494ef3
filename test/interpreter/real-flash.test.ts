// `make flash` (tools/flash.ts) end to end against Espruino's Linux build serving its console over telnet, as a
// board serves it over USB: it succeeds only when the image landed and the lock started, and otherwise fails
// saying what went wrong. The cases run side by side, each interpreter on its own port.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { flash, FlashResult } from "../../tools/flash";
import { ROOT } from "../../tools/interpreter/find";
import { freePort, RealBoard } from "../../tools/interpreter/real-board";
import { skipWithoutInterpreter } from "./needs-interpreter";

const BOARD = "proto-pico";
const IMAGE = path.join(ROOT, "build", BOARD, "firmware.min.js");

/** A TCP relay to `port` that drops the `nth` line writing a chunk of .bootcde on its way to the board. */
function relayDroppingChunk(port: number, nth: number): Promise<{ port: number; dropped: () => number; close: () => void }> {
  let chunks = 0;
  let dropped = 0;
  const server = net.createServer((client) => {
    const board = net.connect(port, "127.0.0.1");
    let pending = "";
    client.setEncoding("latin1");
    client.on("data", (data: string) => {
      const lines = (pending + data).split("\n");
      pending = lines.pop() as string;
      for (const line of lines) {
        if (line.includes('.write(".bootcde"') && ++chunks === nth) dropped++;
        else board.write(line + "\n", "latin1");
      }
    });
    board.on("data", (data) => client.write(data));
    client.on("close", () => board.end());
    board.on("close", () => client.end());
    client.on("error", () => board.destroy());
    board.on("error", () => client.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ port: (server.address() as net.AddressInfo).port, dropped: () => dropped, close: () => server.close() }),
    ),
  );
}

describe("make flash on the real interpreter over telnet (tools/flash.ts)", function () {
  this.timeout(120000);
  const boards: RealBoard[] = [];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-flash-test-"));
  let good: Promise<{ result: FlashResult; lock: RealBoard }>;
  let refused: Promise<FlashResult>;
  let lossy: Promise<{ result: FlashResult; dropped: number }>;
  let throwing: Promise<FlashResult>;
  let reflash: Promise<{ result: FlashResult; lock: RealBoard }>;

  /** an interpreter with the board's prelude and no image yet, its console on a port of its own */
  async function emptyBoard(): Promise<RealBoard> {
    const lock = await RealBoard.start({ board: BOARD, imageText: "// no image yet\n", telnet: true });
    boards.push(lock);
    return lock;
  }

  before(function () {
    skipWithoutInterpreter(this);
    good = emptyBoard().then(async (lock) => ({ result: await flash(BOARD, `tcp://127.0.0.1:${lock.telnetPort}`), lock }));
    refused = freePort().then((port) => flash(BOARD, `tcp://127.0.0.1:${port}`));
    lossy = emptyBoard().then(async (lock) => {
      const relay = await relayDroppingChunk(lock.telnetPort, 3);
      try {
        return { result: await flash(BOARD, `tcp://127.0.0.1:${relay.port}`), dropped: relay.dropped() };
      } finally {
        relay.close();
      }
    });
    const bad = path.join(scratch, "throws-at-boot.js");
    fs.writeFileSync(bad, 'console.log("starting");\nthrow new Error("the image fails at boot");\n');
    throwing = emptyBoard().then((lock) => flash(BOARD, `tcp://127.0.0.1:${lock.telnetPort}`, bad));
    // a lock in use: the image running, door handed, a code programmed
    reflash = RealBoard.start({ board: BOARD, telnet: true }).then(async (lock) => {
      boards.push(lock);
      await lock.quiet();
      await lock.tap("P");
      await lock.tap("1234#");
      await lock.quiet();
      return { result: await flash(BOARD, `tcp://127.0.0.1:${lock.telnetPort}`), lock };
    });
    // every case runs now; each test below waits for its own
    for (const p of [good, refused, lossy, throwing, reflash]) p.catch(() => {});
  });

  after(async () => {
    await Promise.all(boards.map((b) => b.stop()));
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("a good flash: .bootcde is the image byte for byte, the lock runs, and it says so with board, size, CRC and status", async () => {
    const { result, lock } = await good;
    assert.ok(result.ok, result.lines.join("\n"));
    const size = fs.statSync(IMAGE).size;
    assert.match(result.lines[0], new RegExp(`^flash: ${BOARD} to tcp://127\\.0\\.0\\.1:\\d+: \\.bootcde is ${size} bytes with CRC32 0x[0-9a-f]{8}, the same as .*firmware\\.min\\.js; the lock started: \\{"mode"`));
    assert.equal(await lock.eval('require("Storage").read(".bootcde").length'), size);
    // byte for byte, 1 KB at a time: the whole image typed as one console line overflows the interpreter's
    // input FIFO (FIFO_FULL, characters lost) whenever it reads slower than telnet sends
    const image = fs.readFileSync(IMAGE, "latin1");
    for (let at = 0; at < image.length; at += 1024) {
      const part = JSON.stringify(image.slice(at, at + 1024));
      assert.equal(await lock.eval(`require("Storage").read(".bootcde",${at},${Math.min(1024, image.length - at)})==${part}`), true, `.bootcde from byte ${at}`);
    }
    assert.deepEqual(lock.problems(), []);
  });

  it("a lock in use: its log is saved here, its journal erased and the tool says so; the new image starts a new journal", async () => {
    const { result, lock } = await reflash;
    assert.ok(result.ok, result.lines.join("\n"));
    const text = result.lines.join("\n");
    const saved = /event log \(\d+ events\) is saved in (\S+\.txt)/.exec(text);
    assert.ok(saved, text);
    const log = fs.readFileSync(path.resolve(saved[1]), "utf8");
    fs.rmSync(path.resolve(saved[1]));
    assert.match(log, /code added +slot 1/);
    assert.match(text, /ERASED the lock's journal in Storage \(lk\.j\): its codes, mastercode, settings, door handing and event log are gone/);
    assert.equal(((await lock.status()) as { codes: number }).codes, 0, "the code is gone");
    const said = lock.lines().filter((l) => /latchkey|Storage|free/i.test(l)).slice(-8).join(" | ");
    assert.deepEqual(await lock.eval('require("Storage").list().sort()'), [".boot0", ".bootcde", "lk.j"], "a new journal file, nothing else: " + said + " free " + (await lock.eval('require("Storage").getFree()')));
    await lock.quiet();
    assert.deepEqual(lock.problems(), []);
  });

  it("nothing listening: it fails, saying it cannot connect", async () => {
    const result = await refused;
    assert.equal(result.ok, false);
    assert.match(result.lines.join("\n"), /FAILED .*cannot connect: .*ECONNREFUSED/);
  });

  it("an upload that loses a chunk on the way: it fails, naming the size and CRC that landed and the image's", async () => {
    const { result, dropped } = await lossy;
    assert.equal(dropped, 1, "the relay dropped one chunk");
    assert.equal(result.ok, false);
    assert.match(result.lines.join("\n"), /what landed is not the image: \.bootcde is \d+ bytes with CRC32 0x[0-9a-f]{8}, .*firmware\.min\.js is \d+ bytes with CRC32 0x[0-9a-f]{8}/);
  });

  it("an image that throws at boot: it fails, quoting the error", async () => {
    const result = await throwing;
    assert.equal(result.ok, false);
    assert.match(result.lines.join("\n"), /Uncaught Error: the image fails at boot/);
  });

  it("an unknown board: it lists the boards there are, and make flash exits non-zero", () => {
    const make = spawnSync("make", ["--no-print-directory", "flash", "BOARD=nope", "PORT=tcp://127.0.0.1:1"], { cwd: ROOT, encoding: "utf8" });
    assert.notEqual(make.status, 0);
    assert.match(make.stderr + make.stdout, /nope.*boards: proto-esp32 proto-mdbt42q proto-pico/);
  });
});
