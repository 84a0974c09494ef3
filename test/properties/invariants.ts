// What must hold after every step of a property run, judged from the simulation's timeline and flash:
//  1. the bolt leaves "extended", and arrives at "retracted" after having been extended, only while a
//     hand turns the key, during door handing, or in a stroke that started within STROKE_WINDOW_MS
//     after a LOCK press that may have submitted a valid user code (for the arrival also: the drive
//     back after a jammed locking stroke);
//  2. no motor run lasts longer than one stroke's limit;
//  3. the codes and mastercode in flash are, after each step, those before it or those one of its
//     attempted changes would leave, and the running lock counts as many codes as flash holds;
//  4. no exception escaped the image ("Uncaught ..." lines);
//  5. (through 1) an entry of more than 8 digits never opens the lock: the entry oracle never
//     authorizes one;
//  6. flash is never written while the motor is driven (an erase can stall the chip, motor on).
import type { Drive } from "../../hal/types";
import { SWITCH_ZONE } from "../../sim/model/mechanism";
import { LockDriver, readStored, Stored } from "./driver";
import { FlashWrite, recordFlashWrites } from "./flash-writes";

/** from the LOCK press to the start of the stroke it causes: the first try, or the retry after a jam */
export const STROKE_WINDOW_MS = 4000;
/** the drive back after a jammed locking stroke starts at once */
const DRIVE_BACK_MS = 50;
/**
 * The bolt switches are debounced (10 ms on proto-pico): a locking stroke that reaches "extended"
 * this close to its time limit is taken for a jam and driven back (a race the firmware accepts).
 */
const SWITCH_RACE_MS = 15;
/** a motor run may outlast the stroke limit by this (timer and sampling granularity) */
export const MOTOR_SLACK_MS = 15;

interface Run {
  drive: Drive;
  start: number;
  end: number | undefined;
}

type Zone = "retracted" | "between" | "extended";

function zoneOf(position: number): Zone {
  if (position <= SWITCH_ZONE + 1e-9) return "retracted";
  if (position >= 1 - SWITCH_ZONE - 1e-9) return "extended";
  return "between";
}

function sameStored(a: Stored, b: Stored): boolean {
  return a.master === b.master && a.codes.join(",") === b.codes.join(",");
}

function show(s: Stored): string {
  return `codes [${s.codes.join(", ")}] master "${s.master}"`;
}

export class InvariantViolation extends Error {}

export class Invariants {
  private readonly runs: Run[] = [];
  private motorEventsSeen = 0;
  private runsChecked = 0;
  private samplesSeen = 0;
  private zone: Zone | undefined;
  /** when the bolt last arrived at extended */
  private extendedAt = -Infinity;
  private lastEnd: Zone | undefined;
  private uncaughtSeen = 0;
  /** the bolt leaving extended, and arriving at retracted from extended, by cause */
  readonly leaves: Record<string, number> = {};
  readonly retractions: Record<string, number> = {};

  private readonly flashWrites: FlashWrite[];
  private flashWritesSeen = 0;

  constructor(private readonly driver: LockDriver) {
    this.flashWrites = recordFlashWrites(driver.sim);
  }

  /** Checks everything up to now; throws InvariantViolation naming the step. */
  check(step: string): void {
    const d = this.driver;
    d.collectUncaught();
    const problems: string[] = [];
    if (d.uncaught.length > this.uncaughtSeen) problems.push(`the image threw: ${d.uncaught.slice(this.uncaughtSeen).join("; ")}`);
    this.uncaughtSeen = d.uncaught.length;
    this.updateRuns();
    problems.push(...this.motorProblems());
    problems.push(...this.boltProblems());
    problems.push(...this.storageProblems());
    for (const w of this.flashWrites.slice(this.flashWritesSeen)) {
      if (w.motorDriven) problems.push(`flash written (Storage ${w.call}) at ${(w.t / 1000).toFixed(3)}s while the motor ran`);
    }
    this.flashWritesSeen = this.flashWrites.length;
    if (problems.length) {
      const logs = d.sim.timeline.logs().slice(-25).map((l) => `  ${(l.t / 1000).toFixed(3)}s ${l.text}`);
      throw new InvariantViolation(
        `${step}: ${problems.join("\n")}\nsetup ${JSON.stringify(d.setup)}\nsteps:\n  ${d.journal.join("\n  ")}\nlast log lines:\n${logs.join("\n")}`,
      );
    }
  }

  /** motor runs from the timeline's motor edges; a stop and a restart in the same drive at one instant is one run */
  private updateRuns(): void {
    const events = this.driver.sim.timeline.events;
    for (let i = this.motorEventsSeen; i < events.length; i++) {
      const e = events[i];
      if (e.kind !== "motor") continue;
      const open = this.runs.length ? this.runs[this.runs.length - 1] : undefined;
      if (open && open.end === undefined && e.drive === open.drive) continue;
      if (open && open.end === undefined) open.end = e.t;
      if (e.drive === "stop") continue;
      const last = this.runs[this.runs.length - 1];
      if (last && last.drive === e.drive && last.end === e.t) last.end = undefined;
      else this.runs.push({ drive: e.drive, start: e.t, end: undefined });
    }
    this.motorEventsSeen = events.length;
  }

  private motorProblems(): string[] {
    const limit = this.driver.config.strokeLimitMs + MOTOR_SLACK_MS;
    const now = this.driver.sim.now();
    const out: string[] = [];
    for (let i = this.runsChecked; i < this.runs.length; i++) {
      const r = this.runs[i];
      const length = (r.end === undefined ? now : r.end) - r.start;
      if (length > limit) out.push(`the motor ran ${Math.round(length)} ms (drive ${r.drive} from ${(r.start / 1000).toFixed(3)}s), over the ${limit} ms limit`);
    }
    // a run still open (or one a zero-length stop may reopen) is checked again next time
    this.runsChecked = Math.max(0, this.runs.length - 1);
    return out;
  }

  private runAt(t: number): Run | undefined {
    for (let i = this.runs.length - 1; i >= 0; i--) {
      const r = this.runs[i];
      if (r.start <= t && (r.end === undefined || r.end >= t - 2)) return r;
      if (r.end !== undefined && r.end < t - 2) return undefined;
    }
    return undefined;
  }

  private handingAt(t: number): boolean {
    let since: number | undefined;
    for (const l of this.driver.sim.timeline.logs(0, t + 1)) {
      if (l.text === "[latchkey] handing") since = l.t;
      else if (l.text.startsWith("[latchkey] handing ok") || l.text.startsWith("[latchkey] handing failed") || l.text === "[sim] power off") {
        if (since !== undefined && l.t >= t) return true;
        since = undefined;
      }
    }
    return since !== undefined;
  }

  /** why the bolt may move toward retracted at t, or undefined */
  private causeAt(t: number, arriving: boolean): string | undefined {
    const d = this.driver;
    if (d.turns.some((turn) => turn.start <= t && t <= turn.end + 2)) return "a key turn";
    const run = this.runAt(t);
    if (!run) return undefined;
    const retractDrive: Drive = d.sim.mechanism.extendDrive === "A" ? "B" : "A";
    if (run.drive !== retractDrive) return undefined;
    if (this.handingAt(run.start)) return "door handing";
    if (d.codeAuths.some((a) => a <= run.start && run.start <= a + STROKE_WINDOW_MS)) return "a valid code";
    const before = this.runs[this.runs.indexOf(run) - 1];
    const driveBack = before && before.drive !== retractDrive && before.end !== undefined && run.start - before.end <= DRIVE_BACK_MS;
    if (driveBack && arriving) return "the drive back after a jam";
    // leaving extended: only when that locking stroke itself reached extended just as it timed out
    if (driveBack && before.start <= this.extendedAt && before.end! - this.extendedAt <= SWITCH_RACE_MS) return "the drive back after a jam at the switch";
    return undefined;
  }

  private boltProblems(): string[] {
    const samples = this.driver.sim.timeline.samples;
    const out: string[] = [];
    for (let i = this.samplesSeen; i < samples.length; i++) {
      const s = samples[i];
      const zone = zoneOf(s.position);
      if (this.zone === "extended" && zone !== "extended") {
        const cause = this.causeAt(s.t, false);
        if (cause) this.leaves[cause] = (this.leaves[cause] || 0) + 1;
        else out.push(`the bolt left extended at ${(s.t / 1000).toFixed(3)}s with no valid code, key turn or handing`);
      }
      if (zone === "retracted" && this.lastEnd === "extended") {
        const cause = this.causeAt(s.t, true);
        if (cause) this.retractions[cause] = (this.retractions[cause] || 0) + 1;
        else out.push(`the bolt went from extended to retracted at ${(s.t / 1000).toFixed(3)}s with no valid code, key turn or handing`);
      }
      if (zone === "extended" && this.zone !== "extended") this.extendedAt = s.t;
      this.zone = zone;
      if (zone !== "between") this.lastEnd = zone;
    }
    this.samplesSeen = samples.length;
    return out;
  }

  private storageProblems(): string[] {
    const d = this.driver;
    if (!d.sim.powered()) return ["the lock is off at the end of a step (the test always powers it back on)"];
    const got = readStored(d.sim, d.config);
    const allowed = [d.stored, ...d.afters];
    const out: string[] = [];
    if (!allowed.some((s) => sameStored(s, got))) {
      out.push(`flash holds ${show(got)}; expected one of: ${allowed.map(show).join(" / ")}`);
    }
    const view = d.status();
    if (view && view.mode !== "powerup" && view.codes !== got.codes.length) {
      out.push(`the lock counts ${view.codes} codes, flash holds ${got.codes.length}`);
    }
    d.stored = got;
    d.afters = [];
    return out;
  }
}
