// A simulated day of use, in virtual time, on the real image: what the motor, LEDs, buzzer and CPU do, the
// energy that takes from the board's datasheet figures (boards/*.json "power"), and whether any timer
// stays armed while the lock idles (SPEC 10: it must not).
import type { ValidatedBoard } from "../boards/load";
import type { Span } from "./harness";
import { createBenchSimulation } from "./harness";
import { press, setUpLock, status, USER_CODE } from "./person";
import { clip, groupTimes, onSpans, outside, total, union } from "./spans";

export const HOUR_MS = 3600 * 1000;
export const DAY_MS = 24 * HOUR_MS;
/** 4x AA alkaline */
export const PACK_MAH = 2500;
/** CPU time one wake-up (a timer or watch callback) is assumed to cost, awake */
export const WAKEUP_MS = 5;
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

/** Figures over the simulated span (a day by default); `energy` is per day. */
export interface DayResult {
  actions: { unlocks: number; oneTouchLocks: number; autoLocks: number; wrongCodes: number };
  motorOnMs: number;
  motorMah: number;
  redOnMs: number;
  greenOnMs: number;
  buzzerOnMs: number;
  wakeups: { timers: number; watches: number; outsideStrokes: number };
  awakeMs: number;
  /** virtual ms with any image timer armed (strokes, patterns, pending auto-lock...) */
  timerArmedMs: number;
  /** virtual ms with an image timer armed while the lock was idle (SPEC 10): must be 0 */
  idleTimerMs: number;
  /** the first such span, to say where */
  idleTimerAt?: Span;
  energy: EnergyResult;
}

export interface EnergyResult {
  /** mAh per day, by consumer */
  sleepMah: number;
  awakeMah: number;
  ledMah: number;
  buzzerMah: number;
  motorMah: number;
  totalMah: number;
  lifeDays: number;
  /** with the chip's deep sleep (STM32 setDeepSleep), where the board file gives that figure */
  deepSleepTotalMah?: number;
  deepSleepLifeDays?: number;
}

const hours = (ms: number) => ms / 3600000;

export function energyPerDay(
  power: ValidatedBoard["power"],
  day: { awakeMs: number; redOnMs: number; greenOnMs: number; buzzerOnMs: number; motorMah: number },
): EnergyResult {
  const asleepMs = DAY_MS - day.awakeMs;
  const sleepMah = (power.sleepMicroAmps / 1000) * hours(asleepMs);
  const awakeMah = power.awakeMilliAmps * hours(day.awakeMs);
  const ledMah = power.ledMilliAmps * hours(day.redOnMs + day.greenOnMs);
  const buzzerMah = power.buzzerMilliAmps * hours(day.buzzerOnMs);
  const totalMah = sleepMah + awakeMah + ledMah + buzzerMah + day.motorMah;
  const result: EnergyResult = { sleepMah, awakeMah, ledMah, buzzerMah, motorMah: day.motorMah, totalMah, lifeDays: PACK_MAH / totalMah };
  if (power.deepSleepMicroAmps !== undefined) {
    const deep = totalMah - sleepMah + (power.deepSleepMicroAmps / 1000) * hours(asleepMs);
    result.deepSleepTotalMah = deep;
    result.deepSleepLifeDays = PACK_MAH / deep;
  }
  return result;
}

/** `schedule`: one action an hour (default daySchedule()); figures for a shorter one are scaled to a day */
export function simulateDay(board: ValidatedBoard, image: string, schedule: DayAction[] = daySchedule()): DayResult {
  const bench = createBenchSimulation({ board, image, imageName: `build/${board.name}/firmware.js` });
  const sim = bench.sim;
  setUpLock(sim, bench.armedTimers, { autoLock: true });
  const start = sim.now();
  const end = start + schedule.length * HOUR_MS;
  bench.resetCounts();
  const actions = { unlocks: 0, oneTouchLocks: 0, autoLocks: 0, wrongCodes: 0 };
  const expectLocked = (locked: boolean, after: string) => {
    if (status(sim).locked !== locked) throw new Error(`${board.name}: simulated day: not ${locked ? "locked" : "unlocked"} after ${after} at ${((sim.now() - start) / 3600000).toFixed(2)} h`);
  };

  schedule.forEach((action, hour) => {
    sim.advance(start + hour * HOUR_MS + 60000 - sim.now());
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
  const motorOnMs = total(motorSpans);
  const awakeMs = motorOnMs + outsideStrokes * WAKEUP_MS;

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
  const day = { awakeMs: awakeMs * perDay, redOnMs: red * perDay, greenOnMs: green * perDay, buzzerOnMs: buzzer * perDay, motorMah: motorMah * perDay };
  return {
    actions,
    motorOnMs,
    motorMah,
    redOnMs: red,
    greenOnMs: green,
    buzzerOnMs: buzzer,
    wakeups: { timers: wakeups.timers, watches: wakeups.watches, outsideStrokes },
    awakeMs,
    timerArmedMs: total(inDay(bench.armedSpans())),
    idleTimerMs: total(idleArmed),
    idleTimerAt: idleArmed.length ? { from: idleArmed[0].from - start, to: idleArmed[0].to - start } : undefined,
    energy: energyPerDay(board.power, day),
  };
}

