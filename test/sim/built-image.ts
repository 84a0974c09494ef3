// Tests that need the built proto-pico image (make builds it; make test always has it) skip, saying so, without it.
import * as fs from "fs";
import * as path from "path";
import { imagePath } from "../../sim/scenario/run";

export const BUILT_IMAGE = imagePath("proto-pico");

/** in a `before`: skips the suite when the image is not built */
export function skipUnlessBuilt(suite: Mocha.Context): void {
  if (fs.existsSync(BUILT_IMAGE)) return;
  console.log(`      (skipped: ${path.relative(process.cwd(), BUILT_IMAGE)} is missing; run make to build it)`);
  suite.skip();
}
