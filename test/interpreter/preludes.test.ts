// Each board's committed .boot0 prelude (rig/<board>.boot0.js) for Espruino's Linux build.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vm from "vm";
import * as acorn from "acorn";
import { loadBoards } from "../../tools/boards/load";
import { expectedPreludes, minifiedModel, MODEL_FILE, preludeFile, replacedGlobals, rigBoard, ROOT, stalePreludes } from "../../tools/interpreter/preludes";

describe("the board preludes for the real interpreter (rig/*.boot0.js)", () => {
  it("the model is plain ES5, and so is each prelude", () => {
    const model = fs.readFileSync(MODEL_FILE, "utf8");
    assert.doesNotThrow(() => acorn.parse(model, { ecmaVersion: 5 }));
    assert.doesNotThrow(() => acorn.parse(minifiedModel(model), { ecmaVersion: 5 }), "the minified model the preludes evaluate");
    for (const [file, text] of expectedPreludes()) assert.doesNotThrow(() => acorn.parse(text, { ecmaVersion: 5 }), file);
  });

  it("every board's committed prelude is the one its board file and rig/model.js give", () => {
    assert.deepEqual(stalePreludes(), [], "run: npx tsx tools/interpreter/preludes.ts --write");
  });

  it("a prelude that no longer matches its board file is named as stale", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-preludes-"));
    try {
      fs.cpSync(path.join(ROOT, "boards"), path.join(root, "boards"), { recursive: true });
      fs.cpSync(path.join(ROOT, "rig"), path.join(root, "rig"), { recursive: true });
      const file = path.join(root, "boards", "proto-pico.json");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('"B13", "B14"', '"B14", "B13"'));
      assert.deepEqual(stalePreludes(root), [path.join("rig", "proto-pico.boot0.js")]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  for (const board of loadBoards(path.join(ROOT, "boards"))) {
    it(`${board.name}: defines each of the board's pins and puts the model in place of the pin functions`, () => {
      const rb = rigBoard(board);
      const linuxPins: Record<string, number> = {};
      for (let i = 0; i < 33; i++) linuxPins["D" + i] = i;
      const context = vm.createContext({
        ...linuxPins,
        getTime: () => Date.now() / 1000,
        setTimeout,
        clearTimeout,
        console: { log: () => {} },
        process: { memory: () => ({ usage: 0 }) },
        E: {},
        require: () => ({
          readFileSync: () => {
            throw new Error("no rig.json");
          },
        }),
      });
      vm.runInContext(expectedPreludes().get(preludeFile(board.name)) as string, context);
      rb.names.forEach((name, i) => assert.equal(context[name], rb.nums[i], name));
      assert.equal(new Set(rb.nums).size, rb.nums.length, "each pin its own Linux pin");
      for (const name of replacedGlobals(rb)) assert.ok(context[name], name);
      assert.equal(context.Rig.state().watches, 0);
    });
  }
});
