// `make upload-file` asks the espruino CLI, offline, for the exact text it would send to a board: the
// image written to Storage as .bootcde (so it runs at every power-up) and then loaded. No save().
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { espruinoBoardJson, writeEspruinoBoardJson } from "../../tools/espruino-board";

const CLI = path.resolve(__dirname, "../../node_modules/espruino/bin/espruino-cli.js");

/** Runs upload text the way Espruino would, against a fake Storage: what ends up in which file. */
function replay(upload: string): { files: Record<string, string>; declaredSize: number; loaded: string[]; writes: number } {
  const files: Record<string, string> = {};
  const loaded: string[] = [];
  let declaredSize = -1;
  let writes = 0;
  const storage = {
    write(name: string, data: string, offset: number, size?: number): boolean {
      writes++;
      if (size !== undefined) declaredSize = size;
      assert.equal(offset, (files[name] ?? "").length, "chunks arrive in order");
      files[name] = (files[name] ?? "") + data;
      return true;
    },
  };
  const requireStub = (name: string): unknown => {
    assert.equal(name, "Storage");
    return storage;
  };
  new Function("require", "load", upload)(requireStub, (file: string) => loaded.push(file));
  return { files, declaredSize, loaded, writes };
}

describe("upload-file (espruino CLI, no device, no network)", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-upload-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("describes the board for the CLI with a version that uploads to Storage and Storage as built in", () => {
    const json = espruinoBoardJson({ name: "proto-pico", chip: "stm32f401" });
    assert.equal(json.info.name, "proto-pico");
    assert.match(json.info.binary_version, /^2v\d\d$/);
    assert.deepEqual(json.info.builtin_modules, ["Storage"]);
  });

  it("writes the image byte for byte to .bootcde in 1 KiB chunks, then loads it", () => {
    const image = "(()=>{var s=(0,global.require)(\"Storage\");var t=\"quote \\\" and \\\\ backslash\";print(t,s.getFree())})();\n".repeat(30);
    fs.writeFileSync(path.join(dir, "firmware.min.js"), image);
    const boardJson = writeEspruinoBoardJson({ name: "proto-pico", chip: "stm32f401" }, dir);
    const out = execFileSync(
      process.execPath,
      [CLI, "-q", "-n", "--board", boardJson, "--storage", ".bootcde:-", "-o", "upload.js", "firmware.min.js"],
      { cwd: dir, encoding: "utf8", timeout: 20000 },
    );
    assert.doesNotMatch(out, /https?:/, "nothing was looked up online");
    const upload = fs.readFileSync(path.join(dir, "upload.js"), "latin1");
    assert.doesNotMatch(upload, /save\(\)|setBootCode/);
    const result = replay(upload);
    assert.deepEqual(Object.keys(result.files), [".bootcde"]);
    assert.equal(result.files[".bootcde"], image);
    assert.equal(result.declaredSize, image.length);
    assert.equal(result.writes, Math.ceil(image.length / 1024));
    assert.deepEqual(result.loaded, [".bootcde"]);
  });
});
