// A board file's `power` block (what the energy bench charges per state, with its source) and its battery
// budget. The states are those of the fake Espruino's power model (sim/espruino/power.ts).
import { CHIP_POWER } from "../../sim/espruino/chip-power";
import { describe, Fields, JsonObject } from "./fields";

/** figures for the energy bench: datasheet-level estimates, see `source` */
export interface BoardPower {
  /** "battery" (4xAA) or "mains": a mains board gets no battery life and no battery budget */
  supply: "battery" | "mains";
  /** why the board has to be mains-powered (given exactly when supply is "mains") */
  mainsReason?: string;
  /** the chip in ordinary sleep (clocks running: STM32 Sleep, nRF52 with its fast clock on, ESP32 idle) */
  sleepMicroAmps: number;
  /** the chip in deep sleep (STM32 STOP; nRF52 idle on its 32 kHz clock, radio off) */
  deepSleepMicroAmps?: number;
  /** CPU running JavaScript */
  awakeMilliAmps: number;
  /** what the radio adds in each state, over the chip's own current (nRF52) */
  radioMicroAmps?: { advertising: number; connected: number };
  /** the battery-sense divider, which sits across the pack all the time (pack volts / ohms) */
  batteryDividerOhms?: number;
  /** per LED lit */
  ledMilliAmps: number;
  buzzerMilliAmps: number;
  /** where the figures come from */
  source: string;
}

const POWER_FIELDS = [
  "supply", "mainsReason", "sleepMicroAmps", "deepSleepMicroAmps", "awakeMilliAmps", "radioMicroAmps",
  "batteryDividerOhms", "ledMilliAmps", "buzzerMilliAmps", "source",
];

export function readPower(top: JsonObject, chipName: string, f: Fields): BoardPower {
  const o = f.object(f.required(top, "power", ""), "power", POWER_FIELDS);
  const amps = (key: string) => f.number(f.required(o, key, "power"), "power." + key, 0, false);
  const supply = o.supply === undefined ? "battery" : o.supply;
  if (supply !== "battery" && supply !== "mains") f.fail("power.supply", 'must be "battery" or "mains", got ' + describe(supply));
  const power: BoardPower = {
    supply,
    sleepMicroAmps: amps("sleepMicroAmps"),
    awakeMilliAmps: amps("awakeMilliAmps"),
    ledMilliAmps: amps("ledMilliAmps"),
    buzzerMilliAmps: amps("buzzerMilliAmps"),
    source: f.string(f.required(o, "source", "power"), "power.source"),
  };
  if (power.source.trim() === "") f.fail("power.source", "must say where the figures come from");
  if (supply === "mains") {
    const reason = f.string(f.required(o, "mainsReason", "power"), "power.mainsReason");
    if (reason.trim() === "") f.fail("power.mainsReason", "must say why the board cannot run on batteries");
    power.mainsReason = reason;
  } else if (o.mainsReason !== undefined) {
    f.fail("power.mainsReason", 'belongs only to a board with "supply": "mains"');
  }
  if (o.deepSleepMicroAmps !== undefined) power.deepSleepMicroAmps = amps("deepSleepMicroAmps");
  const facts = CHIP_POWER[chipName];
  if (supply === "battery" && facts && facts.idle !== "sleep" && power.deepSleepMicroAmps === undefined) {
    f.fail("power.deepSleepMicroAmps", "is needed: " + chipName + " sleeps deeply when idle, and the bench charges that state");
  }
  if (o.radioMicroAmps !== undefined) {
    const r = f.object(o.radioMicroAmps, "power.radioMicroAmps", ["advertising", "connected"]);
    const radio = (key: string) => f.number(f.required(r, key, "power.radioMicroAmps"), "power.radioMicroAmps." + key, 0, false);
    power.radioMicroAmps = { advertising: radio("advertising"), connected: radio("connected") };
  }
  if (facts && facts.hasNrf && supply === "battery" && !power.radioMicroAmps) {
    f.fail("power.radioMicroAmps", "is needed: " + chipName + " has a radio whose state the bench charges");
  }
  if (o.batteryDividerOhms !== undefined) power.batteryDividerOhms = f.number(o.batteryDividerOhms, "power.batteryDividerOhms", 0, true);
  return power;
}

/** budget.minBatteryYears: the battery life at 10 operations a day that `make bench` must find, if given */
export function readMinBatteryYears(budget: JsonObject, power: BoardPower | undefined, f: Fields): number | undefined {
  if (budget.minBatteryYears === undefined) return undefined;
  const years = f.number(budget.minBatteryYears, "budget.minBatteryYears", 0, true);
  if (power && power.supply === "mains") f.fail("budget.minBatteryYears", "a mains-powered board has no battery life to budget");
  return years;
}
