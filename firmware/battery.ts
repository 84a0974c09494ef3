// Battery level from rest and loaded pack voltages (SPEC section 7). Pure: the driver takes the
// readings (a rest reading only after the motor idled restIdleMs; samples while it runs) and the
// machine feeds them in. The level gets worse after `levelReadings` qualifying readings in a row of
// one kind (rest and loaded are counted apart) and better only when the rest voltage rises clearly
// above the level's threshold or a fresh pack goes in, so a pack near a threshold does not flap.
import { L, log, logEvent } from "./state";
import { EventKind } from "./types";

/** A const enum: the build writes the values in place. */
export const enum BatteryLevel {
  OK = 0,
  LOW = 1,
  CRITICAL = 2,
  DEAD = 3,
}

/** Guards threshold comparisons against float sums such as 4.2 + 0.2. */
const enum Volts {
  EPSILON = 1e-9,
}

/** A rest reading (the mean of the rest samples, motor idle) or a loaded one (the lowest of a stroke). */
export function batteryReading(volts: number, rest: boolean) {
  const bat = L.bat;
  // a reading outside this range cannot come from a real pack through the divider
  if (!(volts >= CFG.minPackV && volts <= CFG.maxPackV)) return;
  const previous = bat.rest;
  let level = bat.level;
  if (rest && volts >= previous + CFG.batteryReplacedJumpV - Volts.EPSILON) {
    // a fresh pack: start over (a NaN previous rest never compares true)
    level = BatteryLevel.OK;
    bat.loaded = NaN;
    bat.restRuns = 0;
    bat.loadedRuns = 0;
  }
  if (rest) bat.rest = volts;
  else bat.loaded = volts;
  // the thresholds of LOW, CRITICAL and DEAD
  const restMarks = [CFG.lowRestV, CFG.criticalRestV, CFG.deadRestV];
  const marks = rest ? restMarks : [CFG.lowLoadV, CFG.criticalLoadV, CFG.deadLoadV];
  // count the reading into its kind's runs (4 bits per level); worsen the level when a run is long enough
  let runs = rest ? bat.restRuns : bat.loadedRuns;
  for (let i = 1; i <= 3; i++) {
    const shift = 4 * (i - 1);
    let run = (runs >> shift) & 15;
    run = volts <= marks[i - 1] + Volts.EPSILON ? Math.min(run + 1, CFG.levelReadings, 15) : 0;
    runs = (runs & ~(15 << shift)) | (run << shift);
    if (run >= CFG.levelReadings && i > level) level = i;
  }
  if (rest) bat.restRuns = runs;
  else bat.loadedRuns = runs;
  // Recovery, one level at a time: the rest voltage must rise across the level's threshold plus the
  // hysteresis. A level caught by loaded readings while the rest voltage was already above that mark
  // is not left at the next rest reading (that would flap every stroke); a fresh pack clears it.
  while (rest && level > BatteryLevel.OK) {
    const mark = restMarks[level - 1] + CFG.levelHysteresisV - Volts.EPSILON;
    if (!(volts >= mark && previous < mark)) break;
    level--;
  }
  if (level === bat.level) return;
  bat.level = level;
  logEvent(EventKind.BATTERY, level);
  log("battery " + ["OK", "LOW", "CRITICAL", "DEAD"][level]);
}
