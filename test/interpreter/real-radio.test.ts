// The radio's power-up lines on the real interpreter (Espruino 2v29 for Linux, the image from .bootcde): the
// board's model (rig/model.js) records every NRF and E.setConsole call in order with the pin calls, so the
// record shows that they come first, right after the motor pins are driven low, before the lock touches
// any other pin. docs/security.md.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Entry, RealBoard } from "../../tools/interpreter/real-board";
import { radioImage } from "../support/radio-images";
import { skipWithoutInterpreter } from "./needs-interpreter";

/** a call the model recorded: NRF, or E.setConsole ("console" events of the model, not console lines) */
function isRadio(e: Entry): boolean {
  return e.kind === "nrf" || (e.kind === "console" && e.text.startsWith("[rig]"));
}

/** the radio calls of the first power-up, and whether they came before every model event but the motor pins' */
function powerUpOrder(lock: RealBoard, motor: string[]): { radio: string[]; first: boolean } {
  const entries = lock.record.filter((e) => e.run === 0 && e.kind !== "reply" && (e.kind !== "console" || isRadio(e)));
  const isMotor = (e: Entry) => (e.kind === "mode" || e.kind === "pin") && motor.includes(e.args[0]);
  const firstRadio = entries.findIndex(isRadio);
  const firstOther = entries.findIndex((e) => !isRadio(e) && !isMotor(e));
  return {
    radio: entries.filter(isRadio).map((e) => `${e.kind} ${e.args.join(" ")}`),
    first: firstRadio >= 0 && (firstOther < 0 || firstRadio < firstOther),
  };
}

describe("the radio's power-up lines on the real interpreter", function () {
  this.timeout(120000);
  const locks = new Map<string, RealBoard>();
  let dir = "";

  before(async function () {
    skipWithoutInterpreter(this);
    // the "paired" variant of proto-mdbt42q, built as make builds an image, for that board's model
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-paired-"));
    const paired = path.join(dir, "firmware.js");
    // the minified image, as a board holds it (the readable one would not fit the board's Storage beside its journal)
    fs.writeFileSync(paired, (await radioImage("paired", "firmware.min.js")).image);
    const boards: Array<[string, string, string | undefined]> = [
      ["off", "proto-mdbt42q", undefined],
      ["paired", "proto-mdbt42q", paired],
      ["esp32", "proto-esp32", undefined],
      ["pico", "proto-pico", undefined],
    ];
    await Promise.all(boards.map(async ([key, board, image]) => {
      const lock = await RealBoard.start({ board, image });
      locks.set(key, lock);
      await lock.quiet();
    }));
  });

  after(async () => {
    await Promise.all([...locks.values()].map((lock) => lock.stop()));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('proto-mdbt42q ("off"): the UART removed, not connectable, asleep, before any pin but the motor\'s', () => {
    const lock = locks.get("off") as RealBoard;
    const o = powerUpOrder(lock, ["D25", "D26"]);
    assert.deepEqual(o.radio, [
      'nrf setServices [null,{"uart":false}]',
      'nrf setAdvertising [{},{"connectable":false}]',
      "nrf sleep []",
    ]);
    assert.ok(o.first, `the radio first: ${lock.tail(12)}`);
    assert.deepEqual(lock.problems(), []);
  });

  it('proto-mdbt42q ("paired"): pairing shut before anything else; the window opens with the passkey, which the lock never prints', async () => {
    const lock = locks.get("paired") as RealBoard;
    const o = powerUpOrder(lock, ["D25", "D26"]);
    assert.deepEqual(o.radio, ['nrf setSecurity [{"mitm":1,"display":1,"lesc":1,"pair":false}]', "nrf disconnect []"]);
    assert.ok(o.first, `the radio first: ${lock.tail(12)}`);
    for (const keys of ["P", "*8#", "246810#", "246810#"]) await lock.press(keys);
    await lock.quiet();
    for (const keys of ["P", "*9#"]) await lock.press(keys);
    // the model prints what the image handed NRF; the lock's own lines never hold the passkey
    await lock.waitFor((e) => e.kind === "nrf" && e.args[0] === "setSecurity" && e.args[1].includes('"passkey":"246810"'), 10000);
    await lock.waitFor((e) => e.kind === "console" && e.text.includes("pairing window open for 60 s"), 10000);
    const own = lock.record.filter((e) => e.kind === "console" && !isRadio(e)).map((e) => e.text);
    assert.deepEqual(own.filter((line) => line.includes("246810")), []);
    assert.deepEqual(lock.problems(), []);
  });

  it('proto-esp32 ("off"): the console pinned to Serial1 before any pin but the motor\'s', () => {
    const lock = locks.get("esp32") as RealBoard;
    const o = powerUpOrder(lock, ["D22", "D23"]);
    assert.deepEqual(o.radio, ['console setConsole ["Serial1",{"force":true}]']);
    assert.ok(o.first, `the console first: ${lock.tail(12)}`);
  });

  it("proto-pico: no radio, no console move", () => {
    assert.deepEqual(powerUpOrder(locks.get("pico") as RealBoard, ["B8", "B9"]).radio, []);
  });
});
