// The build turns the firmware into one image per board and refuses, with the source line, anything
// Espruino cannot run. These tests build small entries (not firmware/main.ts) for a stand-in board.
import { strict as assert } from "assert";
import * as esbuild from "esbuild";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as sinon from "sinon";
import { type BuildableBoard, buildImage, formatTable, main, supportedTable } from "../../tools/build";

const BOARD: BuildableBoard = {
  name: "test-board",
  file: "boards/test-board.json",
  chip: "stm32f401",
  budget: { minifiedBytes: 100000 },
};
/** what tools/boards/image-defines.ts would give for a board with one LED */
const DEFINES = { define: { "BOARD.led": "B2", "CFG.entryTimeoutMs": "5000" }, banner: "digitalWrite(B2, 0);\n" };

describe("build", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-build-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  let n = 0;
  async function build(source: string, board: BuildableBoard = BOARD) {
    const case_ = path.join(dir, `case${n++}`);
    fs.mkdirSync(case_);
    const entry = path.join(case_, "main.ts");
    fs.writeFileSync(entry, source);
    const outDir = path.join(case_, "out");
    const report = await buildImage({ board, defines: DEFINES, entry, outDir });
    return { report, outDir, read: (name: string) => fs.readFileSync(path.join(outDir, name), "utf8") };
  }

  const CLEAN = [
    "declare const BOARD: { led: Pin }, CFG: { entryTimeoutMs: number };",
    "function blink(on: boolean): void { digitalWrite(BOARD.led, on); }",
    "const store = require(\"Storage\");",
    "let timer: number | undefined;",
    "function start(): void {",
    "  if (timer) clearTimeout(timer);",
    "  timer = setTimeout(() => blink(false), CFG.entryTimeoutMs);",
    "  store.write(\"boot\", \"1\");",
    "}",
    "blink(true);",
    "start();",
    "",
  ].join("\n");

  it("writes a readable image, a minified image, their maps and the espruino board file", async () => {
    const { report, outDir, read } = await build(CLEAN);
    assert.deepEqual(report.problems, []);
    for (const f of ["firmware.js", "firmware.js.map", "firmware.min.js", "firmware.min.js.map", "espruino-board.json"]) {
      assert.ok(fs.existsSync(path.join(outDir, f)), f);
    }
    assert.equal(report.bytes, Buffer.byteLength(read("firmware.js")));
    assert.equal(report.minifiedBytes, Buffer.byteLength(read("firmware.min.js")));
    assert.ok(report.minifiedBytes < report.bytes);
    assert.equal(JSON.parse(read("espruino-board.json")).info.name, "test-board");
  });

  it("writes the board's pins in place as Espruino pin globals, the config as literals, and adds no esbuild helpers", async () => {
    const { read } = await build(CLEAN);
    for (const image of [read("firmware.js"), read("firmware.min.js")]) {
      assert.match(image, /^digitalWrite\(B2, ?0\);/); // the banner is the first statement
      assert.match(image, /digitalWrite\(B2, ?\w+\);?\s*\}/);
      assert.match(image, /5e3/);
      assert.doesNotMatch(image, /BOARD|CFG/);
      assert.doesNotMatch(image, /__\w+|Symbol|Proxy|"use strict"/);
      assert.match(image, /global\.require\)\("Storage"\)/); // Espruino's built-in require, no shim
    }
  });

  it("stops at the source line when esbuild must refuse the syntax (destructuring, classes, default arguments)", async () => {
    const samples: Array<[string, RegExp]> = [
      ["const o = { a: 1 };\nconst { a } = o;\nprint(a);\n", /Transforming destructuring[^]*main\.ts:2:\d+/],
      ["class Lock { open(): void {} }\nnew Lock().open();\n", /Transforming class syntax[^]*main\.ts:1:\d+/],
      ["function f(x = 1): number { return x; }\nprint(f());\n", /Transforming default arguments[^]*main\.ts:1:\d+/],
    ];
    for (const [source, expected] of samples) {
      const { report, outDir } = await build(source);
      assert.ok(report.problems.some((p) => expected.test(p)), report.problems.join("\n"));
      assert.equal(fs.existsSync(path.join(outDir, "firmware.min.js")), false, "a failed image is not left to flash");
    }
  });

  it("reports syntax esbuild would lower quietly (?.) at its TypeScript line", async () => {
    const { report } = await build("const o: { a?: { b: number } } = {};\nprint(o.a?.b);\n");
    assert.ok(report.problems.some((p) => /main\.ts:2:\d+: \[syntax\] optional chaining/.test(p)), report.problems.join("\n"));
  });

  it("reports a call that relies on hoisting at its TypeScript line", async () => {
    const { report } = await build("start();\nfunction start(): void { print(1); }\n");
    assert.ok(report.problems.some((p) => /main\.ts:1:\d+: \[hoisting\] 'start'/.test(p)), report.problems.join("\n"));
  });

  it("refuses npm packages and Node modules: the image has no runtime dependencies", async () => {
    const { report } = await build('import * as fs from "fs";\nprint(fs);\n');
    assert.ok(report.problems.some((p) => p.includes("no runtime dependencies")), report.problems.join("\n"));
  });

  it("fails an image over the board's minified-bytes budget, naming the board file", async () => {
    const { report } = await build(CLEAN, Object.assign({}, BOARD, { budget: { minifiedBytes: 10 } }));
    assert.ok(report.problems.some((p) => p.startsWith("boards/test-board.json: budget.minifiedBytes:")), report.problems.join("\n"));
  });

  it("gives esbuild only feature names it knows, and lets only the readable build keep ?. for the check", async () => {
    await esbuild.transform("1", { supported: supportedTable("readable") });
    await esbuild.transform("1", { supported: supportedTable("minified") });
    assert.equal(supportedTable("readable")["optional-chain"], true);
    assert.equal(supportedTable("minified")["optional-chain"], false);
    assert.equal(supportedTable("minified").destructuring, false);
  });

  it("prints one row per board with bytes, minified bytes and the budget", () => {
    const table = formatTable([{ board: "proto-pico", dir: "build/proto-pico", bytes: 58000, minifiedBytes: 24000, budgetBytes: 24576, problems: [] }]);
    assert.equal(table, "board       bytes  minified  budget\nproto-pico  58000     24000   24576");
  });

  it("stops with the board file's own message and a non-zero status when a board file is bad", async () => {
    const boards = path.join(dir, "boards");
    fs.mkdirSync(boards);
    fs.writeFileSync(path.join(boards, "bad.json"), '{ "name": "bad", }');
    const errors = sinon.stub(console, "error");
    let status: number;
    try {
      status = await main(["--boards", boards]);
    } finally {
      errors.restore();
    }
    assert.equal(status, 1);
    const printed = errors.getCalls().map((c) => String(c.args[0]));
    assert.equal(printed.length, 1);
    assert.ok(printed[0].startsWith(path.join(boards, "bad.json") + ": "), printed[0]);
  });
});
