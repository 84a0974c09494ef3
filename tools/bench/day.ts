// A simulated day of use, in virtual time, on the real image: what the motor, LEDs and buzzer do, what the
// chip does (the fake Espruino's power model: running, ordinary sleep, deep sleep, the radio), the energy that
// takes (./energy.ts), and whether any timer stays armed while the lock idles (SPEC 10: it must not).
import type { ValidatedBoard } from "../boards/load";
import { CpuTime, cpuTimeFor, readCpuMeasurement } from "./cpu-time";
import { ChipDay, DAY_MS, Energy, energyPerDay } from "./energy";
import type { Span } from "./harness";
import { createBenchSimulation } from "./harness";
import { press, setUpLock, status, USER_CODE } from "./person";
import { clip, groupTimes, onSpans, outside, total, union } from "./spans";

export { DAY_MS, PACK_MAH } from "./energy";
export const HOUR_MS = 3600 * 1000;
/**
 * What counts as "the lock busy" around what a person and the lock visibly do: activity (keys, LED,
 * buzzer, motor edges) closer together than GROUP_GAP_MS is one busy span (a flash's dark part, the jam
 * retry pause, the rest reading before a stroke), which ends TAIL_MS after its last edge (the last
 * flash's dark part is 200 ms). Any time the bolt is not extended, an auto-lock is pending (it is on).
 */
export const GROUP_GAP_MS = 1500;
export const TAIL_MS = 500;

const WRONG_CODE = "5555";
const LOCK_AFTER_UNLOCK_MS = 10000;

export type DayAction = "unlock+lock" | "unlock, auto-lock" | "wrong code";

/** One action an hour: 20 unlocks each locked again by one-touch 10 s later, 3 wrong codes, 1 auto-lock. */
export function daySchedule(): DayAction[] {
  const hours: DayAction[] = [];
  for (let h = 0; h < 24; h++) {
    if (h === 5 || h === 13 || h === 21) hours.push("wrong code");
    else if (h === 12) hours.push("unlock, auto-lock");
    else hours.push("unlock+lock");
  }
  return hours;
}

/**
 * `ops` operations spread evenly over a day. An operation is an unlock by code and the lock that follows
 * it (two motor strokes): every fifth one is locked by auto-lock, the others by one-touch 10 s later. One
 * wrong code (a typo, not an operation) comes with every ten operations.
 */
export function operationsSchedule(ops: number): DayAction[] {
  const out: DayAction[] = [];
  for (let i = 0; i < ops; i++) {
    if (i % 10 === 5) out.push("wrong code");
    out.push(i % 5 === 4 ? "unlock, auto-lock" : "unlock+lock");
  }
  return out;
}

/** Figures over the simulated span (`spanMs`); `energy` is per day. */
export interface DayResult {
  actions: { unlocks: number; oneTouchLocks: number; autoLocks: number; wrongCodes: number };
  spanMs: number;
  motorOnMs: number;
  motorMah: number;
  redOnMs: number;
  greenOnMs: number;
  buzzerOnMs: number;
  wakeups: { timers: number; watches: number; outsideStrokes: number };
  /** what the chip did over the span (the fake Espruino's power accounting) */
  chip: ChipDay;
  /** the CPU time charged per callback */
  cpu: CpuTime;
  /** virtual ms with any image timer armed (strokes, patterns, pending auto-lock...) */
  timerArmedMs: number;
  /** virtual ms with an image timer armed while the lock was idle (SPEC 10): must be 0 */
  idleTimerMs: number;
  /** the first such span, to say where */
  idleTimerAt?: Span;
  /** per day */
  energy: Energy;
}

export interface DayOptions {
  /** time between actions; default an hour */
  slotMs?: number;
  /** CPU time per callback; default: the measurement (tools/power/cpu-measured.json) scaled to the chip */
  cpu?: CpuTime;
  /**
   * a what-if for firmware not written yet: after setting the lock up, this is typed at its console (e.g.
   * "setDeepSleep(1)", "NRF.sleep()"), and the day runs on from there
   */
  whatIf?: string;
}

/** `schedule`: one action per slot (default daySchedule(), an hour each); figures for a shorter one are scaled to a day */
export function simulateDay(board: ValidatedBoard, image: string, schedule: DayAction[] = daySchedule(), options: DayOptions = {}): DayResult {
  const slotMs = options.slotMs ?? HOUR_MS;
  const cpu = options.cpu ?? cpuTimeFor(board.chip, readCpuMeasurement());
  const bench = createBenchSimulation({ board, image, imageName: `build/${board.name}/firmware.js`, cpuMsPerCallback: cpu.msPerCallback });
  const sim = bench.sim;
  setUpLock(sim, bench.armedTimers, { autoLock: true });
  if (options.whatIf) {
    bench.fake()?.interrupt();
    sim.console(options.whatIf);
    sim.advance(60000);
  }
  const start = sim.now();
  const end = start + schedule.length * slotMs;
  bench.resetCounts();
  const fake = bench.fake();
  if (!fake) throw new Error(`${board.name}: simulated day: the lock is off after setting it up`);
  fake.power.reset();
  const actions = { unlocks: 0, oneTouchLocks: 0, autoLocks: 0, wrongCodes: 0 };
  const expectLocked = (locked: boolean, after: string) => {
    if (status(sim).locked !== locked) throw new Error(`${board.name}: simulated day: not ${locked ? "locked" : "unlocked"} after ${after} at ${((sim.now() - start) / 3600000).toFixed(2)} h`);
  };

  schedule.forEach((action, slot) => {
    sim.advance(start + slot * slotMs + 60000 - sim.now());
    if (action === "wrong code") {
      press(sim, WRONG_CODE + "#");
      actions.wrongCodes++;
      sim.advance(5000);
      expectLocked(true, "a wrong code");
      return;
    }
    press(sim, USER_CODE + "#");
    actions.unlocks++;
    sim.advance(action === "unlock+lock" ? LOCK_AFTER_UNLOCK_MS : 5000);
    expectLocked(false, "the user code");
    if (action === "unlock+lock") {
      press(sim, "#");
      actions.oneTouchLocks++;
      sim.advance(5000);
    } else {
      sim.advance(40000);
      actions.autoLocks++;
    }
    expectLocked(true, action);
  });
  sim.advance(end - sim.now());
  const errors = sim.uncaught();
  if (errors.length) throw new Error(`${board.name}: simulated day: ${errors.join("; ")}`);
  const power = fake.power;
  const chip: ChipDay = {
    times: power.times(),
    radio: power.radioTimes(),
    pulledPinMs: power.pulledPinMs(),
    deepSleepEntries: power.deepSleepEntries(),
    callbacks: power.callbacks(),
  };

  const timeline = sim.timeline;
  const inDay = (spans: Span[]) => clip(spans, start, end);
  const motorSpans = inDay(onSpans(timeline.motorChanges(), end));
  const red = total(inDay(onSpans(timeline.changes("red"), end)));
  const green = total(inDay(onSpans(timeline.changes("green"), end)));
  const buzzer = total(inDay(onSpans(timeline.changes("buzzer"), end)));

  let motorAmpMs = 0;
  const samples = timeline.samples;
  for (let i = 0; i + 1 < samples.length; i++) {
    const from = Math.max(samples[i].t, start);
    const to = Math.min(samples[i + 1].t, end);
    if (to > from) motorAmpMs += samples[i].amps * (to - from);
  }
  const motorMah = (motorAmpMs * 1000) / 3600000;

  // counted from the start of the day (resetCounts); the day ends with the simulation
  const wakeups = bench.wakeups();
  const outsideStrokes = wakeups.times.filter((t) => !motorSpans.some((s) => t >= s.from && t <= s.to)).length;

  // busy: people and outputs, grouped; and every moment the bolt is not extended (an auto-lock pends)
  const activity: number[] = [];
  for (const e of timeline.events) {
    if (e.t < start || e.t > end) continue;
    if (e.kind === "key" || e.kind === "program" || e.kind === "red" || e.kind === "green" || e.kind === "buzzer" || e.kind === "motor") activity.push(e.t);
  }
  const unlocked: Span[] = [];
  let since: number | undefined;
  for (const s of samples) {
    const open = s.position < 0.98;
    if (open && since === undefined) since = s.t;
    if (!open && since !== undefined) {
      unlocked.push({ from: since, to: s.t });
      since = undefined;
    }
  }
  if (since !== undefined) unlocked.push({ from: since, to: end });
  const busy = union([...groupTimes(activity, GROUP_GAP_MS, TAIL_MS), ...unlocked]);
  const idleArmed = outside(inDay(bench.armedSpans()), busy);

  const perDay = DAY_MS / (end - start);
  const scaled = (ms: number) => ms * perDay;
  const chipPerDay: ChipDay = {
    times: { running: scaled(chip.times.running), sleep: scaled(chip.times.sleep), deepSleep: scaled(chip.times.deepSleep) },
    radio: chip.radio ? { advertising: scaled(chip.radio.advertising), off: scaled(chip.radio.off), connected: scaled(chip.radio.connected) } : undefined,
    pulledPinMs: scaled(chip.pulledPinMs),
    deepSleepEntries: chip.deepSleepEntries * perDay,
    callbacks: chip.callbacks * perDay,
  };
  const energy = energyPerDay(board.chip, board.power, chipPerDay, {
    redOnMs: scaled(red),
    greenOnMs: scaled(green),
    buzzerOnMs: scaled(buzzer),
    motorMah: motorMah * perDay,
  });
  return {
    actions,
    spanMs: end - start,
    motorOnMs: total(motorSpans),
    motorMah,
    redOnMs: red,
    greenOnMs: green,
    buzzerOnMs: buzzer,
    wakeups: { timers: wakeups.timers, watches: wakeups.watches, outsideStrokes },
    chip,
    cpu,
    timerArmedMs: total(inDay(bench.armedSpans())),
    idleTimerMs: total(idleArmed),
    idleTimerAt: idleArmed.length ? { from: idleArmed[0].from - start, to: idleArmed[0].to - start } : undefined,
    energy,
  };
}

/** the day at `ops` operations: one action per slot, the slots filling 24 hours */
export function simulateOperationsDay(board: ValidatedBoard, image: string, ops: number, cpu?: CpuTime, whatIf?: string): DayResult {
  const schedule = operationsSchedule(ops);
  return simulateDay(board, image, schedule, { slotMs: DAY_MS / schedule.length, cpu, whatIf });
}
