// Flash writes as the flash model sees them (any Storage call of the image that programs or erases),
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
 * From now on, every Storage call of the image that programs or erases flash (whatever its name:
 * the flash model counts the steps), and whether the motor was driven at that moment. The flash
 * model outlives power cycles, and so does this record.
 */
export function recordFlashWrites(sim: Simulation): FlashWrite[] {
  const writes: FlashWrite[] = [];
  const flash = sim.flash as unknown as Record<string, unknown>;
  for (const name of Object.keys(flash)) {
    const real = flash[name];
    if (typeof real !== "function" || name === "steps") continue;
    flash[name] = function (this: unknown, ...args: unknown[]) {
      const driven = motorDriven(sim);
      const before = sim.flash.steps();
      try {
        return real.apply(this, args);
      } finally {
        if (sim.flash.steps() !== before) writes.push({ t: sim.now(), call: name, motorDriven: driven });
      }
    };
  }
  return writes;
}
