// sim/cli.ts as `make sim SCENARIO=...` runs it: the exit status says whether every expectation held.
import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TOY_LOCK } from "./toy-lock";

const REPO = path.resolve(__dirname, "../..");

function cli(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile("npx", ["--no-install", "tsx", "sim/cli.ts", ...args], { cwd: REPO }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 99) : 0;
      resolve({ code, out: stdout + stderr });
    });
  });
}

describe("sim: the command line", function () {
  this.timeout(30000);
  let dir = "";
  const file = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-cli-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("exits 0 when every expectation holds, 1 naming file:line when one fails, 2 on a bad scenario", async () => {
    const image = file("toy.js", TOY_LOCK);
    const svg = path.join(dir, "out.svg");
    const good = file("good.scn", "power on\npress #\nexpect 1 green flash within 2s\nexpect bolt extended\n");
    const bad = file("bad.scn", "power on\npress #\nexpect 3 red flashes within 2s\n");
    const broken = file("broken.scn", "power on\npress 12x#\n");
    const [pass, fail, error] = await Promise.all([
      cli(["--image", image, "--scenario", good, "--svg", svg]),
      cli(["--image", image, "--scenario", bad, "--quiet"]),
      cli(["--image", image, "--scenario", broken]),
    ]);
    assert.equal(pass.code, 0, pass.out);
    assert.match(pass.out, /^board proto-pico: .*toy\.js$/m, "the board and image that ran are named first");
    assert.match(pass.out, /PASS .*good\.scn \(board proto-pico\): 2 expectations held/);
    assert.match(pass.out, /toy: stroke done/, "the lock's log is shown");
    assert.ok(fs.readFileSync(svg, "utf8").startsWith("<?xml"));
    assert.equal(fail.code, 1, fail.out);
    assert.match(fail.out, /FAIL .*bad\.scn:3: expect 3 red flashes within 2s\n\s+expected 3 red flashes between 0\.00s and 2\.\d+s, saw none/);
    assert.doesNotMatch(fail.out, /toy: stroke done/, "--quiet hides the log");
    assert.equal(error.code, 2, error.out);
    assert.match(error.out, /error: .*broken\.scn:2: "press" takes keys/);
  });

  it("refuses a board that contradicts the scenario's board line, and answers an unknown board with the list", async () => {
    const image = file("toy2.js", TOY_LOCK);
    const scn = file("pico.scn", "board proto-pico\npress #\nwait 2s\nexpect bolt extended\n");
    const [contradiction, unknown, agreeing] = await Promise.all([
      cli(["--image", image, "--board", "proto-esp32", "--scenario", scn]),
      cli(["--board", "nope", "--scenario", scn]),
      cli(["--image", image, "--board", "proto-pico", "--scenario", scn, "--quiet"]),
    ]);
    assert.equal(contradiction.code, 2, contradiction.out);
    assert.match(contradiction.out, /pico\.scn:1: this scenario is for board proto-pico, but board proto-esp32 was asked for/);
    assert.equal(unknown.code, 2, unknown.out);
    assert.match(unknown.out, /^error: no board "nope": there is no boards\/nope\.json \(boards: proto-esp32, proto-mdbt42q, proto-pico\)$/m);
    assert.equal(agreeing.code, 0, agreeing.out);
    assert.match(agreeing.out, /PASS .*pico\.scn \(board proto-pico\): 1 expectation held/);
  });
});
