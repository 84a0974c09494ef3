// Battery level from rest and loaded pack voltages (SPEC section 7). Pure: the caller takes the
// readings (a rest reading only after the motor idled restIdleMs) and feeds them in.
// The level gets worse after `levelReadings` qualifying readings in a row of one kind (rest and
// loaded are counted apart) and better only when the rest voltage rises clearly above the level's
// threshold or a fresh pack goes in, so a pack near a threshold does not flap.
import type { LockConfig } from "./config";

/** A const enum: the build writes the values in place, so they take no RAM on the board. */
export const enum BatteryLevel {
  OK = 0,
  LOW = 1,
  CRITICAL = 2,
  DEAD = 3,
}

export interface BatterySummary {
  level: string;
  rest: number;
  loaded: number;
}

export interface BatteryMonitor {
  /** A rest reading: the mean of the rest samples, taken with the motor idle. */
  rest(volts: number): void;
  /** A stroke begins: its samples until strokeEnd make one loaded reading. */
  strokeStart(now: number): void;
  /** One pack sample during the stroke; the first loadIgnoreMs (inrush) are ignored. */
  sample(volts: number, now: number): void;
  /** The stroke is over: its lowest valid sample becomes one loaded reading (none without one). */
  strokeEnd(): void;
  level(): BatteryLevel;
  /** The level's name, the last valid rest reading and the last loaded reading (NaN if none). */
  summary(): BatterySummary;
}

const enum Volts {
  /** Guards threshold comparisons against float sums such as 4.2 + 0.2. */
  EPSILON = 1e-9,
}

/** What the monitor remembers between readings; plain data, kept while the lock sleeps. */
export interface BatteryMemory {
  level: BatteryLevel;
  rest: number;
  loaded: number;
  /** qualifying readings in a row, per kind, for LOW, CRITICAL, DEAD (index level - 1); capped */
  restRuns: number[];
  loadedRuns: number[];
  inStroke: boolean;
  strokeStartMs: number;
  strokeMin: number;
}

export function newBatteryMemory(): BatteryMemory {
  return { level: BatteryLevel.OK, rest: NaN, loaded: NaN, restRuns: [0, 0, 0], loadedRuns: [0, 0, 0], inStroke: false, strokeStartMs: 0, strokeMin: NaN };
}

export function createBatteryMonitor(config: LockConfig, memory?: BatteryMemory): BatteryMonitor {
  const m = memory || newBatteryMemory();

  function valid(volts: number): boolean {
    return typeof volts === "number" && volts >= config.minPackV && volts <= config.maxPackV;
  }

  function restThreshold(level: number): number {
    if (level === BatteryLevel.LOW) return config.lowRestV;
    if (level === BatteryLevel.CRITICAL) return config.criticalRestV;
    return config.deadRestV;
  }

  function loadedThreshold(level: number): number {
    if (level === BatteryLevel.LOW) return config.lowLoadV;
    if (level === BatteryLevel.CRITICAL) return config.criticalLoadV;
    return config.deadLoadV;
  }

  /** Count a reading into its kind's runs; worsen the level when a run is long enough. */
  function count(runs: number[], volts: number, isRest: boolean): void {
    for (let level = 1; level <= 3; level++) {
      let threshold = isRest ? restThreshold(level) : loadedThreshold(level);
      if (volts <= threshold + Volts.EPSILON) {
        if (runs[level - 1] < config.levelReadings) runs[level - 1]++;
      } else {
        runs[level - 1] = 0;
      }
      if (runs[level - 1] >= config.levelReadings && level > m.level) m.level = level;
    }
  }

  function onRest(volts: number): void {
    if (!valid(volts)) return;
    const previous = m.rest;
    if (volts >= previous + config.batteryReplacedJumpV - Volts.EPSILON) {
      // a fresh pack: start over (a NaN previous rest never compares true)
      m.level = BatteryLevel.OK;
      m.loaded = NaN;
      m.restRuns = [0, 0, 0];
      m.loadedRuns = [0, 0, 0];
    }
    m.rest = volts;
    count(m.restRuns, volts, true);
    // Recovery, one level at a time: the rest voltage must rise across the level's threshold plus the
    // hysteresis. A level caught by loaded readings while the rest voltage was already above that mark
    // is not left at the next rest reading (that would flap every stroke); a fresh pack clears it.
    while (true) {
      if (m.level === BatteryLevel.OK) return;
      let mark = restThreshold(m.level) + config.levelHysteresisV - Volts.EPSILON;
      if (!(volts >= mark && previous < mark)) return;
      m.level = (m.level - 1) as BatteryLevel;
    }
  }

  function onLoaded(volts: number): void {
    m.loaded = volts;
    count(m.loadedRuns, volts, false);
  }

  return {
    rest: onRest,
    strokeStart: function (now: number) {
      m.inStroke = true;
      m.strokeStartMs = now;
      m.strokeMin = NaN;
    },
    sample: function (volts: number, now: number) {
      if (!m.inStroke || now - m.strokeStartMs < config.loadIgnoreMs || !valid(volts)) return;
      if (isNaN(m.strokeMin) || volts < m.strokeMin) m.strokeMin = volts;
    },
    strokeEnd: function () {
      if (m.inStroke && !isNaN(m.strokeMin)) onLoaded(m.strokeMin);
      m.inStroke = false;
      m.strokeMin = NaN;
    },
    level: function () {
      return m.level;
    },
    summary: function () {
      return { level: ["OK", "LOW", "CRITICAL", "DEAD"][m.level], rest: m.rest, loaded: m.loaded };
    },
  };
}
