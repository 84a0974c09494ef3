// A board file's `radio` field (tools/boards/radio-field.ts): who can reach the console over the air, set per
// board, refused where the chip cannot honour it, written into the image as a literal and its first lines.
import { strict as assert } from "assert";
import { imageDefines } from "../../tools/boards/image-defines";
import { radioWarning } from "../../tools/boards/radio-field";
import { formatBoard } from "../../tools/bench";
import type { BoardBench } from "../../tools/bench";
import { BoardData, refusal, validateAsBad, variant } from "./variant";

const pico = (change: (d: BoardData) => void) => variant("proto-pico", change);
const esp32 = (change: (d: BoardData) => void) => variant("proto-esp32", change);
const mdbt42q = (change: (d: BoardData) => void) => variant("proto-mdbt42q", change);
const none = () => {};

describe("a board file's radio setting", () => {
  it('is "off" unless the file says otherwise, on every chip with a radio; "none" on a chip without one', () => {
    assert.equal(validateAsBad(mdbt42q(none)).radio, "off");
    assert.equal(validateAsBad(esp32(none)).radio, "off");
    assert.equal(validateAsBad(pico(none)).radio, "none");
    assert.equal(validateAsBad(mdbt42q((d) => (d.radio = "paired"))).radio, "paired");
    assert.equal(validateAsBad(esp32((d) => (d.radio = "open"))).radio, "open");
  });

  it("a board without a radio refuses the field, naming the file and the field", () => {
    assert.equal(refusal(pico((d) => (d.radio = "off"))),
      "boards/bad.json: radio: stm32f401 has no radio: remove the field (it applies to nrf52832, esp32)");
  });

  it("a value that is not a setting, or one the chip's Espruino cannot honour, is refused", () => {
    assert.equal(refusal(mdbt42q((d) => (d.radio = "on"))), 'boards/bad.json: radio: must be "off", "paired" or "open", got "on"');
    assert.equal(refusal(mdbt42q((d) => (d.radio = true))), 'boards/bad.json: radio: must be "off", "paired" or "open", got true');
    assert.match(refusal(esp32((d) => (d.radio = "paired"))),
      /^boards\/bad\.json: radio: "paired" is not possible on esp32: Espruino 2v29 has no NRF\.setSecurity on ESP32.*\(possible: "off", "open"\)$/);
  });

  it("reaches the image as a literal; its power-up lines come right after the motor is stopped", () => {
    const off = imageDefines(validateAsBad(mdbt42q(none)));
    assert.equal(off.define["BOARD.radio"], '"off"');
    const lines = off.banner.split("\n");
    assert.match(lines[1], /^digitalWrite\(\[D25, D26\], 0\);/);
    assert.match(lines[2], /^NRF\.setServices\(undefined, \{uart: false\}\); NRF\.setAdvertising\(\{\}, \{connectable: false\}\); NRF\.sleep\(\);/);
    const paired = imageDefines(validateAsBad(mdbt42q((d) => (d.radio = "paired")))).banner.split("\n")[2];
    assert.match(paired, /^NRF\.setSecurity\(\{mitm: 1, display: 1, lesc: 1, pair: false\}\); NRF\.disconnect\(\);/);
    assert.match(imageDefines(validateAsBad(esp32(none))).banner.split("\n")[2], /^E\.setConsole\("Serial1", \{force: true\}\);/);
    const picoDefines = imageDefines(validateAsBad(pico(none)));
    assert.equal(picoDefines.define["BOARD.radio"], '"none"');
    assert.doesNotMatch(picoDefines.banner, /NRF|setConsole|print/);
  });

  it('"open": the build warns, and make bench marks the board INSECURE', () => {
    const open = validateAsBad(mdbt42q((d) => (d.radio = "open")));
    assert.match(radioWarning(open) || "", /^warning: boards\/bad\.json: radio: "open": anyone within radio range can reach Espruino's console/);
    assert.equal(radioWarning(validateAsBad(mdbt42q(none))), undefined);
    const bench = (radio: BoardBench["radio"]) =>
      formatBoard({ board: "bad", chip: "nrf52832", radio, size: { bytes: 1, minifiedBytes: 1, budgetBytes: 2 }, ram: { counts: {}, vars: {} } } as unknown as BoardBench)
        .split("\n")[0];
    assert.match(bench("open"), /^bad \(nrf52832\)  INSECURE: radio "open"/);
    assert.equal(bench("off"), "bad (nrf52832)");
  });
});
