// The proto-mdbt42q image with each radio setting: "off" is the board file's own (build/proto-mdbt42q, which
// `make` builds); "paired" and "open" are built here from the same board file with only `radio` changed, once
// per test run, into a temporary folder, exactly as `make` builds an image. LATCHKEY_IMAGE_FILE picks the
// readable or the minified image, as for the other image tests.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildImage } from "../../tools/build";
import { imageDefines } from "../../tools/boards/image-defines";
import { validateBoard, ValidatedBoard } from "../../tools/boards/load";
import type { RadioSetting } from "../../tools/boards/chips";
import { imagePath, REPO_ROOT } from "../../sim/scenario/run";

export const RADIO_BOARD = "proto-mdbt42q";

export interface RadioImage {
  board: ValidatedBoard;
  image: string;
  imageName: string;
}

const built = new Map<string, Promise<RadioImage>>();

function boardWith(radio?: RadioSetting): ValidatedBoard {
  const file = path.join("boards", RADIO_BOARD + ".json");
  const data = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), "utf8"));
  if (radio) data.radio = radio;
  return validateBoard(data, file);
}

async function build(radio: RadioSetting, imageFile: string): Promise<RadioImage> {
  const board = boardWith(radio);
  if (boardWith().radio === radio) {
    // the board file's own setting: the image `make` built
    const file = path.join(path.dirname(imagePath(RADIO_BOARD)), imageFile);
    if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing: run make first`);
    return { board, image: fs.readFileSync(file, "utf8"), imageName: path.relative(REPO_ROOT, file) };
  }
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), `latchkey-radio-${radio}-`));
  try {
    const report = await buildImage({ board, defines: imageDefines(board), outDir });
    if (report.problems.length) throw new Error(`building ${RADIO_BOARD} with radio "${radio}" failed:\n${report.problems.join("\n")}`);
    const file = path.join(outDir, imageFile);
    return { board, image: fs.readFileSync(file, "utf8"), imageName: `${RADIO_BOARD}, radio "${radio}", ${path.basename(file)}` };
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

/**
 * the proto-mdbt42q image with this radio setting, built once per test run: readable or minified as
 * LATCHKEY_IMAGE_FILE says, or `imageFile` (what a board holds, minified, for the real interpreter)
 */
export function radioImage(radio: RadioSetting, imageFile = process.env.LATCHKEY_IMAGE_FILE || "firmware.js"): Promise<RadioImage> {
  const key = radio + " " + imageFile;
  let image = built.get(key);
  if (!image) built.set(key, (image = build(radio, imageFile)));
  return image;
}
