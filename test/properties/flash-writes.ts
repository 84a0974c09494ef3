// Flash writes as the flash model sees them (any Storage or Flash call of the image that programs or erases),
// each with whether the motor was driven at that moment: black-box, whatever the persistence layer.
import type { Simulation } from "../../sim/engine";
import { motorDriven } from "./image";

export interface FlashWrite {
  /** simulation time, ms (to the physics step) */
  t: number;
  /** the Storage call that changed flash */
  call: string;
  /** the motor was driven when it was made */
  motorDriven: boolean;
}

/**
 * From now on, every Storage or Flash call of the image that programs or erases flash (whatever its name:
 * the flash model counts the steps), and whether the motor was driven at that moment. The flash
 * model outlives power cycles, and so does this record.
 */
export function recordFlashWrites(sim: Simulation): FlashWrite[] {
  const writes: FlashWrite[] = [];
  // Storage's calls and require("Flash")'s (the journal's), over the same chip
  const libs: Array<[string, Record<string, unknown>]> = [
    ["Storage.", sim.flash as unknown as Record<string, unknown>],
    ["Flash.", sim.boardFlash.flash as unknown as Record<string, unknown>],
  ];
  for (const [prefix, lib] of libs) {
    for (const name of Object.keys(lib)) {
      const real = lib[name];
      if (typeof real !== "function" || name === "steps") continue;
      lib[name] = function (this: unknown, ...args: unknown[]) {
        const driven = motorDriven(sim);
        const before = sim.flash.steps();
        try {
          return real.apply(this, args);
        } finally {
          if (sim.flash.steps() !== before) writes.push({ t: sim.now(), call: prefix + name, motorDriven: driven });
        }
      };
    }
  }
  return writes;
}
