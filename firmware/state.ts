// Everything the lock knows, as one plain-data object that lives for the life of the lock. The
// machine (lock.ts) and its modules are top-level functions over it: on Espruino each function is
// made once, when the image loads, and its code stays in flash; only this data is in RAM. Each module
// owns one part (`fb` feedback.ts, `lo` lockout.ts, `bat` battery.ts, `st` stroke.ts, `run` motion.ts
// and handing.ts, `pg` programming.ts); lock.ts owns the rest.
//
// The functions work on `L`, the lock being handled, rather than taking it as a parameter: a parameter
// costs every function a JsVar for the life of the lock (docs/ram.md). The machine's entry point
// (lock.ts: handle) takes the lock and calls use() first, so the machine is still a pure
// function of its lock, the event and the time: tests and the simulator run as many locks as they like.
import type { BoltState, Drive } from "../hal/types";
import type { LockRecord } from "./record";
import type { Effect, EventKind } from "./types";

export const enum Mode {
  POWERUP = 1,
  HANDING = 2,
  READY = 3,
  PROGRAMMING = 4,
  MOTION = 5,
}

export interface FeedbackState {
  /** patterns waiting behind the one playing: pattern * 2 + (audio ? 1 : 0) */
  queue: number[];
  /** the playing pattern's steps, the read position, the current step letter and its repeats left */
  steps: string;
  pos: number;
  step: string;
  repeats: number;
  audio: boolean;
  /** feedback.ts Phase; 0 = nothing shows or waits */
  phase: number;
  /** when the current phase ends */
  end: number;
  /** what the outputs show now */
  red: boolean;
  green: boolean;
  buzz: boolean;
}

export interface LockoutState {
  /** length of the running or the last lockout in ms; 0 = no escalation pending */
  lastMs: number;
  /** when the running lockout ends; 0 = none running */
  until: number;
  /** times of the wrong codes since the last lockout or valid code */
  wrong: number[];
}

export interface BatteryState {
  level: number;
  rest: number;
  loaded: number;
  /** qualifying readings in a row, per kind (rest, loaded), for LOW, CRITICAL, DEAD: 4 bits each, capped */
  restRuns: number;
  loadedRuns: number;
  /** the lowest plausible pack voltage of the running stroke after its first loadIgnoreMs; NaN = none */
  strokeMin: number;
}

/** One motor run toward an end switch (stroke.ts). */
export interface StrokeState {
  /** the motor is driven now */
  on: boolean;
  /** the drive asked for; it starts at `waitUntil` when the motor must coast first (-1 = not waiting) */
  drive: Drive;
  waitUntil: number;
  toExtended: boolean;
  limitMs: number;
  startedAt: number;
  wasRetracted: boolean;
  wasExtended: boolean;
  moved: boolean;
  /** start of the current run of stall-level samples; -1 = none */
  stallSince: number;
  /** when the motor last stopped */
  stoppedAt: number;
  /** how the last stroke ended (stroke.ts StrokeEnd; 0 while running or before any) and after how long */
  result: number;
  resultMs: number;
}

/** A lock/unlock with its jam handling (motion.ts) or a door handing run (handing.ts). */
export interface RunState {
  /** motion.ts RunPhase */
  phase: number;
  /** motion: the goal is to extend the bolt */
  locking: boolean;
  /** the drive that extends the bolt ("stop" while handing has not found it yet), and the stroke times */
  extendDrive: Drive;
  extendMs: number;
  retractMs: number;
  /** motion: when the unlock retry starts */
  retryAt: number;
  /** handing */
  probeDrive: Drive;
  measureStrokes: number;
  fromRetracted: boolean;
  fromExtended: boolean;
  failure: string;
  /** motion.ts RunOutcome: set when the run has ended */
  outcome: number;
}

/** The programming dialogue (its entry is the lock's: L.digits, L.overflow). */
export interface ProgrammingState {
  step: number;
  cleared: boolean;
  masterOk: boolean;
  remembered: string;
  until: number;
  /** what the event log gets once the dialogue's change is saved (EventKind, 0 = nothing) */
  event: number;
  eventArg: number;
}

export interface Lock {
  /** the time of the event being handled, and the effects it has caused so far */
  now: number;
  fx: Effect[];
  rec: LockRecord;
  mode: Mode;
  bolt: BoltState;
  locked: boolean;
  /** the keypad entry (also the programming dialogue's): digits typed, more than maxCodeLength typed,
   * when it is discarded */
  digits: string;
  overflow: boolean;
  entryUntil: number;
  /** the slot of the last valid code, for the event log */
  codeSlot: number;
  programDown: boolean;
  programDownAt: number;
  programHoldDone: boolean;
  /** power-up step (lock.ts PowerUp) and its deadline */
  powerUp: number;
  powerUpUntil: number;
  /** who asked for the running motion (lock.ts By) */
  by: number;
  awaitingRest: boolean;
  /** the pattern a programming change shows once it is saved */
  verdictPattern: number;
  autoLockAt: number;
  statusAt: number;
  fb: FeedbackState;
  lo: LockoutState;
  bat: BatteryState;
  st: StrokeState;
  run: RunState;
  pg: ProgrammingState;
}

/** The lock the machine's functions work on now. */
export let L: Lock;

/** Makes `lock` the one the machine works on, at `now`, with no effects yet; returns its effect list. */
export function use(lock: Lock, now: number): Effect[] {
  L = lock;
  L.now = now;
  L.fx = [];
  return L.fx;
}

/** A line at the console. */
export function log(msg: string) {
  L.fx.push({ t: "log", msg: msg });
}

/** An entry in the event log. */
export function logEvent(kind: EventKind, arg: number) {
  L.fx.push({ t: "event", kind: kind, arg: arg });
}
