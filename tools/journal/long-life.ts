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
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { journalEvent, journalLoad, journalLog, journalSave } from "../../firmware/journal";
import type { LockRecord } from "../../firmware/record";
import type { BoardFlash } from "../../sim/espruino/board-flash";
import { createBoardFlash } from "../../sim/espruino/board-flash";
import { CutMode, PowerCut } from "../../sim/espruino/nor-flash";
import { seededRandom } from "../../sim/model/battery";
import { loadBoard } from "../boards/load";
import { EVENT as EventKind } from "./format";
import { readJournal } from "./read";

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
  return { codes: [], master: "", settings: 15, lockout: { active: false, lastMs: 0 }, handing: null };
}

function clone(r: LockRecord): LockRecord {
  return JSON.parse(JSON.stringify(r));
}

/** the state a power-up must load: the record with the lockout as persisted (a new lock: the defaults) */
function persistedView(m: LockModel, saved: boolean): string {
  const r = saved ? clone(m.rec) : newLockRecord(m);
  r.lockout = { active: m.persisted.active, lastMs: m.persisted.lastMs };
  return JSON.stringify(r);
}

/** what a lock that has saved nothing loads: the firmware's defaults, with the lockout its events persisted */
function newLockRecord(m: LockModel): LockRecord {
  const g = globalThis as unknown as { CFG?: { defaults: Record<string, boolean> } };
  const d = g.CFG ? g.CFG.defaults : { autoLock: false, audio: true, oneTouch: true, statusLed: false };
  return { codes: [], master: "", settings: (d.autoLock ? 1 : 0) | (d.audio ? 2 : 0) | (d.oneTouch ? 4 : 0) | (d.statusLed ? 8 : 0), lockout: m.persisted, handing: null };
}

export function runLongLife(options: LongLifeOptions): LongLifeResult {
  const started = Date.now();
  const random = seededRandom(options.seed);
  const image =
    options.image !== undefined
      ? options.image
      : fs.readFileSync(path.join(__dirname, "..", "..", "build", options.board, "firmware.min.js"), "latin1");
  const board = loadBoard(path.join(__dirname, "..", "..", "boards", options.board + ".json"));
  const bf: BoardFlash = createBoardFlash(board.chip, board.journal.layout, { image, seed: options.seed });
  const constants = board.journal.constants;
  // the firmware's journal reads these as the image does (BOARD.journal literals, CFG, getTime, print)
  const g = globalThis as unknown as { BOARD: unknown; CFG: unknown; getTime: () => number; print: (...a: unknown[]) => void };
  const globals0 = { BOARD: g.BOARD, CFG: g.CFG, getTime: g.getTime, print: g.print };
  g.BOARD = { journal: constants };
  g.CFG = board.config;
  g.getTime = () => 0;
  // page erases and Storage writes the journal makes, counted as they are made (cheaper than the chip's map)
  let pageErases = 0;
  let storageWrites = 0;
  const erasePage = bf.flash.erasePage;
  bf.flash.erasePage = (addr: number) => {
    pageErases++;
    erasePage.call(bf.flash, addr);
  };
  const storageWrite = bf.storage.write;
  bf.storage.write = ((...args: Parameters<typeof storageWrite>) => {
    storageWrites++;
    return storageWrite.apply(bf.storage, args);
  }) as typeof storageWrite;
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
  const m: LockModel = { rec: defaultRecord(), persisted: { active: false, lastMs: 0 }, uptimeMs: 0, wrongInRow: 0, nextSlot: 0 };
  let saved = false;
  let cutCount = 0;
  let logChecks = 0;
  let rotationsSeen = 0;
  let dayNow = 0;
  /** the power-up count, as the journal gave it at the last power-up */
  let count = 0;
  /** every event ever appended, cut branches included: "kind,arg,power-up,seconds" */
  const known = new Set<string>();
  /** true while a write runs for real (not a cut branch): only then are events and records counted */
  let counting = false;

  function fail(kind: string, detail: string): void {
    if (result.failures.length < 20) result.failures.push(`${kind}: day ${Math.floor(dayNow)}: ${detail}`);
  }

  function imageIntact(): boolean {
    return Buffer.compare(Buffer.from(bf.chip.read(imageAt, imageBytes.length)), Buffer.from(imageBytes)) === 0;
  }

  /** what Latchkey.log(n) prints, each line as the event it names ("kind,arg,power-up,seconds" for the keys) */
  function logged(n: number): Array<{ kind: number; arg: number; powerUp: number; seconds: number }> {
    const out: Array<{ kind: number; arg: number; powerUp: number; seconds: number }> = [];
    // print("ev", power-up, c, kind, a): TIME and POWER_UP carry their start time in c and their count in a
    g.print = (_ev: unknown, p: unknown, c: unknown, kind: unknown, a: unknown) =>
      out.push((kind as number) <= EventKind.POWER_UP ? { kind: kind as number, arg: 0, powerUp: p as number, seconds: 0 } : { kind: kind as number, arg: a as number, powerUp: p as number, seconds: c as number });
    try {
      journalLog(n);
    } finally {
      g.print = globals0.print;
    }
    return out;
  }

  /** the journal's state read again from flash (after the flash was rolled back) */
  function reopen(): void {
    journalLoad(bf.flash, bf.storage);
  }

  /** Espruino's power-up, then the lock's: Storage check (erase-all if corrupt), journal open, power-up event */
  function powerUp(): LockRecord {
    bf.storage.powerOn();
    m.uptimeMs = 0;
    const got = journalLoad(bf.flash, bf.storage);
    journalEvent(EventKind.POWER_UP, 0, 0);
    const last = logged(1)[0];
    count = last && last.kind === EventKind.POWER_UP ? last.powerUp : -1;
    known.add(EventKind.POWER_UP + ",0," + count + ",0");
    return got;
  }

  /** after a rotation: a clean power-up; once the ring has wrapped, how many events the log still holds (at every 4th) */
  function afterRotation(): void {
    cleanPowerUp("after a rotation");
    if (++rotationsSeen % 4) return;
    const view = readJournal((n, a) => bf.chip.read(a, n), constants);
    if (view.units.length === constants.rawPages + view.arena.units) {
      result.fewestEventsKept = Math.min(result.fewestEventsKept, view.events.filter((e) => e.kind !== EventKind.TIME).length);
    }
  }

  /**
   * One write of the lock (journal calls), with cuts. `op` makes the journal calls and updates the model; it
   * runs for real first. When cuts are due, each runs from the flash and model before the write, and at the
   * end the write runs again for real. True when the write completed; false when the lock carries on from a
   * cut that stopped it.
   */
  function write(op: () => void, forceEveryStep?: boolean): boolean {
    const before = persistedView(m, saved);
    const modelBefore = JSON.stringify(m);
    const savedBefore = saved;
    const count0 = count;
    const erases0 = pageErases;
    const files0 = storageWrites;
    bf.chip.checkpoint();
    const s0 = bf.chip.steps();
    counting = true;
    op();
    counting = false;
    const steps = bf.chip.steps() - s0;
    const erased = pageErases > erases0;
    const created = storageWrites !== files0;
    const after = persistedView(m, saved);
    const modelAfter = JSON.stringify(m);
    const savedAfter = saved;
    result.writes++;
    result.rotations += pageErases - erases0;
    const cuts: Array<[number, CutMode]> = [];
    if (erased || created || forceEveryStep) {
      for (let k = 0; k < steps; k++) cuts.push([k, "torn"], [k, "before"]);
      result.cutsAtEveryStep += cuts.length;
    } else if (steps && random() < options.sampleRate) {
      cuts.push([Math.floor(random() * steps), random() < 0.5 ? "torn" : "before"]);
      result.cutsSampled++;
    }
    if (!cuts.length) {
      bf.chip.endCheckpoint();
      if (erased) afterRotation();
      return true;
    }
    const keepAt = erased && random() < 1 / 8 ? Math.floor(random() * steps) : -1;
    for (const [k, mode] of cuts) {
      bf.chip.rollback();
      Object.assign(m, JSON.parse(modelBefore));
      saved = savedBefore;
      count = count0;
      reopen();
      bf.chip.cutPowerAt(k, mode);
      try {
        op();
      } catch (e) {
        if (!(e instanceof PowerCut)) throw e;
      }
      bf.chip.cancelPowerCut();
      const corrupt = !bf.storage.isValid();
      const loaded = powerUp();
      const got = JSON.stringify(loaded);
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
      if (tornErase || (erased && ++logChecks % 64 === 0)) checkLog(where);
      // now and then the lock carries on from what the cut left (torn slots, an unfinished rotation)
      // (one in keepEvery sampled cuts; one cut point of one rotation in 8)
      cutCount++;
      const keep = (cuts.length > 1 ? k === keepAt : cutCount % keepEvery === 0) && (got === before || got === after);
      if (!(keep ? appends() : lockWorks())) {
        result.lockBroken++;
        fail("lock broken", where);
      }
      if (keep) {
        bf.chip.endCheckpoint();
        Object.assign(m, JSON.parse(got === after ? modelAfter : modelBefore));
        saved = got === after ? savedAfter : savedBefore;
        m.uptimeMs = 1000;
        m.rec.lockout = loaded.lockout;
        result.keptCuts++;
        return false;
      }
    }
    bf.chip.rollback();
    bf.chip.endCheckpoint();
    Object.assign(m, JSON.parse(modelBefore));
    saved = savedBefore;
    count = count0;
    reopen();
    op();
    if (JSON.stringify(m) !== modelAfter || saved !== savedAfter) throw new Error("long life: a write did not repeat the same way");
    if (erased) afterRotation();
    return true;
  }

  /** every event the log gives back must be one the lock appended: whole or absent */
  function checkLog(where: string): void {
    for (const e of logged(1000000)) {
      if (!known.has(e.kind + "," + e.arg + "," + e.powerUp + "," + e.seconds)) {
        result.bogusEvents++;
        fail("bogus event", `${where}: ${JSON.stringify(e)}`);
      }
    }
  }

  /** a power-up without a cut, on a copy: it must load exactly what the lock holds */
  function cleanPowerUp(when: string): void {
    const uptime = m.uptimeMs;
    const count0 = count;
    bf.chip.checkpoint();
    const loaded = powerUp();
    if (JSON.stringify(loaded) !== persistedView(m, saved)) {
      result.stateLost++;
      fail("state lost", `${when}: loaded ${JSON.stringify(loaded)}, held ${persistedView(m, saved)}`);
    }
    bf.chip.rollback();
    bf.chip.endCheckpoint();
    reopen();
    m.uptimeMs = uptime;
    count = count0;
  }

  /** the journal takes an event (the lock carries on after a cut) */
  function appends(): boolean {
    const before = bf.chip.steps();
    known.add(EventKind.LOCK_ONE_TOUCH + ",0," + count + ",1");
    journalEvent(EventKind.LOCK_ONE_TOUCH, 0, 1);
    const last = logged(1)[0];
    return bf.chip.steps() > before && !!last && last.kind === EventKind.LOCK_ONE_TOUCH && last.powerUp === count;
  }

  /** after a power-up: a save reads back, an event is appended, and a power-up loads the save */
  function lockWorks(): boolean {
    const probe = clone(m.rec);
    probe.codes = ["13579", "24680"];
    probe.lockout = { active: false, lastMs: 0 };
    if (!journalSave(probe) || !appends()) return false;
    const got = powerUp();
    return JSON.stringify(got.codes) === JSON.stringify(probe.codes);
  }

  // ---- what the lock does, as journal calls ----
  function save(): void {
    if (journalSave(m.rec)) saved = true;
    else fail("save", "journalSave returned false");
    if (counting) result.records++;
  }
  function event(kind: number, arg: number): void {
    known.add(kind + "," + arg + "," + count + "," + Math.floor(m.uptimeMs / 1000));
    journalEvent(kind, arg, Math.floor(m.uptimeMs / 1000));
    if (counting) result.events++;
  }
  function lockout(seconds: number): void {
    // one write: the LOCKOUT event persists the lockout (the machine saves nothing for it)
    const done = write(() => {
      event(EventKind.LOCKOUT, seconds);
      m.rec.lockout = { active: true, lastMs: seconds * 1000 };
      m.persisted = { active: true, lastMs: seconds * 1000 };
    });
    if (!done) return;
    // the lockout ends: nothing is written; a later save of the record must not write it either
    m.rec.lockout = { active: false, lastMs: seconds * 1000 };
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
      let at = m.rec.codes.indexOf("");
      if (at < 0) at = m.rec.codes.length;
      m.rec.codes[at] = code;
      save();
      event(EventKind.CODE_ADDED, at + 1);
    });
  }
  function deleteCode(): void {
    const used = m.rec.codes.filter((c) => c !== "").length;
    if (!used) return;
    let at = Math.floor(random() * m.rec.codes.length);
    while (m.rec.codes[at] === "") at = (at + 1) % m.rec.codes.length;
    write(() => {
      // the slot stays, empty (no empty slot at the end)
      m.rec.codes[at] = "";
      while (m.rec.codes.length && m.rec.codes[m.rec.codes.length - 1] === "") m.rec.codes.pop();
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
    if (JSON.stringify(got) !== persistedView(m, saved)) {
      result.stateLost++;
      fail("state lost", "at a battery change: " + JSON.stringify(got));
    }
    m.rec.lockout = got.lockout;
    if (setTime) {
      // Latchkey.setTime(t) 90 s after the power-up
      const unix = 1767225600 + Math.floor(dayNow * 86400);
      m.uptimeMs = 90000;
      g.getTime = () => 90;
      known.add("0,0," + count + ",0");
      write(() => journalEvent(EventKind.TIME, unix, 90));
      g.getTime = () => 0;
    }
    write(() => event(EventKind.BATTERY, 0));
  }

  // ---- first power-up: the arena is created (cut at every step), the door learned, codes added ----
  write(() => {
    powerUp();
  }, true);
  handing();
  for (let i = 0; i < 6; i++) addCode();

  const ladder = [60, 120, 240, 480, 960];
  for (let day = 0; day < options.days; day++) {
    dayNow = day;
    cleanPowerUp("at the start of a day");
    for (let visit = 0; visit < 8; visit++) {
      // the attacker's climb since the owner's last visit: 2 wrong codes, then lockouts
      write(() => event(EventKind.WRONG_CODE, 0));
      write(() => event(EventKind.WRONG_CODE, 0));
      for (let n = 0; n < 14; n++) lockout(ladder[Math.min(n, 4)]);
      m.uptimeMs += 3 * 3600000 - 1800000;
      if (m.rec.codes.some((c) => c !== "")) validCode(m.rec.codes.findIndex((c) => c !== ""));
      write(() => event(visit % 2 ? EventKind.LOCK_AUTO : EventKind.LOCK_ONE_TOUCH, 0));
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
      const digit = 1 + Math.floor(random() * 4);
      const on = !(m.rec.settings & (1 << (digit - 1)));
      write(() => {
        m.rec.settings ^= 1 << (digit - 1);
        save();
        event(EventKind.SETTING, digit * 2 + (on ? 1 : 0));
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
      // a factory reset during the attacker's escalation: the record and the lockout change in one save
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
  if (JSON.stringify(last) !== persistedView(m, saved)) {
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
  Object.assign(g, globals0);
  return result;
}


/** one board's run in a child process (the boards run side by side), its result as JSON on stdout */
function runInChild(board: string, days: number, seed: number, sample: number): Promise<LongLifeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, __filename, "--child", board, String(days), String(seed), String(sample)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out) as LongLifeResult) : reject(new Error(`long life on ${board}: exit ${code}`))));
  });
}

function report(r: LongLifeResult): string[] {
  const years = (r.days / 365).toFixed(1);
  const wear = Object.values(r.erasesPerPage);
  const lines = [
    `${r.board.padEnd(15)}${String(r.imageGone).padStart(10)}  ${String(r.stateLost).padStart(10)}  ${String(r.lockBroken).padStart(11)}  ` +
      `${(r.cutsAtEveryStep + " + " + r.cutsSampled).padStart(27)}  ${String(r.writes).padStart(9)}  ${String(r.rotations).padStart(9)}  ` +
      `${String(r.maxErases).padStart(15)}  ${String(r.fewestEventsKept).padStart(18)}  ${(r.ms / 1000).toFixed(0)} s`,
    `  erases per page over ${years} years: ${Math.min(...wear)} to ${Math.max(...wear)} on ${wear.length} pages (rated endurance about 10,000)`,
  ];
  if (r.compactions) lines.push(`  ${r.compactions} Storage compactions`);
  if (r.bogusEvents) lines.push(`  ${r.bogusEvents} events read back that were never appended`);
  for (const f of r.failures) lines.push("  " + f);
  return lines;
}

/** a run's problems: the three counts, events never appended, compactions, wear over the rated endurance */
export function longLifeBad(r: LongLifeResult): number {
  return r.imageGone + r.stateLost + r.lockBroken + r.bogusEvents + r.compactions + (r.maxErases >= 10000 ? 1 : 0);
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === "--child") {
    const [board, days, seed, sample] = argv.slice(1);
    process.stdout.write(JSON.stringify(runLongLife({ board, days: Number(days), seed: Number(seed), sampleRate: Number(sample) })));
    return 0;
  }
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
  console.log(`long life: ${days} days of heavy use per board, power cuts in the journal's writes, the built image in .bootcde (tools/journal/long-life.ts)`);
  console.log("board          image gone  state lost  lock broken  cuts (every step + sampled)  writes     rotations  max erases/page  fewest events kept  time");
  const results = await Promise.all(boards.map((b) => runInChild(b, days, Number(arg("--seed", "20261206")), Number(arg("--sample", "0.05")))));
  let bad = 0;
  for (const r of results) {
    bad += longLifeBad(r);
    console.log(report(r).join("\n"));
  }
  if (bad) console.log("long life: FAILED (every count must be 0, wear under 10,000 erases per page)");
  return bad ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: Error) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
