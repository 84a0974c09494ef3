// The journal keeps the lock's record and its event log in flash (firmware/journal.ts): what a power-up
// loads, what each change writes, how long the log reaches back, and what it never does.
import { strict as assert } from "assert";
import { EventKind, journalEvent, journalSave } from "../../firmware/journal";
import { events, kinds, newLock, record, stepsOf } from "./helpers";

const BOARDS = ["proto-pico", "proto-mdbt42q", "proto-esp32"];

describe("journal: the record", () => {
  BOARDS.forEach((board) => {
    it(`${board}: a new lock loads nothing; what it saves comes back at every power-up`, () => {
      const lock = newLock(board);
      assert.equal(lock.loaded, null);
      assert.equal(journalSave(lock.j, record(1)), true);
      assert.deepEqual(lock.powerUp(), record(1));
      assert.equal(journalSave(lock.j, record(2, 30)), true);
      assert.deepEqual(lock.powerUp(), record(2, 30));
      assert.deepEqual(lock.powerUp(), record(2, 30));
    });
  });

  it("saving the record unchanged writes nothing; a change is one append that reads back", () => {
    const lock = newLock("proto-mdbt42q");
    journalSave(lock.j, record(1));
    assert.equal(stepsOf(lock, () => assert.equal(journalSave(lock.j, record(1)), true)), 0);
    const steps = stepsOf(lock, () => journalSave(lock.j, record(2)));
    assert.ok(steps > 2 && steps < 40, `${steps} word writes`);
  });

  it("a save that does not read back gives false, and the next power-up loads the record before it", () => {
    const lock = newLock("proto-esp32");
    journalSave(lock.j, record(1));
    const write = lock.bf.flash.write;
    lock.bf.flash.write = (data, addr) => write.call(lock.bf.flash, Array.from(data as number[]).map((b, i) => (i === 9 ? b ^ 1 : b)), addr);
    assert.equal(journalSave(lock.j, record(2)), false);
    lock.bf.flash.write = write;
    assert.deepEqual(lock.powerUp(), record(1));
  });

  it("the record lives through the log wrapping round many times without a save", () => {
    for (const board of BOARDS) {
      const lock = newLock(board);
      journalSave(lock.j, record(5, 30));
      for (let i = 0; i < 60000; i++) journalEvent(lock.j, EventKind.LOCK_TOUCH, 0, i);
      assert.ok(lock.j.q > 2 * (lock.j.rn + lock.j.an), `${board}: wrapped`);
      assert.deepEqual(lock.powerUp(), record(5, 30), board);
    }
  });

  it("corrupt flash never throws and never gives a code of the wrong shape", () => {
    const lock = newLock("proto-mdbt42q", 9);
    journalSave(lock.j, record(3, 30));
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let t = 0; t < 200; t++) {
      const unit = lock.j.aa + Math.floor(next() * lock.j.an) * lock.j.ap;
      const at = unit + Math.floor(next() * 64) * 8;
      lock.bf.chip.program(at, [0, 1, 2, 3].map(() => Math.floor(next() * 256)));
      const got = lock.powerUp();
      if (!got) continue;
      for (const c of got.codes) assert.ok(/^[0-9]{4,8}$/.test(c), c);
      assert.ok(got.codes.length <= 30);
      assert.ok(got.master === "" || /^[0-9]{4,8}$/.test(got.master));
    }
  });
});

describe("journal: lockouts cost at most one write", () => {
  it("a lockout is one 8-byte write (its event); the save after it and the end of the lockout write nothing", () => {
    const lock = newLock("proto-esp32");
    const r = record(1);
    journalSave(lock.j, r);
    assert.equal(stepsOf(lock, () => journalEvent(lock.j, EventKind.LOCKOUT, 60000 / 4000, 5)), 2);
    journalEvent(lock.j, EventKind.LOCKOUT, 60000 / 4000, 5);
    r.lockout = { active: true, lastMs: 60000 };
    assert.equal(stepsOf(lock, () => journalSave(lock.j, r)), 0, "the save of the lockout");
    r.lockout = { active: false, lastMs: 60000 };
    assert.equal(stepsOf(lock, () => journalSave(lock.j, r)), 0, "the end of the lockout");
    journalSave(lock.j, r);
    assert.deepEqual(lock.powerUp()?.lockout, { active: true, lastMs: 60000 }, "after a power cut it runs again in full");
  });

  it("an attacker at 960 s: each further lockout writes its event and nothing else", () => {
    const lock = newLock("proto-pico");
    const r = record(1);
    journalSave(lock.j, r);
    for (const ms of [60000, 120000, 240000, 480000, 960000]) journalEvent(lock.j, EventKind.LOCKOUT, ms / 4000, 1000);
    for (let i = 0; i < 5; i++) {
      assert.equal(stepsOf(lock, () => journalEvent(lock.j, EventKind.LOCKOUT, 240, 2000 + i)), 2);
      journalEvent(lock.j, EventKind.LOCKOUT, 240, 2000 + i);
      r.lockout = { active: false, lastMs: 960000 };
      assert.equal(stepsOf(lock, () => journalSave(lock.j, r)), 0);
    }
  });

  it("a valid code resets the escalation with one 8-byte write", () => {
    const lock = newLock("proto-mdbt42q");
    const r = record(1);
    journalSave(lock.j, r);
    journalEvent(lock.j, EventKind.LOCKOUT, 240, 1000);
    r.lockout = { active: false, lastMs: 0 };
    assert.equal(stepsOf(lock, () => journalSave(lock.j, r)), 2);
    journalSave(lock.j, r);
    assert.deepEqual(lock.powerUp()?.lockout, { active: false, lastMs: 0 });
  });

  it("the lockout lives through the log wrapping round many times", () => {
    const lock = newLock("proto-mdbt42q");
    journalSave(lock.j, record(1));
    journalEvent(lock.j, EventKind.LOCKOUT, 120, 1000);
    for (let i = 0; i < 20000; i++) journalEvent(lock.j, EventKind.UNLOCK_KEY, 0, i);
    assert.deepEqual(lock.powerUp()?.lockout, { active: true, lastMs: 480000 });
  });
});

describe("journal: the event log", () => {
  it("events come back oldest first, with the power-up count and the seconds since that power-up", () => {
    const lock = newLock("proto-esp32");
    journalEvent(lock.j, EventKind.UNLOCK_CODE, 3, 12.5);
    journalEvent(lock.j, EventKind.LOCK_AUTO, 0, 42);
    lock.powerUp();
    journalEvent(lock.j, EventKind.JAM, 1, 7);
    assert.deepEqual(events(lock), [
      [EventKind.POWER_UP, 0, 1, 0],
      [EventKind.UNLOCK_CODE, 3, 1, 12],
      [EventKind.LOCK_AUTO, 0, 1, 42],
      [EventKind.POWER_UP, 0, 2, 0],
      [EventKind.JAM, 1, 2, 7],
    ]);
    assert.deepEqual(events(lock, 2), [
      [EventKind.POWER_UP, 0, 2, 0],
      [EventKind.JAM, 1, 2, 7],
    ]);
  });

  it("the power-up count carries on through power-ups whose log has been overwritten", () => {
    const lock = newLock("proto-mdbt42q");
    for (let p = 1; p <= 3; p++) lock.powerUp();
    for (let i = 0; i < 5000; i++) journalEvent(lock.j, EventKind.LOCK_KEY, 0, i);
    lock.powerUp();
    assert.equal(lock.j.p, 5);
  });

  it("a time mark gives the Unix time at the start of its power-up (mod 2^28 s), once, and again when the time is set anew", () => {
    const lock = newLock("proto-pico");
    journalEvent(lock.j, EventKind.TIME, 0, 1767225665 - 65);
    assert.equal(stepsOf(lock, () => journalEvent(lock.j, EventKind.TIME, 0, 1767225670 - 70)), 0, "the same clock: nothing written");
    journalEvent(lock.j, EventKind.TIME, 0, 1767230000 - 80);
    assert.deepEqual(events(lock).filter((e) => e[0] === 0), [
      [0, 0, 1, 1767225600 % 2 ** 28],
      [0, 0, 1, 1767229920 % 2 ** 28],
    ]);
  });

  BOARDS.forEach((board) => {
    it(`${board}: keeps at least 500 events at every moment, however long the lock runs`, () => {
      const lock = newLock(board);
      journalSave(lock.j, record(1, 30));
      let fewest = Infinity;
      let rotations = 0;
      let q = lock.j.q;
      for (let i = 0; rotations < 3 * (lock.j.rn + lock.j.an) + 2; i++) {
        journalEvent(lock.j, EventKind.UNLOCK_CODE, i % 30, i);
        if (lock.j.q !== q) {
          q = lock.j.q;
          rotations++;
          if (rotations > lock.j.rn + lock.j.an) fewest = Math.min(fewest, kinds(lock).length);
        }
      }
      assert.ok(fewest >= 500, `${board}: ${fewest}`);
    });
  });
});

describe("journal: Storage is left alone", () => {
  it("the only Storage write is the arena file at the first power-up: no other file, no compaction, ever", () => {
    for (const board of ["proto-pico", "proto-mdbt42q"]) {
      const lock = newLock(board);
      const stats = lock.bf.storage.stats();
      assert.deepEqual(lock.bf.storage.list(), [".bootcde", "lk.j"]);
      for (let i = 0; i < 30000; i++) {
        if (i % 100 === 0) journalSave(lock.j, record(i));
        journalEvent(lock.j, EventKind.WRONG_CODE, 0, i);
        if (i % 5000 === 0) lock.powerUp();
      }
      assert.deepEqual(lock.bf.storage.stats(), stats, `${board}: no Storage write since`);
      assert.equal(lock.bf.storage.flashWear().compactions, 0);
      assert.equal(lock.bf.storage.read(".bootcde"), lock.bf.storage.read(".bootcde"));
      assert.equal(lock.bf.storage.isValid(), true);
    }
  });

  it("proto-esp32 writes nothing to Storage at all", () => {
    const lock = newLock("proto-esp32");
    journalSave(lock.j, record(1));
    assert.deepEqual(lock.bf.storage.list(), [".bootcde"]);
    assert.deepEqual(Object.keys(lock.bf.storage.stats()), [".bootcde"]);
  });

  it("the arena's pages are whole pages inside the file, after the image", () => {
    const pico = newLock("proto-pico");
    assert.deepEqual([pico.j.aa, pico.j.an, pico.j.rn], [0x0800c000, 1, 1], "Storage's last 16 KB sector and flash sector 7");
    const nrf = newLock("proto-mdbt42q");
    assert.equal(nrf.j.rn, 0);
    assert.ok(nrf.j.an >= 3 && nrf.j.aa > 0x6c000 + 20000, `${nrf.j.an} pages from 0x${nrf.j.aa.toString(16)}`);
  });
});
