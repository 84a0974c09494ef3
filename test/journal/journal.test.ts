// The journal keeps the lock's record and its event log in flash (firmware/journal.ts): what a power-up
// loads, what each change writes, how long the log reaches back, and what it never does.
import { strict as assert } from "assert";
import { journalEvent, journalSave } from "../../firmware/journal";
import { TAG } from "../../tools/journal/format";
import { BOARDS, blank, erases, events, EVENT, fillHead, kinds, newLock, record, stepsOf } from "./helpers";

describe("journal: the record", () => {
  BOARDS.forEach((board) => {
    it(`${board}: a new lock loads the defaults; what it saves comes back at every power-up`, () => {
      const lock = newLock(board);
      assert.deepEqual(lock.loaded, blank());
      assert.equal(journalSave(record(1)), true);
      assert.deepEqual(lock.powerUp(), record(1));
      assert.equal(journalSave(record(2, 30)), true);
      assert.deepEqual(lock.powerUp(), record(2, 30));
      assert.deepEqual(lock.powerUp(), record(2, 30));
    });
  });

  it("empty code slots keep their place", () => {
    const lock = newLock("proto-pico");
    const r = record(5, 6);
    assert.equal(r.codes[1], "");
    journalSave(r);
    assert.deepEqual(lock.powerUp().codes, r.codes);
  });

  it("saving the record unchanged writes nothing; a change is one append that reads back", () => {
    const lock = newLock("proto-mdbt42q");
    journalSave(record(1));
    assert.equal(stepsOf(lock, () => assert.equal(journalSave(record(1)), true)), 0);
    const steps = stepsOf(lock, () => journalSave(record(2)));
    assert.ok(steps > 2 && steps < 40, `${steps} word writes`);
  });

  it("a save that does not read back gives false, and the next power-up loads the record before it", () => {
    const lock = newLock("proto-esp32");
    journalSave(record(1));
    const write = lock.bf.flash.write;
    lock.bf.flash.write = (data, addr) => write.call(lock.bf.flash, Array.from(data as number[]).map((b, i) => (i === 9 ? 0 : b)), addr);
    assert.equal(journalSave(record(2)), false);
    lock.bf.flash.write = write;
    assert.deepEqual(lock.powerUp(), record(1));
  });

  it("the record lives through the log wrapping round many times without a save", () => {
    for (const board of BOARDS) {
      const lock = newLock(board);
      journalSave(record(5, 30));
      const units = lock.view().units.length;
      for (let i = 0; erases(lock) < 2 * units + 2; i++) journalEvent(EVENT.LOCK_ONE_TOUCH, 0, i);
      assert.ok(erases(lock) > 2 * units, `${board}: wrapped`);
      assert.deepEqual(lock.powerUp(), record(5, 30), board);
    }
  });

  it("corrupt flash never throws and never gives a code of the wrong shape", () => {
    const lock = newLock("proto-mdbt42q", 9);
    journalSave(record(3, 30));
    const arena = lock.view().arena;
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let t = 0; t < 200; t++) {
      const unit = arena.addr + Math.floor(next() * arena.units) * lock.layout.arenaPage;
      const at = unit + Math.floor(next() * 64) * 8;
      lock.bf.chip.program(at, [0, 1, 2, 3].map(() => Math.floor(next() * 256)));
      const got = lock.powerUp();
      for (const c of got.codes) assert.ok(c === "" || /^[0-9]{4,8}$/.test(c), c);
      assert.ok(got.codes.length <= 30);
      assert.ok(got.codes.length === 0 || got.codes[got.codes.length - 1] !== "", "no empty slot at the end");
      assert.ok(got.master === "" || /^[0-9]{4,8}$/.test(got.master));
    }
  });
});

describe("journal: lockouts cost at most one write", () => {
  it("a lockout is one 8-byte write (its event); the end of the lockout writes nothing", () => {
    const lock = newLock("proto-esp32");
    const r = record(1);
    journalSave(r);
    assert.equal(stepsOf(lock, () => journalEvent(EVENT.LOCKOUT, 60, 5)), 2);
    journalEvent(EVENT.LOCKOUT, 60, 5);
    r.lockout = { active: true, lastMs: 60000 };
    assert.equal(stepsOf(lock, () => journalSave(r)), 0, "a save of the running lockout");
    r.lockout = { active: false, lastMs: 60000 };
    assert.equal(stepsOf(lock, () => journalSave(r)), 0, "the end of the lockout");
    journalSave(r);
    assert.deepEqual(lock.powerUp().lockout, { active: true, lastMs: 60000 }, "after a power cut it runs again in full");
  });

  it("an attacker at 960 s: each further lockout writes its event and nothing else", () => {
    const lock = newLock("proto-pico");
    const r = record(1);
    journalSave(r);
    for (const s of [60, 120, 240, 480, 960]) journalEvent(EVENT.LOCKOUT, s, 1000);
    for (let i = 0; i < 5; i++) {
      assert.equal(stepsOf(lock, () => journalEvent(EVENT.LOCKOUT, 960, 2000 + i)), 2);
      journalEvent(EVENT.LOCKOUT, 960, 2000 + i);
      r.lockout = { active: false, lastMs: 960000 };
      assert.equal(stepsOf(lock, () => journalSave(r)), 0);
    }
  });

  it("a valid code resets the escalation with one 8-byte write", () => {
    const lock = newLock("proto-mdbt42q");
    const r = record(1);
    journalSave(r);
    journalEvent(EVENT.LOCKOUT, 240, 1000);
    r.lockout = { active: false, lastMs: 0 };
    assert.equal(stepsOf(lock, () => journalSave(r)), 2);
    journalSave(r);
    assert.deepEqual(lock.powerUp().lockout, { active: false, lastMs: 0 });
  });

  it("a change of the record and of the lockout is one append (a factory reset during an escalation)", () => {
    const lock = newLock("proto-pico");
    journalSave(record(2, 30));
    journalEvent(EVENT.LOCKOUT, 480, 1000);
    const reset = blank();
    journalSave(reset);
    const slots = lock.view().units.flatMap((u) => u.slots);
    assert.equal(slots[slots.length - 1].tag, TAG.RECORD, "the record carries the lockout: no LOCKOUT slot after it");
    assert.deepEqual(lock.powerUp(), reset);
  });

  it("the lockout lives through the log wrapping round many times", () => {
    const lock = newLock("proto-mdbt42q");
    journalSave(record(1));
    journalEvent(EVENT.LOCKOUT, 480, 1000);
    for (let i = 0; i < 20000; i++) journalEvent(EVENT.UNLOCK_KEY, 0, i);
    assert.deepEqual(lock.powerUp().lockout, { active: true, lastMs: 480000 });
  });
});

describe("journal: the event log", () => {
  it("events come back oldest first, with the power-up count and the seconds since that power-up", () => {
    const lock = newLock("proto-esp32");
    journalEvent(EVENT.UNLOCK_CODE, 3, 12.5);
    journalEvent(EVENT.LOCK_AUTO, 0, 42);
    lock.powerUp();
    journalEvent(EVENT.JAM, 1, 7);
    const short = (e: { powerUp: number; seconds: number; kind: number; arg: number }) => [e.kind, e.arg, e.powerUp, e.seconds];
    assert.deepEqual(events(lock).map(short), [
      [EVENT.POWER_UP, 0, 1, 0],
      [EVENT.UNLOCK_CODE, 3, 1, 12],
      [EVENT.LOCK_AUTO, 0, 1, 42],
      [EVENT.POWER_UP, 0, 2, 0],
      [EVENT.JAM, 1, 2, 7],
    ]);
    assert.deepEqual(events(lock, 2).map(short), [
      [EVENT.POWER_UP, 0, 2, 0],
      [EVENT.JAM, 1, 2, 7],
    ]);
    assert.deepEqual(lock.view().events.map(short), events(lock).map(short), "the host's reading of the flash agrees");
  });

  it("the power-up count carries on through power-ups whose log has been overwritten", () => {
    const lock = newLock("proto-mdbt42q");
    for (let p = 1; p <= 3; p++) lock.powerUp();
    for (let i = 0; i < 5000; i++) journalEvent(EVENT.LOCK_KEY, 0, i);
    lock.powerUp();
    assert.equal(events(lock, 1)[0].powerUp, 5);
  });

  it("a power-up whose event starts a new unit: the events before it keep their power-up's count and time", () => {
    const lock = newLock("proto-mdbt42q");
    lock.clock = 1767225600;
    lock.powerUp();
    journalEvent(EVENT.UNLOCK_KEY, 0, 30);
    fillHead(lock);
    const before = erases(lock);
    lock.clock = 5;
    lock.powerUp();
    assert.equal(erases(lock), before + 1, "the power-up's event rotated");
    const last = events(lock).slice(-3);
    assert.deepEqual(last.map((e) => [e.kind, e.powerUp]), [[EVENT.LOCK_KEY, 2], [EVENT.LOCK_KEY, 2], [EVENT.POWER_UP, 3]]);
    const view = lock.view();
    assert.deepEqual(view.events.slice(-3).map((e) => [e.kind, e.powerUp]), [[EVENT.LOCK_KEY, 2], [EVENT.LOCK_KEY, 2], [EVENT.POWER_UP, 3]], "the host reads the same");
  });

  it("a power-up with the clock set (the espruino CLI sets it when it uploads) records the wall clock at its start", () => {
    const lock = newLock("proto-pico");
    lock.clock = 1767225600.7;
    lock.powerUp();
    assert.deepEqual(events(lock, 1), [{ powerUp: 2, seconds: 0, kind: EVENT.POWER_UP, arg: 0, start: 1767225600 }]);
    lock.clock = 3; // a power cut resets the clock
    lock.powerUp();
    assert.equal(events(lock, 1)[0].start, 0);
  });

  it("Latchkey.setTime(t) records the Unix time at the start of this power-up", () => {
    const lock = newLock("proto-pico");
    lock.clock = 65;
    journalEvent(EVENT.TIME, 1767225665, 0); // 65 s after power-up
    const time = events(lock).filter((e) => e.kind === EVENT.TIME);
    assert.deepEqual(time, [{ powerUp: 1, seconds: 0, kind: EVENT.TIME, arg: 0, start: 1767225600 }]);
  });

  BOARDS.forEach((board) => {
    it(`${board}: keeps at least 500 events at every moment, however long the lock runs`, () => {
      const lock = newLock(board);
      journalSave(record(1, 30));
      const units = lock.view().units.length;
      let fewest = Infinity;
      let rotations = 0;
      let erased = erases(lock);
      for (let i = 0; rotations < 2 * units + 2; i++) {
        journalEvent(EVENT.UNLOCK_CODE, i % 30, i);
        if (erases(lock) !== erased) {
          erased = erases(lock);
          rotations++;
          if (rotations > units) fewest = Math.min(fewest, kinds(lock).length);
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
        if (i % 100 === 0) journalSave(record(i));
        journalEvent(EVENT.WRONG_CODE, 0, i);
        if (i % 5000 === 0) lock.powerUp();
      }
      assert.deepEqual(lock.bf.storage.stats(), stats, `${board}: no Storage write since`);
      assert.equal(lock.bf.storage.flashWear().compactions, 0);
      assert.equal(lock.bf.storage.isValid(), true);
    }
  });

  it("proto-esp32 writes nothing to Storage at all", () => {
    const lock = newLock("proto-esp32");
    journalSave(record(1));
    assert.deepEqual(lock.bf.storage.list(), [".bootcde"]);
    assert.deepEqual(Object.keys(lock.bf.storage.stats()), [".bootcde"]);
  });

  it("the arena's pages are whole pages inside the file, after the image", () => {
    const pico = newLock("proto-pico");
    assert.deepEqual([pico.view().arena, pico.layout.rawPages], [{ addr: 0x0800c000, units: 1 }, 1], "Storage's last 16 KB sector and flash sector 7");
    const nrf = newLock("proto-mdbt42q").view().arena;
    assert.ok(nrf.units >= 3 && nrf.addr > 0x6c000 + 18000, `${nrf.units} pages from 0x${nrf.addr.toString(16)}`);
  });
});
