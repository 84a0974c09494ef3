// A pack of 4 AA alkaline cells in series: open-circuit voltage that falls as charge is used, and an
// internal resistance that rises towards the end, so the terminal voltage sags while the motor draws.
// Numbers follow the usual alkaline discharge curve (Energizer E91 datasheet shape): 1.6 V fresh,
// a long slope through 1.4-1.2 V, a knee near 1.1 V, flat at 0.9 V.

export interface BatteryOptions {
  /** charge of a fresh pack in mAh (AA alkaline: about 2500) */
  capacityMah?: number;
  /** standard deviation of the reading noise in volts (0 = none) */
  noiseV?: number;
  /** seed for the noise, so a run can be repeated exactly */
  seed?: number;
}

export interface Battery {
  /** open-circuit pack voltage */
  openCircuitVolts(): number;
  /** internal resistance of the pack in ohms */
  resistanceOhms(): number;
  /** terminal voltage while `amps` flow out of the pack (with noise, when enabled) */
  terminalVolts(amps: number): number;
  /** take `amps` out of the pack for `ms` milliseconds */
  draw(amps: number, ms: number): void;
  /** fraction of the charge used, 0 fresh .. 1 flat */
  used(): number;
  /** put the pack at the charge where its open-circuit voltage is `volts` (above or below the curve: held there) */
  setVolts(volts: number): void;
  /** hold the internal resistance at `ohms` (worn or cold cells); undefined goes back to the model */
  setResistance(ohms: number | undefined): void;
  /** fresh cells */
  replace(): void;
}

/** Per cell: (fraction of charge used, open-circuit volts). */
const CELL_CURVE: Array<[number, number]> = [
  [0.0, 1.6],
  [0.05, 1.5],
  [0.2, 1.42],
  [0.4, 1.35],
  [0.6, 1.27],
  [0.75, 1.2],
  [0.85, 1.12],
  [0.93, 1.02],
  [1.0, 0.9],
];
const CELLS = 4;
export const FRESH_PACK_VOLTS = CELL_CURVE[0][1] * CELLS;
export const FLAT_PACK_VOLTS = CELL_CURVE[CELL_CURVE.length - 1][1] * CELLS;

function interpolate(table: Array<[number, number]>, x: number): number {
  if (x <= table[0][0]) return table[0][1];
  for (let i = 1; i < table.length; i++) {
    const [x1, y1] = table[i];
    const [x0, y0] = table[i - 1];
    if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return table[table.length - 1][1];
}

/** The fraction used at which the pack shows `packVolts` (the curve falls monotonically). */
function usedAtVolts(packVolts: number): number {
  const inverted = CELL_CURVE.map(([u, v]) => [v * CELLS, u] as [number, number]).reverse();
  return interpolate(inverted, packVolts);
}

/** mulberry32: a tiny seeded generator, enough for repeatable noise. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createBattery(options: BatteryOptions = {}): Battery {
  const capacityMah = options.capacityMah ?? 2500;
  const noiseV = options.noiseV ?? 0;
  const random = seededRandom(options.seed ?? 1);
  let usedFraction = 0;
  /** set when a scenario asks for a voltage outside the curve */
  let heldVolts: number | undefined;
  let heldOhms: number | undefined;

  function gaussian(): number {
    // sum of uniforms: close enough to normal, and bounded
    return (random() + random() + random() + random() - 2) * Math.sqrt(3);
  }

  const battery: Battery = {
    openCircuitVolts() {
      return heldVolts ?? interpolate(CELL_CURVE, usedFraction) * CELLS;
    },
    resistanceOhms() {
      // 0.3 ohm fresh, rising steeply past the knee to 1 ohm flat
      return heldOhms ?? 0.3 + 0.7 * usedFraction * usedFraction;
    },
    terminalVolts(amps) {
      const volts = battery.openCircuitVolts() - Math.max(0, amps) * battery.resistanceOhms();
      return Math.max(0, noiseV > 0 ? volts + gaussian() * noiseV : volts);
    },
    draw(amps, ms) {
      if (amps <= 0 || ms <= 0) return;
      const mah = (amps * 1000 * ms) / 3600000;
      usedFraction = Math.min(1, usedFraction + mah / capacityMah);
    },
    used() {
      return usedFraction;
    },
    setVolts(volts) {
      if (volts > FRESH_PACK_VOLTS || volts < FLAT_PACK_VOLTS) {
        heldVolts = volts;
        usedFraction = volts > FRESH_PACK_VOLTS ? 0 : 1;
      } else {
        heldVolts = undefined;
        usedFraction = usedAtVolts(volts);
      }
    },
    setResistance(ohms) {
      heldOhms = ohms;
    },
    replace() {
      heldVolts = undefined;
      heldOhms = undefined;
      usedFraction = 0;
    },
  };
  return battery;
}
