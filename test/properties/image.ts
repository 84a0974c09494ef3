// The real proto-pico image in the simulator, for the property and fault tests. The image is the bytes
// `make` builds (build/proto-pico/firmware.js); tests skip with a message when it has not been built.
import * as fs from "fs";
import * as path from "path";
import type { FakeEspruino } from "../../sim/espruino/fake";
import { createSimulation, Hand, Simulation } from "../../sim/engine";
import { imagePath, resolveBoard } from "../../sim/scenario/run";
import type { BoardAndImage } from "../../sim/scenario/run";

export const BOARD = "proto-pico";
/** LATCHKEY_IMAGE runs the tests on another image of this board (the minified one, a mutant) */
export const IMAGE = process.env.LATCHKEY_IMAGE ? path.resolve(process.env.LATCHKEY_IMAGE) : imagePath(BOARD);

/** In a mocha `before`: skips the suite, saying why, when the image is missing. */
export function skipWithoutImage(context: Mocha.Context): void {
  if (!fs.existsSync(IMAGE)) {
    console.log(`      (skipped: ${path.relative(process.cwd(), IMAGE)} is missing; run make to build it)`);
    context.skip();
  }
}

let loaded: BoardAndImage | undefined;

/** The board and image, read once per test process. */
export function boardAndImage(): BoardAndImage {
  if (!loaded) loaded = resolveBoard(BOARD, undefined, IMAGE);
  return loaded;
}

/** A lock on the bench: batteries out, fresh cells, empty flash. */
export function newLock(options: { hand?: Hand; boltPosition?: number } = {}): Simulation {
  const { board, image, imageName } = boardAndImage();
  return createSimulation({ board, image, imageName, hand: options.hand, boltPosition: options.boltPosition });
}

/**
 * The fake Espruino the powered lock runs on (undefined while off). The engine keeps it private;
 * the fault tests need its recorded watchdog and settable error flags.
 */
export function espruinoOf(sim: Simulation): FakeEspruino | undefined {
  return (sim as unknown as { fake: FakeEspruino | undefined }).fake;
}

/** the motor is driven now (one H-bridge input high, the other low) */
export function motorDriven(sim: Simulation): boolean {
  const fake = espruinoOf(sim);
  const motor = sim.board.wiring.motor;
  return !!fake && fake.level(motor.in1) !== fake.level(motor.in2);
}

export function motorPinsLow(sim: Simulation): boolean {
  const fake = espruinoOf(sim);
  const motor = sim.board.wiring.motor;
  return !!fake && !fake.level(motor.in1) && !fake.level(motor.in2);
}
