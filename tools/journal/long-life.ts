// Ten years of heavy use of the lock's journal (firmware/journal.ts) on a board's flash model, with power
// cuts: at every flash step of every write that erases a page or creates a file (the journal's rotations,
// the arena's creation at the first power-up) and at one step of a random sample of all other writes.
// After each cut the board powers up as Espruino 2v29 does (the Storage check, erase-all if corrupt) and
// the lock opens its journal. Counted: cuts after which the image (.bootcde) is gone; cuts after which
// the lock loads neither the state before the interrupted write nor the state after it; cuts after which
// the lock does not work (no journal, or a save that does not read back). Each must be 0.
//
// The model of use (per day unless said): the owner unlocks with a code 8 times and locks 8 times (half
// one-touch, half auto-lock), turns the key 2 times each way and mistypes 1 code; an attacker stands at the
// keypad all day, every day, entering a wrong code as soon as each lockout ends (3 wrong codes, then
// lockouts of 60, 120, 240, 480, 960 s, then 960 s each), and each of the owner's 8 valid codes resets the
// escalation, so the attacker climbs again: about 112 lockouts and 16 wrong codes a day. Weekly a code is
// added or deleted; monthly a setting changes and the bolt jams once; every 3 months the mastercode is
// set; every 6 months the batteries are changed (low and critical warnings, a power-up, the time set half
// of the times); yearly door handing is redone and all codes are deleted and 6 added again; one factory
// reset in year 5. Years 3 and 7 are quiet: no programming, no battery change (the record then lives only
// in the journal's copies for a year). Run: `npx tsx tools/journal/long-life.ts` (all boards, 10 years) or see --help.
import * as fs from "fs";
import * as path from "path";
import { EventKind, Journal, journalEvent, journalLog, journalOpen, journalSave, newJournal } from "../../firmware/journal";
import type { LockRecord } from "../../firmware/record";
import { BoardFlash, chipOf, createBoardFlash } from "../../sim/espruino/board-flash";
import { CutMode, PowerCut } from "../../sim/espruino/nor-flash";
import { seededRandom } from "../../sim/model/battery";
import { journalConstants } from "./constants";

export interface LongLifeOptions {
  board: string;
  days: number;
  seed: number;
  /** probability that an ordinary write (no erase, no file created) gets one cut at a random step */
  sampleRate: number;
  /** the image in .bootcde (default: build/<board>/firmware.min.js) */
  image?: string;
  /** every how many sampled cuts the lock carries on from what the cut left, instead of from before it */
  keepEvery?: number;
}

export interface LongLifeResult {
  board: string;
  days: number;
  /** the three counts that must be 0 */
  imageGone: number;
  stateLost: number;
  lockBroken: number;
  /** events read back that the lock never appended (must be 0: an event is whole or absent) */
  bogusEvents: number;
  /** cuts injected: at every step of erasing/creating writes, and sampled in the others */
  cutsAtEveryStep: number;
  cutsSampled: number;
  /** cuts the lock carried on from (instead of from the state before the write) */
  keptCuts: number;
  writes: number;
  events: number;
  records: number;
  rotations: number;
  /** most erases of any one page, and per page (address -> count) for the journal's pages */
  maxErases: number;
  erasesPerPage: Record<string, number>;
  /** Storage compactions seen (must stay 0) */
  compactions: number;
  /** fewest events the log held after a rotation once the ring had wrapped (-1: it never wrapped) */
  fewestEventsKept: number;
  failures: string[];
  ms: number;
}

const DAY_MS = 86400000;

/** what the lock holds in RAM, and what flash must give back at a power-up */
interface LockModel {
  rec: LockRecord;
  /** the lockout as flash holds it (a lockout that ends is not written) */
  persisted: { active: boolean; lastMs: number };
  uptimeMs: number;
  wrongInRow: number;
  nextSlot: number;
}

function defaultRecord(): LockRecord {
  return {
    codes: [],
    master: "",
    settings: { autoLock: true, audio: true, oneTouch: true, statusLed: true },
    lockout: { active: false, lastMs: 0 },
    handing: null,
  };
}

function clone(r: LockRecord): LockRecord {
  return JSON.parse(JSON.stringify(r));
}

/** the state a power-up must load: the record with the lockout as persisted (null: a new lock) */
function persistedView(m: LockModel, saved: boolean): string {
  if (!saved) return "null";
  const r = clone(m.rec);
  r.lockout = { active: m.persisted.active, lastMs: m.persisted.lastMs };
  return JSON.stringify(r);
}

export function runLongLife(options: LongLifeOptions): LongLifeResult {
  const started = Date.now();
  const random = seededRandom(options.seed);
  const image =
    options.image !== undefined
      ? options.image
      : fs.readFileSync(path.join(__dirname, "..", "..", "build", options.board, "firmware.min.js"), "latin1");
  const bf: BoardFlash = createBoardFlash(options.board, { image, seed: options.seed });
  const constants = journalConstants(options.board, chipOf(options.board));
  const io = { flash: bf.flash, storage: bf.storage };
  const imageAt = bf.storage.start + 32;
  const imageBytes = bf.chip.read(imageAt, image.length);
  const keepEvery = options.keepEvery || 400;
  const result: LongLifeResult = {
    board: options.board,
    days: options.days,
    imageGone: 0,
    stateLost: 0,
    lockBroken: 0,
    bogusEvents: 0,
    cutsAtEveryStep: 0,
    cutsSampled: 0,
    keptCuts: 0,
    writes: 0,
    events: 0,
    records: 0,
    rotations: 0,
    maxErases: 0,
    erasesPerPage: {},
    compactions: 0,
    fewestEventsKept: Infinity,
    failures: [],
    ms: 0,
  };
  let j: Journal = newJournal(io, constants);
  const m: LockModel = { rec: defaultRecord(), persisted: { active: false, lastMs: 0 }, uptimeMs: 0, wrongInRow: 0, nextSlot: 0 };
  let saved = false;
  let cutCount = 0;
  let logChecks = 0;
  /** every event and time mark ever appended, cut branches included */
  const known = new Set<string>();
  /** true while a write runs for real (not a cut branch): only then are events and records counted */
  let counting = false;

  function fail(kind: string, detail: string): void {
    if (result.failures.length < 20) result.failures.push(`${kind}: day ${Math.floor(dayNow)}: ${detail}`);
  }

  function imageIntact(): boolean {
    return Buffer.compare(Buffer.from(bf.chip.read(imageAt, imageBytes.length)), Buffer.from(imageBytes)) === 0;
  }

  /** Espruino's power-up, then the lock's: Storage check (erase-all if corrupt), journal open */
  function powerUp(): LockRecord | null {
    bf.chip.cancelPowerCut();
    bf.storage.powerOn();
    j = newJournal(io, constants);
    m.uptimeMs = 0;
    const got = journalOpen(j, 0);
    known.add(EventKind.POWER_UP + ",0," + j.p + ",0");
    return got;
  }

  /**
   * One write of the lock (a journal call), with cuts. `op` makes the journal calls and updates the model;
   * it runs once for real at the end. Cut branches run from a checkpoint and are rolled back.
   */
  /** true when the write completed; false when the lock carries on from a cut that stopped it */
  function write(op: () => void, forceEveryStep?: boolean): boolean {
    const before = persistedView(m, saved);
    const modelBefore = JSON.stringify(m);
    const savedBefore = saved;
    const jBefore = { ...j };
    const erases0 = sum(bf.chip.pageErases());
    const files0 = bf.storage.list().length;
    bf.chip.checkpoint();
    const s0 = bf.chip.steps();
    op();
    const steps = bf.chip.steps() - s0;
    const erased = sum(bf.chip.pageErases()) > erases0;
    const created = bf.storage.list().length !== files0;
    const after = persistedView(m, saved);
    const modelAfter = JSON.stringify(m);
    const savedAfter = saved;
    result.writes++;
    result.rotations += sum(bf.chip.pageErases()) - erases0;
    const cuts: Array<[number, CutMode]> = [];
    if (erased || created || forceEveryStep) {
      for (let k = 0; k < steps; k++) cuts.push([k, "torn"], [k, "before"]);
      result.cutsAtEveryStep += cuts.length;
    } else if (steps && random() < options.sampleRate) {
      cuts.push([Math.floor(random() * steps), random() < 0.5 ? "torn" : "before"]);
      result.cutsSampled++;
    }
    const keepAt = erased && random() < 1 / 8 ? Math.floor(random() * steps) : -1;
    for (const [k, mode] of cuts) {
      bf.chip.rollback();
      Object.assign(j, jBefore);
      Object.assign(m, JSON.parse(modelBefore));
      saved = savedBefore;
      bf.chip.cutPowerAt(k, mode);
      try {
        op();
      } catch (e) {
        if (!(e instanceof PowerCut)) throw e;
      }
      const corrupt = !bf.storage.isValid();
      const loaded = powerUp();
      const got = loaded ? JSON.stringify(loaded) : "null";
      const where = `${mode} cut at step ${k} of ${steps}`;
      if (corrupt || !imageIntact()) {
        result.imageGone++;
        fail("image gone", where);
      }
      if (got !== before && got !== after) {
        result.stateLost++;
        fail("state lost", `${where}: loaded ${got}, before ${before}, after ${after}`);
      }
      // after a cut inside a page erase, read the whole log: nothing may come back from the half-erased page
      const tornErase = mode === "torn" && bf.chip.lastCut()?.erase && bf.chip.steps() === s0 + k;
      if (tornErase || (erased && ++logChecks % 16 === 0)) checkLog(where);
      // now and then the lock carries on from what the cut left (torn slots, an unfinished rotation)
      // (one in keepEvery sampled cuts; one cut point of one rotation in 8)
      cutCount++;
      const keep = (cuts.length > 1 ? k === keepAt : cutCount % keepEvery === 0) && (got === before || got === after);
      known.add(EventKind.LOCK_TOUCH + ",0," + j.p + ",1");
      if (!(keep ? j.h >= 0 && journalEvent(j, EventKind.LOCK_TOUCH, 0, 1) : lockWorks())) {
        result.lockBroken++;
        fail("lock broken", where);
      }
      if (keep) {
        bf.chip.endCheckpoint();
        Object.assign(m, JSON.parse(got === after ? modelAfter : modelBefore));
        saved = got === after ? savedAfter : savedBefore;
        m.uptimeMs = 0;
        if (loaded) m.rec.lockout = loaded.lockout;
        result.keptCuts++;
        return false;
      }
    }
    bf.chip.rollback();
    bf.chip.endCheckpoint();
    Object.assign(j, jBefore);
    Object.assign(m, JSON.parse(modelBefore));
    saved = savedBefore;
    counting = true;
    op();
    counting = false;
    if (JSON.stringify(m) !== modelAfter || saved !== savedAfter) throw new Error("long life: a write did not repeat the same way");
    if (erased) {
      cleanPowerUp("after a rotation");
      if (j.q >= j.rn + j.an) {
        // the ring has wrapped: the log now loses its oldest events at each rotation
        let kept = 0;
        journalLog(j, 100000, () => kept++);
        result.fewestEventsKept = Math.min(result.fewestEventsKept, kept);
      }
    }
    return true;
  }

  /** every event and time mark the log gives back must be one the lock appended: whole or absent */
  function checkLog(where: string): void {
    journalLog(j, 1000000, (line) => {
      const [, powerUp, seconds, kind, arg] = line.split(" ");
      if (!known.has(kind + "," + arg + "," + powerUp + "," + seconds)) {
        result.bogusEvents++;
        fail("bogus event", `${where}: ${line}`);
      }
    });
  }

  /** a power-up without a cut, on a copy: it must load exactly what the lock holds */
  function cleanPowerUp(when: string): void {
    const jBefore = { ...j };
    const uptime = m.uptimeMs;
    bf.chip.checkpoint();
    const loaded = powerUp();
    if ((loaded ? JSON.stringify(loaded) : "null") !== persistedView(m, saved)) {
      result.stateLost++;
      fail("state lost", `${when}: loaded ${JSON.stringify(loaded)}, held ${persistedView(m, saved)}`);
    }
    bf.chip.rollback();
    bf.chip.endCheckpoint();
    j = newJournal(io, constants);
    Object.assign(j, jBefore);
    m.uptimeMs = uptime;
  }

  /** after a power-up: the journal is usable, a save reads back and a power-up loads it */
  function lockWorks(): boolean {
    if (j.h < 0) return false;
    const probe = clone(m.rec);
    probe.codes = ["13579", "24680"];
    probe.lockout = { active: false, lastMs: 0 };
    if (!journalSave(j, probe)) return false;
    known.add(EventKind.LOCK_TOUCH + ",0," + j.p + ",1");
    if (!journalEvent(j, EventKind.LOCK_TOUCH, 0, 1)) return false;
    const again = newJournal(io, constants);
    const got = journalOpen(again, 0);
    return !!got && JSON.stringify(got.codes) === JSON.stringify(probe.codes);
  }

  // ---- what the lock does, as journal calls ----
  function save(): void {
    if (journalSave(j, m.rec)) saved = true;
    else fail("save", "journalSave returned false");
    if (counting) result.records++;
  }
  function event(kind: number, arg: number): void {
    known.add(kind + "," + (arg & 255) + "," + j.p + "," + Math.floor(m.uptimeMs / 1000));
    if (!journalEvent(j, kind, arg, m.uptimeMs / 1000)) fail("event", "journalEvent returned false");
    if (counting) result.events++;
  }
  function lockout(ms: number): void {
    const done = write(() => {
      event(EventKind.LOCKOUT, ms / 4000);
      m.rec.lockout = { active: true, lastMs: ms };
      m.persisted = { active: true, lastMs: ms };
    });
    if (!done) return;
    // the lockout ends: the machine saves, the journal writes nothing
    m.rec.lockout = { active: false, lastMs: ms };
    write(() => save());
  }
  function validCode(slot: number): void {
    if (!write(() => event(EventKind.UNLOCK_CODE, slot + 1))) return;
    if (m.rec.lockout.lastMs) {
      write(() => {
        m.rec.lockout = { active: false, lastMs: 0 };
        m.persisted = { active: false, lastMs: 0 };
        save();
      });
    }
  }
  function addCode(): void {
    if (m.rec.codes.length >= 30) return;
    const code = String(10000000 + Math.floor(random() * 89999999)).slice(0, 4 + Math.floor(random() * 5));
    if (m.rec.codes.indexOf(code) >= 0 || code === m.rec.master) return;
    write(() => {
      m.rec.codes.push(code);
      save();
      event(EventKind.CODE_ADDED, m.rec.codes.length);
    });
  }
  function deleteCode(): void {
    if (!m.rec.codes.length) return;
    const at = Math.floor(random() * m.rec.codes.length);
    write(() => {
      m.rec.codes.splice(at, 1);
      save();
      event(EventKind.CODE_DELETED, at + 1);
    });
  }
  function handing(): void {
    const learned = { extend: random() < 0.5 ? "A" : "B", extendMs: 700 + Math.floor(random() * 300), retractMs: 700 + Math.floor(random() * 300) } as const;
    write(() => {
      m.rec.handing = { ...learned };
      save();
      event(EventKind.HANDING_OK, m.rec.handing.extend === "A" ? 0 : 1);
    });
  }
  function batteryChange(setTime: boolean): void {
    write(() => event(EventKind.BATTERY, 1));
    write(() => event(EventKind.BATTERY, 2));
    const got = powerUp();
    if ((got ? JSON.stringify(got) : "null") !== persistedView(m, saved)) {
      result.stateLost++;
      fail("state lost", "at a battery change: " + JSON.stringify(got));
    }
    if (got) m.rec.lockout = got.lockout;
    if (setTime) {
      const unix = 1767225600 + Math.floor(dayNow * 86400);
      const start = (unix - Math.floor(m.uptimeMs / 1000)) % 2 ** 28;
      known.add("0,0," + j.p + "," + start);
      write(() => journalEvent(j, EventKind.TIME, 0, start));
    }
    write(() => event(EventKind.BATTERY, 0));
  }

  // ---- first power-up: the arena is created (cut at every step), the door learned, codes added ----
  let dayNow = 0;
  write(() => {
    j = newJournal(io, constants);
    journalOpen(j, 0);
  }, true);
  handing();
  for (let i = 0; i < 6; i++) addCode();

  const ladder = [60000, 120000, 240000, 480000, 960000];
  for (let day = 0; day < options.days; day++) {
    dayNow = day;
    cleanPowerUp("at the start of a day");
    for (let visit = 0; visit < 8; visit++) {
      // the attacker's climb since the owner's last visit: 2 wrong codes, then lockouts
      write(() => event(EventKind.WRONG_CODE, 0));
      write(() => event(EventKind.WRONG_CODE, 0));
      for (let n = 0; n < 14; n++) lockout(ladder[Math.min(n, 4)]);
      m.uptimeMs += 3 * 3600000 - 1800000;
      if (m.rec.codes.length) validCode(Math.floor(random() * m.rec.codes.length));
      write(() => event(visit % 2 ? EventKind.LOCK_AUTO : EventKind.LOCK_TOUCH, 0));
      m.uptimeMs += 1800000;
    }
    write(() => event(EventKind.WRONG_CODE, 0));
    for (let k = 0; k < 2; k++) {
      write(() => event(EventKind.UNLOCK_KEY, 0));
      write(() => event(EventKind.LOCK_KEY, 0));
    }
    // years 3 and 7 are quiet: nobody programs the lock, so the record is only ever copied by the journal
    const quiet = Math.floor(day / 365) === 2 || Math.floor(day / 365) === 6;
    if (quiet) continue;
    if (day % 7 === 3) (day % 14 === 3 ? addCode : deleteCode)();
    if (day % 30 === 10) {
      const keys: (keyof LockRecord["settings"])[] = ["autoLock", "audio", "oneTouch", "statusLed"];
      const key = keys[Math.floor(random() * 4)];
      const on = !m.rec.settings[key];
      write(() => {
        m.rec.settings[key] = on;
        save();
        event(EventKind.SETTING, (keys.indexOf(key) + 1) * 2 + (on ? 1 : 0));
      });
      write(() => event(EventKind.JAM, 1));
    }
    if (day % 91 === 45) {
      const master = String(Math.floor(random() * 1e8)).padStart(8, "0").slice(0, 4 + Math.floor(random() * 5));
      if (m.rec.codes.indexOf(master) < 0) {
        write(() => {
          m.rec.master = master;
          save();
          event(EventKind.MASTER_SET, 0);
        });
      }
    }
    if (day % 182 === 100) batteryChange(day % 364 === 100);
    if (day % 365 === 200) {
      handing();
      write(() => {
        m.rec.codes = [];
        save();
        event(EventKind.DELETE_ALL, 0);
      });
      for (let i = 0; i < 6; i++) addCode();
    }
    if (day === 5 * 365 + 20) {
      write(() => {
        m.rec = defaultRecord();
        m.persisted = { active: false, lastMs: 0 };
        save();
        event(EventKind.FACTORY_RESET, 0);
      });
      handing();
      for (let i = 0; i < 6; i++) addCode();
    }
  }
  // the end: a last power-up must load exactly what the lock holds
  const last = powerUp();
  if ((last ? JSON.stringify(last) : "null") !== persistedView(m, saved)) {
    result.stateLost++;
    fail("state lost", "at the last power-up");
  }
  for (const [addr, n] of bf.chip.pageErases()) {
    if (n) result.erasesPerPage["0x" + addr.toString(16)] = n;
    result.maxErases = Math.max(result.maxErases, n);
  }
  result.compactions = bf.storage.flashWear().compactions;
  if (result.fewestEventsKept === Infinity) result.fewestEventsKept = -1;
  result.ms = Date.now() - started;
  return result;
}

function sum(map: Map<number, number>): number {
  let n = 0;
  for (const v of map.values()) n += v;
  return n;
}

function main(argv: string[]): number {
  if (argv.includes("--help")) {
    console.log("usage: npx tsx tools/journal/long-life.ts [--board NAME] [--days N] [--sample RATE] [--seed N]");
    return 0;
  }
  const arg = (name: string, fallback: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  const boards = argv.includes("--board") ? [arg("--board", "")] : ["proto-pico", "proto-mdbt42q", "proto-esp32"];
  const days = Number(arg("--days", String(10 * 365)));
  let bad = 0;
  console.log(`long life: ${days} days of heavy use per board, power cuts in the journal's writes (tools/journal/long-life.ts)`);
  console.log("board          image gone  state lost  lock broken  cuts (every step + sampled)  writes     rotations  max erases/page  fewest events kept  time");
  for (const board of boards) {
    const r = runLongLife({ board, days, seed: Number(arg("--seed", "20261206")), sampleRate: Number(arg("--sample", "0.05")) });
    bad += r.imageGone + r.stateLost + r.lockBroken + r.bogusEvents + r.compactions;
    console.log(
      `${board.padEnd(15)}${String(r.imageGone).padStart(10)}  ${String(r.stateLost).padStart(10)}  ${String(r.lockBroken).padStart(11)}  ` +
        `${(r.cutsAtEveryStep + " + " + r.cutsSampled).padStart(27)}  ${String(r.writes).padStart(9)}  ${String(r.rotations).padStart(9)}  ` +
        `${String(r.maxErases).padStart(15)}  ${String(r.fewestEventsKept).padStart(18)}  ${(r.ms / 1000).toFixed(1)} s`,
    );
    const wear = Object.values(r.erasesPerPage);
    console.log(`  erases per page over ${(days / 365).toFixed(1)} years: ${Math.min(...wear)} to ${Math.max(...wear)} on ${wear.length} pages (rated endurance about 10,000)`);
    if (r.compactions) console.log(`  ${r.compactions} Storage compactions`);
    if (r.bogusEvents) console.log(`  ${r.bogusEvents} events read back that were never appended`);
    for (const f of r.failures) console.log("  " + f);
  }
  if (bad) console.log("long life: FAILED (every count must be 0)");
  return bad ? 1 : 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
