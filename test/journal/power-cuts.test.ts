// A power cut at any flash step of any journal write, torn or clean, on every board: the next power-up
// (Espruino's Storage check, then the journal) finds the image intact, the state from before the write or
// from after it, and a lock whose saves land.
import { strict as assert } from "assert";
import { journalEvent, journalSave } from "../../firmware/journal";
import { BOARDS, cutDuring, events, EVENT, fillHead, IMAGE, newLock, record, stepsOf, TestLock } from "./helpers";

/** what a power-up now would load, found on a copy of the flash */
function wouldLoad(lock: TestLock): string {
  lock.bf.chip.checkpoint();
  const got = JSON.stringify(lock.powerUp());
  lock.bf.chip.rollback();
  lock.bf.chip.endCheckpoint();
  lock.reopen();
  return got;
}

/** cuts `write` at each of its steps, torn and clean, then lets it complete; returns the number of cuts */
function everyCut(lock: TestLock, label: string, write: () => void): number {
  const before = wouldLoad(lock);
  const steps = stepsOf(lock, write);
  lock.bf.chip.checkpoint();
  write();
  const after = JSON.stringify(lock.powerUp());
  let cuts = 0;
  for (let k = 0; k < steps; k++) {
    for (const mode of ["torn", "before"] as const) {
      lock.bf.chip.rollback();
      lock.reopen();
      assert.equal(cutDuring(lock, k, mode, write), true, `${label}: step ${k} is cut`);
      const valid = lock.bf.storage.isValid();
      const got = JSON.stringify(lock.powerUp());
      const where = `${label}: ${mode} cut at step ${k} of ${steps}`;
      assert.ok(valid && lock.bf.storage.read(".bootcde") === IMAGE, `${where}: the image`);
      assert.ok(got === before || got === after, `${where}: loaded ${got}, before ${before}, after ${after}`);
      assert.equal(journalSave(record(77)), true, `${where}: a save lands`);
      assert.deepEqual(lock.powerUp(), record(77), `${where}: and loads`);
      cuts++;
    }
  }
  lock.bf.chip.rollback();
  lock.bf.chip.endCheckpoint();
  lock.reopen();
  write();
  return cuts;
}

describe("journal: a power cut at every step of every kind of write", function () {
  this.timeout(60000);
  BOARDS.forEach((board) => {
    it(`${board}: a save, a lockout, an escalation reset, an event, a time mark, a rotation`, () => {
      const lock = newLock(board, 11);
      const r = record(1, 30);
      everyCut(lock, "the first save", () => journalSave(r));
      const r2 = record(2, 30);
      everyCut(lock, "a full record changed", () => journalSave(r2));
      everyCut(lock, "a lockout", () => journalEvent(EVENT.LOCKOUT, 60, 1000));
      r2.lockout = { active: false, lastMs: 0 };
      everyCut(lock, "an escalation reset", () => journalSave(r2));
      everyCut(lock, "an event", () => journalEvent(EVENT.UNLOCK_CODE, 4, 2000));
      everyCut(lock, "a time mark", () => journalEvent(EVENT.TIME, 1767225600, 0));
      const r3 = record(3, 30);
      r3.lockout = { active: true, lastMs: 120000 };
      everyCut(lock, "a record and a lockout at once", () => journalSave(r3));
      journalEvent(EVENT.LOCKOUT, 960, 4000);
      fillHead(lock);
      const cuts = everyCut(lock, "a rotation", () => journalEvent(EVENT.UNLOCK_KEY, 0, 5000));
      assert.ok(cuts > 40, `${cuts} cuts in the rotation`);
    });
  });

  ["proto-pico", "proto-mdbt42q"].forEach((board) => {
    it(`${board}: the first power-up, which creates the arena file in Storage`, () => {
      // the flash as `make flash` leaves it: only the image
      const clean = newLock(board, 3);
      clean.bf.storage.erase("lk.j");
      clean.bf.storage.compact();
      const snapshot = clean.bf.chip.snapshot();
      let k = 0;
      for (; ; k++) {
        const lock = newLock(board, 3);
        lock.bf.chip.restore(snapshot);
        const cut = cutDuring(lock, k, k % 2 ? "before" : "torn", () => lock.powerUp());
        if (!cut) break;
        assert.equal(lock.bf.storage.isValid(), true, `cut at step ${k}: Storage is valid`);
        lock.powerUp();
        assert.equal(lock.bf.storage.read(".bootcde"), IMAGE, `cut at step ${k}: the image`);
        assert.ok(lock.view().units.length >= 1, `cut at step ${k}: the journal works`);
        assert.equal(journalSave(record(5)), true);
        assert.deepEqual(lock.powerUp(), record(5), `cut at step ${k}`);
      }
      assert.ok(k > 10, `${k} steps`);
    });
  });

  it("proto-pico (two pages): a cut while a rotation copies the record; the next power-up copies it again before the other page can be erased", () => {
    const lock = newLock("proto-pico", 5);
    journalSave(record(9, 30));
    fillHead(lock);
    const seq = lock.view().units.slice(-1)[0].seq;
    // cut inside the copy of the record into the new page: after its header slot, before the copy ends
    assert.equal(cutDuring(lock, 8, "torn", () => journalEvent(EVENT.LOCK_KEY, 0, 9)), true);
    assert.deepEqual(lock.powerUp(), record(9, 30));
    assert.equal(lock.view().units.slice(-1)[0].seq, seq + 1, "the new page is the head");
    fillHead(lock);
    journalEvent(EVENT.LOCK_KEY, 0, 9); // erases the page the record was first in
    assert.deepEqual(lock.powerUp(), record(9, 30));
  });

  it("a rotation zeroes the old page's header before erasing it: after a cut between the two, nothing of that page is read", () => {
    const lock = newLock("proto-esp32", 5);
    for (let i = 0; i < 16 * 500; i++) journalEvent(EVENT.UNLOCK_CODE, 1, i);
    fillHead(lock);
    const oldest = events(lock)[1];
    assert.equal(cutDuring(lock, 1, "before", () => journalEvent(EVENT.LOCK_KEY, 0, 9)), true);
    lock.powerUp();
    const after = events(lock);
    assert.ok(after.length < 16 * 500, "the page's events are gone");
    assert.ok(!after.some((e) => e.seconds === oldest.seconds && e.kind === oldest.kind), "its oldest event is not read");
  });

  it("a new arena is a new journal: the raw unit of an old one is not read with it (a reflash on the Pico)", () => {
    const lock = newLock("proto-pico", 5);
    journalSave(record(4));
    // make flash: lk.j erased, Storage compacted, the image written again
    lock.bf.storage.erase("lk.j");
    lock.bf.storage.compact();
    assert.deepEqual(lock.powerUp().codes, [], "the codes are gone, not the old ones back");
  });
});
