// Every board's flashed image (build/<board>/firmware.min.js) on the real interpreter: Espruino 2v29's Linux
// build, the image in .bootcde and the board's model in .boot0, as a board runs them at power-up. The boards run
// side by side; each step is checked on every board. Black box: pins, console lines, Latchkey.status().
import { strict as assert } from "assert";
import * as path from "path";
import { loadBoards } from "../../tools/boards/load";
import { ROOT } from "../../tools/interpreter/find";
import { RealBoard } from "../../tools/interpreter/real-board";
import { skipWithoutInterpreter } from "./needs-interpreter";

const BOARDS = loadBoards(path.join(ROOT, "boards")).map((b) => b.name);
const CODE = "1234";

interface LockStatus {
  mode: string;
  locked: boolean;
  handed: boolean;
  codes: number;
  lockedOut: boolean;
}

/** what a person sees and hears from `from` on */
function seen(lock: RealBoard, from: number) {
  return {
    green: lock.flashes("green", from).length,
    red: lock.flashes("red", from).length,
    beeps: lock.beeps(from).length,
    motorRuns: lock.motorRuns(from).length,
  };
}

describe("every board's image on the real interpreter (Espruino 2v29 for Linux, loaded from .bootcde)", function () {
  this.timeout(120000);
  const locks = new Map<string, RealBoard>();

  /** the step on every board at once; a failure names its board */
  async function onEveryBoard(step: (lock: RealBoard) => Promise<void>): Promise<void> {
    const failures: string[] = [];
    await Promise.all(
      BOARDS.map((name) =>
        step(locks.get(name) as RealBoard).catch((e: Error) => {
          failures.push(`${name}: ${e.message}`);
        }),
      ),
    );
    assert.ok(failures.length === 0, failures.join("\n\n"));
  }

  /** press keys, then wait until LEDs, buzzer and motor have been still for a second */
  async function act(lock: RealBoard, keys: string): Promise<ReturnType<typeof seen>> {
    const from = lock.mark();
    await lock.press(keys);
    await lock.quiet();
    return seen(lock, from);
  }

  before(async function () {
    skipWithoutInterpreter(this);
    await Promise.all(BOARDS.map(async (name) => locks.set(name, await RealBoard.start({ board: name }))));
  });

  after(async () => {
    await Promise.all([...locks.values()].map((lock) => lock.stop()));
  });

  it("boots with no Uncaught and no ERROR on the console, and Latchkey.status() answers", () =>
    onEveryBoard(async (lock) => {
      const status = await lock.status<LockStatus>();
      assert.equal(typeof status.mode, "string");
      assert.deepEqual(lock.problems(), []);
    }));

  it("on first power-up door handing runs the bolt both ways and ends retracted: 2 green flashes, 2 beeps", () =>
    onEveryBoard(async (lock) => {
      await lock.quiet();
      const rig = await lock.rig();
      assert.ok(rig.retracted && rig.motor === "off", `bolt at ${rig.bolt}, motor ${rig.motor}`);
      const { motorRuns, ...signals } = seen(lock, 0);
      assert.deepEqual(signals, { green: 2, red: 0, beeps: 2 });
      const ways = new Set(lock.record.filter((e) => e.kind === "bolt").map((e) => e.args[1]));
      assert.ok(motorRuns >= 2 && ways.has("extending") && ways.has("retracting"), `${motorRuns} motor runs: ${[...ways].join(", ")}`);
      assert.equal((await lock.status<LockStatus>()).handed, true);
    }));

  it("Program, then a code and LOCK, adds the code: a green flash and a beep each", () =>
    onEveryBoard(async (lock) => {
      assert.deepEqual(await act(lock, "P"), { green: 1, red: 0, beeps: 1, motorRuns: 0 });
      assert.deepEqual(await act(lock, CODE + "#"), { green: 1, red: 0, beeps: 1, motorRuns: 0 });
      assert.equal((await lock.status<LockStatus>()).codes, 1);
    }));

  it("LOCK alone locks: the bolt extends, then a green flash and a beep", () =>
    onEveryBoard(async (lock) => {
      assert.deepEqual(await act(lock, "#"), { green: 1, red: 0, beeps: 1, motorRuns: 1 });
      assert.equal((await lock.rig()).extended, true);
      assert.equal((await lock.status<LockStatus>()).locked, true);
    }));

  it("the code and LOCK unlock: the bolt retracts, then a green flash and a beep", () =>
    onEveryBoard(async (lock) => {
      assert.deepEqual(await act(lock, CODE + "#"), { green: 1, red: 0, beeps: 1, motorRuns: 1 });
      assert.equal((await lock.rig()).retracted, true);
      assert.equal((await lock.status<LockStatus>()).locked, false);
    }));

  it("three wrong codes give the lockout: a red flash and a beep twice, then 15 red flashes and 15 beeps", () =>
    onEveryBoard(async (lock) => {
      assert.deepEqual(await act(lock, "9999#"), { green: 0, red: 1, beeps: 1, motorRuns: 0 });
      assert.deepEqual(await act(lock, "9999#"), { green: 0, red: 1, beeps: 1, motorRuns: 0 });
      assert.deepEqual(await act(lock, "9999#"), { green: 0, red: 15, beeps: 15, motorRuns: 0 });
      assert.equal((await lock.status<LockStatus>()).lockedOut, true);
    }));

  it("a power cut keeps the code and the lockout: no handing again, and a key during the lockout gives 1 red flash", () =>
    onEveryBoard(async (lock) => {
      await lock.powerCut();
      await lock.powerUp();
      const from = lock.mark();
      await lock.quiet();
      const status = await lock.status<LockStatus>();
      assert.deepEqual([status.codes, status.lockedOut, status.handed], [1, true, true]);
      assert.equal(seen(lock, from).motorRuns, 0);
      const { beeps, ...signals } = await act(lock, "1");
      assert.deepEqual(signals, { green: 0, red: 1, motorRuns: 0 }, `and ${beeps} beeps`);
    }));

  it("nothing went wrong on the way: no Uncaught, no ERROR, no short, nothing the model found", () =>
    onEveryBoard(async (lock) => {
      assert.deepEqual(lock.problems(), []);
    }));
});
