// Test rig for the motor modules (stroke, motion, handing): a mechanism model in virtual time, with
// the shell's duties done the simple way. Every step it moves the bolt, delivers a bolt event when
// the switches change, a sample every sampleMs while sampling is on, and a tick at the deadline.
// It checks at every step that the motor runs, and is sampled, only while a stroke is in progress.
import type { BoltState, Drive } from "../../hal/types";
import { DEFAULT_CONFIG } from "../../firmware/config";
import type { LockConfig } from "../../firmware/config";
import type { Effects } from "./module-views";
import { Mechanism } from "../../sim/model/mechanism";
import type { MechanismOptions } from "../../sim/model/mechanism";

export interface MotorModule {
  bolt(state: BoltState, now: number, fx: Effects): void;
  sample(amps: number, now: number, fx: Effects): void;
  tick(now: number, fx: Effects): void;
  deadline(): number | undefined;
  running(): boolean;
}

export interface RigOptions extends MechanismOptions {
  config?: Partial<LockConfig>;
  stepMs?: number;
  supplyV?: number;
  /** false: a board without current sense (samples carry NaN) */
  currentSense?: boolean;
}

export interface DriveChange {
  at: number;
  drive: Drive;
  position: number;
}

export class MotorRig {
  readonly mech: Mechanism;
  readonly config: LockConfig;
  readonly stepMs: number;
  supplyV: number;
  currentSense: boolean;
  now = 1000;
  drive: Drive = "stop";
  /** every change of the motor pins, with the time and bolt position */
  readonly drives: DriveChange[] = [];
  readonly logs: string[] = [];
  /** what went wrong at the pins: the motor on outside a stroke, sampling without the motor */
  readonly violations: string[] = [];
  private samplingMs = 0;
  private nextSampleAt = 0;
  private lastSwitches: BoltState;
  private actions: Array<{ at: number; fn: (rig: MotorRig) => void }> = [];

  constructor(options: RigOptions = {}) {
    this.mech = new Mechanism(options);
    this.config = { ...DEFAULT_CONFIG, ...(options.config ?? {}) };
    this.stepMs = options.stepMs ?? 2;
    this.supplyV = options.supplyV ?? 6.0;
    this.currentSense = options.currentSense ?? true;
    this.lastSwitches = this.mech.switches();
  }

  /** Run fn once the virtual clock reaches `ms` after now (a person's hand, a battery sag...). */
  after(ms: number, fn: (rig: MotorRig) => void): void {
    this.actions.push({ at: this.now + ms, fn });
  }

  /** Call a module method (start, abort...) with the switches as they are now. */
  call(fn: (bolt: BoltState, now: number, fx: Effects) => void): void {
    const fx: Effects = [];
    this.lastSwitches = this.mech.switches();
    fn(this.lastSwitches, this.now, fx);
    this.apply(fx);
  }

  /**
   * Step until the module stops running (or maxMs passes). `motorAllowed` says when the module
   * has a stroke in progress; the motor running at any other step is a violation.
   */
  run(module: MotorModule, motorAllowed: () => boolean, maxMs = 30000): void {
    const end = this.now + maxMs;
    while (module.running() && this.now < end) this.step(module, motorAllowed);
    if (module.running()) this.violations.push("still running after " + maxMs + " ms");
  }

  /** Let time pass with the module idle (a person may be turning the key). */
  idle(ms: number, module: MotorModule, motorAllowed: () => boolean): void {
    const end = this.now + ms;
    while (this.now < end) this.step(module, motorAllowed);
  }

  /** The motor-on intervals so far, as [drive, from, to]. */
  strokes(): Array<{ drive: Drive; from: number; to: number }> {
    const out: Array<{ drive: Drive; from: number; to: number }> = [];
    this.drives.forEach((d, i) => {
      if (d.drive === "stop") return;
      const next = this.drives[i + 1];
      out.push({ drive: d.drive, from: d.at, to: next ? next.at : this.now });
    });
    return out;
  }

  private step(module: MotorModule, motorAllowed: () => boolean): void {
    this.now += this.stepMs;
    this.mech.step(this.stepMs, this.drive, this.supplyV);
    const due = this.actions.filter((a) => a.at <= this.now);
    this.actions = this.actions.filter((a) => a.at > this.now);
    due.forEach((a) => a.fn(this));
    const sw = this.mech.switches();
    if (sw.retracted !== this.lastSwitches.retracted || sw.extended !== this.lastSwitches.extended) {
      this.lastSwitches = sw;
      this.deliver((fx) => module.bolt(sw, this.now, fx));
    }
    if (this.samplingMs > 0 && this.now >= this.nextSampleAt) {
      this.nextSampleAt += this.samplingMs;
      const amps = this.currentSense ? this.mech.amps() : NaN;
      this.deliver((fx) => module.sample(amps, this.now, fx));
    }
    const deadline = module.deadline();
    if (deadline !== undefined && this.now >= deadline) this.deliver((fx) => module.tick(this.now, fx));
    if (this.drive !== "stop" && !motorAllowed()) this.violations.push("motor on outside a stroke at " + this.now);
    if ((this.drive !== "stop") !== this.samplingMs > 0)
      this.violations.push("sampling " + this.samplingMs + " ms with motor " + this.drive + " at " + this.now);
  }

  private deliver(fn: (fx: Effects) => void): void {
    const fx: Effects = [];
    fn(fx);
    this.apply(fx);
  }

  private apply(fx: Effects): void {
    fx.forEach((e) => {
      if (e.t === "motor") {
        if (e.drive !== this.drive) this.drives.push({ at: this.now, drive: e.drive, position: this.mech.position });
        this.drive = e.drive;
      } else if (e.t === "sample") {
        this.samplingMs = e.ms;
        this.nextSampleAt = this.now + e.ms;
      } else if (e.t === "log") this.logs.push(e.msg);
    });
  }
}
