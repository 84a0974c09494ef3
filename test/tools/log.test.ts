// `make log` (tools/log.ts) reads what the lock's Latchkey.log prints (firmware/journal.ts journalLog) and
// prints it as a table: the journal and the table together, through a fake console. End to end through the
// espruino CLI against the Linux interpreter: test/interpreter/real-log.test.ts.
import { strict as assert } from "assert";
import { journalEvent } from "../../firmware/journal";
import { formatLog, parseLog, readLog } from "../../tools/log";
import { EVENT, logLines, newLock } from "../journal/helpers";

/** what the espruino CLI shows when the lock answers Latchkey.log(n): its own lines, then the board's */
function fakeConsole(lines: string[]): (expr: string) => Promise<string> {
  return async (expr) => ["Connecting to 'tcp://127.0.0.1:2323'", "Connected", "--] >" + expr, ...lines.map((l) => "--] " + l), "--] =undefined", "--] >"].join("\n");
}

describe("make log: the lock's log as a table", () => {
  it("reads back, oldest first, exactly the events the lock appended", async () => {
    const lock = newLock("proto-esp32");
    journalEvent(EVENT.UNLOCK_CODE, 3, 12);
    journalEvent(EVENT.LOCKOUT, 960, 3600 + 61);
    lock.powerUp();
    journalEvent(EVENT.BATTERY, 1, 86400 + 5);
    const events = await readLog(fakeConsole(logLines(lock, 100)), 100);
    assert.deepEqual(events, [
      { powerUp: 1, seconds: 0, kind: EVENT.POWER_UP, arg: 0, start: 0 },
      { powerUp: 1, seconds: 12, kind: EVENT.UNLOCK_CODE, arg: 3 },
      { powerUp: 1, seconds: 3661, kind: EVENT.LOCKOUT, arg: 960 },
      { powerUp: 2, seconds: 0, kind: EVENT.POWER_UP, arg: 0, start: 0 },
      { powerUp: 2, seconds: 86405, kind: EVENT.BATTERY, arg: 1 },
    ]);
    assert.deepEqual(formatLog(events).split("\n"), [
      "power-up  since power-up  wall clock (UTC)  event     detail",
      "1         00:00:00        -                 power-up",
      "1         00:00:12        -                 unlock    slot 3",
      "1         01:01:01        -                 lockout   960 s",
      "2         00:00:00        -                 power-up",
      "2         1d 00:00:05     -                 battery   low",
    ]);
  });

  it("a time set during a power-up dates every event of that power-up, those before it too", async () => {
    const lock = newLock("proto-pico");
    journalEvent(EVENT.LOCK_AUTO, 0, 100);
    lock.clock = 200;
    journalEvent(EVENT.TIME, 1767225600, 0); // set at 200 s: 2026-01-01 00:00:00
    journalEvent(EVENT.SETTING, 2 * 2 + 1, 300);
    const table = formatLog(parseLog(logLines(lock, 10).join("\n")));
    assert.match(table, /00:01:40 +2025-12-31 23:58:20 +lock +auto-lock/);
    assert.match(table, /00:05:00 +2026-01-01 00:01:40 +setting +audio on/);
  });

  it("never prints a code or a mastercode: an event's detail is a slot number at most", async () => {
    const lock = newLock("proto-pico");
    journalEvent(EVENT.CODE_ADDED, 1, 10);
    journalEvent(EVENT.MASTER_SET, 0, 20);
    journalEvent(EVENT.UNLOCK_CODE, 1, 30);
    const text = logLines(lock, 10).join("\n");
    assert.ok(!/\d{4,8}\D*$/m.test(text.replace(/^ev \d+ \d+ \d+ \d+$/gm, "")), text);
    for (const line of text.split("\n")) assert.match(line, /^ev \d+ \d+ \d+ \d{1,3}$/);
  });

  it("skips whatever else the console prints", () => {
    assert.deepEqual(parseLog("[latchkey] locked\n>Latchkey.log(2)\nev 3 4 5\n--] ev 3 10 6 0\n=undefined"), [{ powerUp: 3, seconds: 10, kind: 6, arg: 0 }]);
  });
});
