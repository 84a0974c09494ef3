// The CPU time the energy model charges per callback the image runs: one key press's handling, measured on
// Espruino's real interpreter (tools/power/measure-cpu.ts, stored in tools/power/cpu-measured.json) and
// scaled from the measuring machine's clock to the chip's. Clock alone is a lower bound: a Cortex-M4 does less
// per cycle than the x86 it was measured on, and runs from flash with wait states.
import * as crypto from "crypto";
import * as fs from "fs";
import { CHIP_POWER } from "../../sim/espruino/chip-power";
import { CpuMeasurement, MEASURED_FILE } from "../power/measure-cpu";

export interface CpuTime {
  /** ms per callback on the chip */
  msPerCallback: number;
  /** ms per key press on the measuring machine (image code in RAM) */
  measuredMs: number;
  /** measuring machine's MHz / chip's MHz */
  factor: number;
  hostMhz: number;
  chipMhz: number;
  /** what was measured, where and when, in a few words */
  provenance: string;
  /** the image measured is not the one built now: the figure may be out of date */
  stale: boolean;
}

export function readCpuMeasurement(file = MEASURED_FILE): CpuMeasurement {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run tools/power/measure-cpu.ts --write (docs/power.md)`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as CpuMeasurement;
}

/** `measuredImage`: the minified image of the measured board as built now, to tell whether the figure is current */
export function cpuTimeFor(chip: string, m: CpuMeasurement, measuredImage?: string): CpuTime {
  const facts = CHIP_POWER[chip];
  if (!facts) throw new Error(`no power facts for chip ${chip} (sim/espruino/chip-power.ts)`);
  const factor = m.host.mhz / facts.clockMHz;
  const stale = measuredImage !== undefined && crypto.createHash("sha256").update(measuredImage).digest("hex") !== m.imageSha256;
  return {
    msPerCallback: m.ram.meanMs * factor,
    measuredMs: m.ram.meanMs,
    factor,
    hostMhz: m.host.mhz,
    chipMhz: facts.clockMHz,
    provenance: `${m.board}'s key press on ${m.interpreter} (code in RAM), ${m.host.cpu} at ${m.host.mhz} MHz, ${m.date}`,
    stale,
  };
}
