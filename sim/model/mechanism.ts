// The bolt and its motor as physics, for host tests and the simulator (not part of the image).
// Position runs from 0 (retracted) to 1 (extended). The motor moves it at a speed that falls with the
// supply voltage; anything that stops the bolt while the motor pushes (an end stop, an obstacle, a
// person holding or turning the thumbturn against it, too little voltage, a seized motor) makes it
// draw stall current. A person's hand always wins: while it turns the bolt, the motor cannot move it.
// Deterministic: the same calls give the same positions and readings.
import type { BoltState, Drive } from "../../hal/types";

export type Direction = "extend" | "retract";
export type Motion = "extending" | "retracting" | "still";
/** a switch that works, one that never closes, one that never opens */
export type SwitchFault = "ok" | "open" | "closed";
/**
 * open: a broken wire (no current, no movement); seized: a blocked gearbox (stall current, no
 * movement); sheared: a broken gear (the motor spins free at running current, the bolt does not move)
 */
export type MotorFault = "none" | "open" | "seized" | "sheared";

export interface MechanismOptions {
  /** the drive that extends the bolt on this door (the door's hand); default "A" */
  extendDrive?: "A" | "B";
  /** full travel time at nominal voltage; defaults 900 and 800 ms */
  extendMs?: number;
  retractMs?: number;
  /** starting position, default 0 (retracted) */
  position?: number;
}

/** supply voltage at which the travel times hold */
export const NOMINAL_V = 6.0;
/** speed is proportional to (V - ZERO_SPEED_V) */
export const ZERO_SPEED_V = 2.5;
/** below this the motor cannot overcome the bolt's friction: it stalls */
export const MIN_RUN_V = 3.0;
export const RUNNING_AMPS = 0.15;
export const STALL_AMPS = 1.0;
/** the switches close within this distance of an end */
export const SWITCH_ZONE = 0.02;
/** positions this close count as equal, so sums of small steps land exactly on ends and switch points */
const EPSILON = 1e-9;

interface Turn {
  from: number;
  to: number;
  overMs: number;
  elapsedMs: number;
}

export class Mechanism {
  /** 0 retracted .. 1 extended */
  position: number;
  extendDrive: "A" | "B";
  extendMs: number;
  retractMs: number;
  motorFault: MotorFault = "none";
  private retractedSwitch: SwitchFault = "ok";
  private extendedSwitch: SwitchFault = "ok";
  private extendBlockAt: number | null = null;
  private retractBlockAt: number | null = null;
  private turn: Turn | null = null;
  private current = 0;
  private moving: Motion = "still";

  constructor(options: MechanismOptions = {}) {
    this.extendDrive = options.extendDrive ?? "A";
    this.extendMs = options.extendMs ?? 900;
    this.retractMs = options.retractMs ?? 800;
    this.position = clamp(options.position ?? 0);
  }

  /** Advance time by dtMs with the motor driven as given from a supply of supplyV volts. */
  step(dtMs: number, drive: Drive, supplyV: number): void {
    const powered = drive !== "stop" && this.motorFault !== "open";
    if (this.turn) {
      // a person has the thumbturn: the bolt follows the hand, the motor cannot move it
      const t = this.turn;
      t.elapsedMs += dtMs;
      const done = t.overMs <= 0 || t.elapsedMs >= t.overMs;
      const next = done ? t.to : t.from + ((t.to - t.from) * t.elapsedMs) / t.overMs;
      this.moving = next > this.position ? "extending" : next < this.position ? "retracting" : "still";
      this.position = next;
      if (done) this.turn = null;
      // a motor turning the way the hand goes runs free; against the hand, or a hand held still, it stalls
      const motorWay = drive === this.extendDrive ? "extending" : "retracting";
      this.current = !powered ? 0 : this.moving === motorWay ? RUNNING_AMPS : STALL_AMPS;
      return;
    }
    if (!powered || this.motorFault === "sheared") {
      this.current = powered ? RUNNING_AMPS : 0;
      this.moving = "still";
      return;
    }
    const extending = drive === this.extendDrive;
    const stopAt = extending ? this.extendStop() : this.retractStop();
    const blocked =
      this.motorFault === "seized" || supplyV < MIN_RUN_V || (extending ? this.position >= stopAt : this.position <= stopAt);
    if (blocked) {
      this.current = STALL_AMPS;
      this.moving = "still";
      return;
    }
    const speed = (supplyV - ZERO_SPEED_V) / (NOMINAL_V - ZERO_SPEED_V);
    const travel = (dtMs / (extending ? this.extendMs : this.retractMs)) * speed;
    const next = extending ? Math.min(stopAt, this.position + travel) : Math.max(stopAt, this.position - travel);
    this.position = Math.abs(next - stopAt) < EPSILON ? stopAt : next;
    this.current = RUNNING_AMPS;
    this.moving = extending ? "extending" : "retracting";
  }

  /** The end switches as the firmware reads them (true = closed = bolt at that end). */
  switches(): BoltState {
    return {
      retracted: readSwitch(this.retractedSwitch, this.position <= SWITCH_ZONE + EPSILON),
      extended: readSwitch(this.extendedSwitch, this.position >= 1 - SWITCH_ZONE - EPSILON),
    };
  }

  /** Motor current in the last step, in amps (a low-side shunt: never negative). */
  amps(): number {
    return this.current;
  }

  /** Which way the bolt moved in the last step. */
  motion(): Motion {
    return this.moving;
  }

  /** A person turns the key or thumbturn to `position` over `overMs`, then lets go. */
  turnTo(position: number, overMs: number): void {
    this.turn = { from: this.position, to: clamp(position), overMs: overMs, elapsedMs: 0 };
  }

  /** A person holds the thumbturn still for `ms`. */
  hold(ms: number): void {
    this.turnTo(this.position, ms);
  }

  /** true while a person has the thumbturn */
  held(): boolean {
    return this.turn !== null;
  }

  /** An obstacle the motor cannot push the bolt past, moving in `direction`; null removes it. */
  obstruct(direction: Direction, at: number | null): void {
    if (direction === "extend") this.extendBlockAt = at;
    else this.retractBlockAt = at;
  }

  clearObstructions(): void {
    this.extendBlockAt = null;
    this.retractBlockAt = null;
  }

  setSwitchFault(which: "retracted" | "extended", fault: SwitchFault): void {
    if (which === "retracted") this.retractedSwitch = fault;
    else this.extendedSwitch = fault;
  }

  setMotorFault(fault: MotorFault): void {
    this.motorFault = fault;
  }

  setHand(extendDrive: "A" | "B"): void {
    this.extendDrive = extendDrive;
  }

  setTravelTimes(extendMs: number, retractMs: number): void {
    this.extendMs = extendMs;
    this.retractMs = retractMs;
  }

  setPosition(position: number): void {
    this.position = clamp(position);
  }

  private extendStop(): number {
    const at = this.extendBlockAt;
    return at !== null && this.position <= at + EPSILON ? at : 1;
  }

  private retractStop(): number {
    const at = this.retractBlockAt;
    return at !== null && this.position >= at - EPSILON ? at : 0;
  }
}

function clamp(position: number): number {
  return Math.max(0, Math.min(1, position));
}

function readSwitch(fault: SwitchFault, atEnd: boolean): boolean {
  return fault === "open" ? false : fault === "closed" ? true : atEnd;
}
