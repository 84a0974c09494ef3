// Scenarios on the repository's boards and built images (Node only): the runner of ./runner.ts with
// boards/<name>.json and build/<name>/firmware.js, or the image LATCHKEY_IMAGE_FILE names.
import * as fs from "fs";
import * as path from "path";
import { findBoard } from "../../tools/boards/find";
import { BoardAndImage, RunOptions, RunResult, runScenarioText as runText } from "./runner";

export * from "./runner";

export const REPO_ROOT = path.resolve(__dirname, "../..");

/** build/<board>/firmware.js, or the file LATCHKEY_IMAGE_FILE names (make test runs firmware.min.js too) */
export function imagePath(name: string, root = REPO_ROOT): string {
  return path.join(root, "build", name, process.env.LATCHKEY_IMAGE_FILE || "firmware.js");
}

/** boards/<name>.json (an unknown name is answered with the list of boards), and the board's built image (or `imageFile`) */
export function resolveBoard(name: string, root = REPO_ROOT, imageFile = imagePath(name, root)): BoardAndImage {
  const board = findBoard(name, path.join(root, "boards"));
  const imageName = path.relative(root, imageFile);
  if (!fs.existsSync(imageFile)) throw new Error(`${imageName} is missing: run make first`);
  return { board, image: fs.readFileSync(imageFile, "utf8"), imageName };
}

type FileRunOptions = Omit<RunOptions, "resolve"> & Partial<Pick<RunOptions, "resolve">>;

/** Runs scenario text on the repository's boards unless `resolve` says otherwise. */
export function runScenarioText(text: string, options: FileRunOptions): RunResult {
  return runText(text, { ...options, resolve: options.resolve ?? ((name) => resolveBoard(name)) });
}

export function runScenarioFile(file: string, options: Partial<RunOptions> = {}): RunResult {
  return runScenarioText(fs.readFileSync(file, "utf8"), { ...options, file: options.file ?? file });
}
