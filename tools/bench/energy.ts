// Energy per day and battery life, from what the chip did in a simulated day (the fake Espruino's power
// accounting: time running, in ordinary sleep and in deep sleep, the radio's states, pulled-up inputs held
// low) and what the lock's outputs did (LEDs, buzzer, motor charge from the mechanism model), priced with
// the board file's `power` figures. The chip's pin facts come from sim/espruino/chip-power.ts.
import type { BoardPower } from "../boards/load";
import { CHIP_POWER } from "../../sim/espruino/chip-power";
import type { PowerTimes, RadioState } from "../../sim/espruino/power";
import { createBattery } from "../../sim/model/battery";

export const DAY_MS = 24 * 3600 * 1000;
/** 4x AA alkaline */
export const PACK_MAH = 2500;
/**
 * Battery life is capped here: alkaline AA cells keep most of their charge about this long on a shelf
 * (Energizer E91 datasheet: shelf life 10 years at 21 C), and a lock's cells age the same way.
 */
export const SHELF_LIFE_YEARS = 10;
export const SHELF_LIFE_SOURCE = "Energizer E91 (AA alkaline) datasheet: shelf life 10 years at 21 C";

/** the chip over one day (or scaled to one) */
export interface ChipDay {
  times: PowerTimes;
  radio: Record<RadioState, number> | undefined;
  /** pulled-up inputs held low (or pulled-down held high), summed over time, pin-ms */
  pulledPinMs: number;
  deepSleepEntries: number;
  callbacks: number;
}

export interface OutputsDay {
  redOnMs: number;
  greenOnMs: number;
  buzzerOnMs: number;
  motorMah: number;
}

/** mAh per day by consumer */
export interface EnergyParts {
  running: number;
  sleep: number;
  deepSleep: number;
  radio: number;
  pullUps: number;
  divider: number;
  leds: number;
  buzzer: number;
  motor: number;
}

export interface Energy {
  parts: EnergyParts;
  totalMah: number;
  supply: "battery" | "mains";
  /** battery boards: years on PACK_MAH, capped at SHELF_LIFE_YEARS */
  years?: number;
  /** before the cap */
  uncappedYears?: number;
}

const hours = (ms: number) => ms / 3600000;

let meanPack: number | undefined;

/** the pack's open-circuit volts averaged over its charge (sim/model/battery.ts), for the divider's current */
export function meanPackVolts(): number {
  if (meanPack !== undefined) return meanPack;
  const pack = createBattery({ capacityMah: PACK_MAH });
  let sum = 0;
  const steps = 200;
  for (let i = 0; i < steps; i++) {
    sum += pack.openCircuitVolts();
    pack.draw(1, (PACK_MAH / steps) * 3600); // 1 A for the time that takes 1/steps of the charge
  }
  meanPack = sum / steps;
  return meanPack;
}

export function energyPerDay(chip: string, power: BoardPower, day: ChipDay, outputs: OutputsDay): Energy {
  const facts = CHIP_POWER[chip];
  const t = day.times;
  if (t.deepSleep > 0 && power.deepSleepMicroAmps === undefined) {
    throw new Error(`${chip}: the chip was in deep sleep but the board file gives no power.deepSleepMicroAmps`);
  }
  const radio = day.radio && power.radioMicroAmps ? day.radio : undefined;
  const parts: EnergyParts = {
    running: power.awakeMilliAmps * hours(t.running),
    sleep: (power.sleepMicroAmps / 1000) * hours(t.sleep),
    deepSleep: ((power.deepSleepMicroAmps ?? 0) / 1000) * hours(t.deepSleep),
    radio: radio && power.radioMicroAmps
      ? ((power.radioMicroAmps.advertising * radio.advertising + power.radioMicroAmps.connected * radio.connected) / 1000) / 3600000
      : 0,
    pullUps: facts ? ((facts.vddVolts / facts.pullUpOhms) * 1000 * day.pulledPinMs) / 3600000 : 0,
    divider: power.batteryDividerOhms ? ((meanPackVolts() / power.batteryDividerOhms) * 1000 * DAY_MS) / 3600000 : 0,
    leds: power.ledMilliAmps * hours(outputs.redOnMs + outputs.greenOnMs),
    buzzer: power.buzzerMilliAmps * hours(outputs.buzzerOnMs),
    motor: outputs.motorMah,
  };
  const totalMah = Object.values(parts).reduce((a, b) => a + b, 0);
  const energy: Energy = { parts, totalMah, supply: power.supply };
  if (power.supply === "battery") {
    energy.uncappedYears = PACK_MAH / totalMah / 365.25;
    energy.years = Math.min(energy.uncappedYears, SHELF_LIFE_YEARS);
  }
  return energy;
}
