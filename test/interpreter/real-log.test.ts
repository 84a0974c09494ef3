// `make log` end to end: the built proto-pico image on Espruino's Linux build (its flash map over the build's
// flash file: rig/flash.js), serving its console over telnet as a board serves it over USB; the lock is used at
// the keypad, power-cycled, then `make log BOARD=proto-pico PORT=tcp://...` reads its log through the espruino
// CLI and prints the table.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { ROOT } from "../../tools/interpreter/find";
import { RealBoard } from "../../tools/interpreter/real-board";
import { EVENT } from "../../tools/journal/format";
import { espruinoEval, readLog } from "../../tools/log";
import { skipWithoutInterpreter } from "./needs-interpreter";

describe("make log on the real interpreter over telnet (tools/log.ts)", function () {
  this.timeout(120000);
  beforeEach(function () {
    skipWithoutInterpreter(this);
  });

  it("reads back what the lock did, across a power cut, as events and as the table", async () => {
    const lock = await RealBoard.start({ board: "proto-pico", telnet: true });
    try {
      await lock.quiet(); // door handing at the first power-up
      await lock.tap("P");
      await lock.tap("1234#"); // a code in slot 1
      await lock.quiet();
      await lock.tap("9999#"); // a wrong code
      await lock.quiet();
      await lock.powerCut();
      await lock.powerUp();
      await lock.quiet();
      await lock.tap("1234#"); // the door was unlocked: a valid code shows OK, no stroke
      await lock.quiet();
      await lock.tap("#"); // one-touch locking
      await lock.quiet();
      await lock.eval("Latchkey.setTime(1767225600)");
      const port = `tcp://127.0.0.1:${lock.telnetPort}`;
      const events = await readLog((expr) => espruinoEval("proto-pico", port, expr), 50);
      const seen = events.map((e) => [e.powerUp, e.kind, e.arg]);
      assert.deepEqual(seen, [
        [1, EVENT.POWER_UP, 0],
        [1, EVENT.HANDING_OK, 0],
        [1, EVENT.CODE_ADDED, 1],
        [1, EVENT.WRONG_CODE, 0],
        [2, EVENT.POWER_UP, 0],
        [2, EVENT.LOCK_ONE_TOUCH, 0],
        [2, EVENT.TIME, 0],
      ]);
      const make = spawnSync("make", ["--no-print-directory", "log", "BOARD=proto-pico", `PORT=${port}`, "N=20"], { cwd: ROOT, encoding: "utf8", timeout: 60000 });
      assert.equal(make.status, 0, make.stdout + make.stderr);
      assert.match(make.stdout, /^power-up +since power-up +wall clock \(UTC\) +event +detail$/m);
      // the Linux build's clock is the host's: the first power-up's start is known, as after an upload
      assert.match(make.stdout, /^1 +00:00:0\d +\d{4}-\d\d-\d\d \S+ +handing ok +drive A extends$/m);
      assert.match(make.stdout, /^1 +\S+ +\d{4}-\d\d-\d\d \S+ +code added +slot 1$/m);
      // setTime(2026-01-01 00:00:00) a few seconds after power-up 2 dates the events before it too
      assert.match(make.stdout, /^2 +00:00:00 +2025-12-31 23:59:\d\d +power-up$/m);
      assert.match(make.stdout, /^2 +00:00:0\d +2025-12-31 23:59:\d\d +lock +one-touch$/m);
      assert.deepEqual(lock.problems(), []);
    } finally {
      await lock.stop();
    }
  });
});
