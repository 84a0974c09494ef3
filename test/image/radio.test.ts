// Who reaches the console over the air, on the built images in the simulator (docs/security.md). The radio's far
// side is played by the test through the fake Espruino's Bluetooth (sim/espruino/nrf.ts): a stranger in range,
// and the owner's phone. proto-mdbt42q is built with each `radio` setting (test/support/radio-images.ts).
import { strict as assert } from "assert";
import * as fs from "fs";
import { createFakeEspruino } from "../../sim/espruino/fake";
import { createBoardFlash } from "../../sim/espruino/board-flash";
import type { ValidatedBoard } from "../../tools/boards/validate";

/** the board's flash (Storage and require("Flash")) for a fake made by hand: the image keeps its journal there */
function flashOf(board: ValidatedBoard): { storage: StorageLib; flash: FlashLib } {
  const bf = createBoardFlash(board.chip, board.journal.layout);
  return { storage: bf.storage, flash: bf.flash };
}
import { runImage } from "../../sim/espruino/vm";
import { createSimulation, Simulation } from "../../sim/engine";
import { imagePath, resolveBoard } from "../../sim/scenario/run";
import { press, pressProgram, setUpLock, status, USER_CODE } from "../../tools/bench/person";
import { CHIPS } from "../../tools/boards/chips";
import { radioImage, RadioImage } from "../support/radio-images";

const STRANGER = "de:ad:be:ef:00:01 random";
const PHONE = "a4:c1:38:00:00:02 public";
const PASSKEY = "246810";

/** what the stranger or the phone types: it marks the console it reached */
const PROBE = "reachedConsole = (typeof reachedConsole === 'number' ? reachedConsole : 0) + 1";

function lockWith(img: RadioImage): Simulation {
  return createSimulation({ board: img.board, image: img.image, imageName: img.imageName });
}

/** powered, handed, the user code programmed, locked and settled */
function installed(img: RadioImage): Simulation {
  const sim = lockWith(img);
  setUpLock(sim, () => sim.armedTimers(), { autoLock: false });
  return sim;
}

function reached(sim: Simulation): number {
  return sim.console("typeof reachedConsole === 'number' ? reachedConsole : 0") as number;
}

/** the central types PROBE; what the UART said, and whether it then ran at the console */
function probe(sim: Simulation): { write: string; ran: boolean } {
  const before = reached(sim);
  const write = sim.nrf()!.type(PROBE);
  sim.advance(10);
  return { write, ran: reached(sim) > before };
}

/** the LED and buzzer pattern from `from` on: g(reen) r(ed) b(eep), in the order they came on */
function pattern(sim: Simulation, from: number): string {
  const on: Array<[number, string]> = [];
  for (const [kind, letter] of [["green", "g"], ["red", "r"], ["buzzer", "b"]] as const) {
    for (const c of sim.timeline.changes(kind)) if (c.on && c.t >= from) on.push([c.t, letter]);
  }
  return on.sort((a, b) => a[0] - b[0]).map((x) => x[1]).join("");
}

/** Program, then keys; the pattern they gave */
function programming(sim: Simulation, keys: string[]): string {
  const from = sim.now();
  pressProgram(sim);
  sim.advance(1000);
  for (const k of keys) {
    press(sim, k);
    sim.advance(600);
  }
  sim.advance(3000);
  return pattern(sim, from);
}

const PROGRAM = "gb";
const OK = "gb";
const FAIL = "rrrbbb";
const PAIRING = "gbgbgb";

function everything(sim: Simulation): string {
  return sim.timeline.logs().map((l) => l.text).join("\n") + "\n" + JSON.stringify(status(sim));
}

describe("the radio on the built images (docs/security.md)", function () {
  let off: RadioImage;
  let paired: RadioImage;
  let open: RadioImage;
  before(async function () {
    this.timeout(120000);
    if (!fs.existsSync(imagePath("proto-mdbt42q"))) this.skip(); // `make` builds it first
    [off, paired, open] = await Promise.all([radioImage("off"), radioImage("paired"), radioImage("open")]);
  });

  describe('proto-mdbt42q, radio "off" (the board file as it is)', () => {
    it("at power-up the UART is removed, and the board neither advertises nor accepts a connection", () => {
      const sim = lockWith(off);
      sim.powerOn();
      const radio = sim.nrf()!;
      assert.deepEqual(radio.calls().map((c) => [c.at, c.name, JSON.stringify(c.args)]), [
        [0, "setServices", JSON.stringify([undefined, { uart: false }])],
        [0, "setAdvertising", JSON.stringify([{}, { connectable: false }])],
        [0, "sleep", "[]"],
      ]);
      assert.equal(radio.state(), "off");
      assert.equal(radio.uart(), false);
      assert.equal(radio.connect(STRANGER), false);
    });

    it("through a day's use the radio stays off: no advertising, no connection, nothing else asked of NRF", () => {
      const sim = installed(off);
      press(sim, USER_CODE + "#");
      sim.advance(8000);
      press(sim, "#");
      sim.advance(8000);
      assert.equal(sim.nrf()!.connect(STRANGER), false);
      assert.deepEqual(sim.power()!.radioTimes(), { advertising: 0, off: sim.power()!.radioTimes()!.off, connected: 0 });
      assert.equal(sim.nrf()!.calls().length, 3);
    });

    it("a stranger who connected while Espruino started, before the image ran, is dropped and what they typed never runs", () => {
      const board = off.board;
      const fake = createFakeEspruino({ pins: [...CHIPS[board.chip].pins], chip: board.chip, ...flashOf(board) });
      const radio = fake.nrf!;
      assert.equal(radio.connect(STRANGER), true, "Espruino's defaults: advertising, connectable");
      assert.equal(fake.console.device(), "Bluetooth");
      assert.equal(radio.type(PROBE), "sent", "the UART is still Espruino's open one");
      runImage(off.image, fake, off.imageName);
      fake.settle();
      assert.equal(radio.state(), "off");
      assert.equal(fake.console.device(), "Serial1");
      assert.deepEqual(fake.console.inputs().map((i) => [i.from, i.ran]), [["Bluetooth", false]]);
      assert.equal(radio.uart(), false, "the UART went once the stranger had gone");
    });

    it("the programming menu has no radio entries: CLEAR 8 and CLEAR 9 are FAIL", () => {
      const sim = installed(off);
      assert.equal(programming(sim, ["*8#"]), PROGRAM + FAIL);
      assert.equal(programming(sim, ["*9#"]), PROGRAM + FAIL);
    });
  });

  describe('proto-mdbt42q, radio "paired"', () => {
    /** installed, with the passkey set at the keypad */
    function withPasskey(): Simulation {
      const sim = installed(paired);
      assert.equal(programming(sim, ["*8#", PASSKEY + "#", PASSKEY + "#"]), PROGRAM + OK);
      return sim;
    }

    /** Program, CLEAR 9 + LOCK: the pairing window; its pattern */
    function openWindow(sim: Simulation): string {
      return programming(sim, ["*9#"]);
    }

    it("at power-up, before anything else: the UART needs an encrypted, MITM-protected bond, and nothing can pair", () => {
      const sim = lockWith(paired);
      sim.powerOn();
      const radio = sim.nrf()!;
      assert.deepEqual(radio.calls().map((c) => [c.at, c.name, JSON.stringify(c.args)]), [
        [0, "setSecurity", JSON.stringify([{ mitm: 1, display: 1, lesc: 1, pair: false }])],
        [0, "disconnect", "[]"],
      ]);
      assert.equal(radio.state(), "advertising", "bonded devices can connect");
      assert.equal(radio.connect(STRANGER), true);
      assert.deepEqual(probe(sim), { write: "needs an encrypted, MITM-protected link", ran: false });
      assert.equal(radio.pair(PASSKEY), "refused");
    });

    it("a stranger who connected before the image ran is dropped, and what they typed never runs", () => {
      const fake = createFakeEspruino({ pins: [...CHIPS[paired.board.chip].pins], chip: paired.board.chip, ...flashOf(paired.board) });
      fake.nrf!.connect(STRANGER);
      assert.equal(fake.nrf!.type(PROBE), "sent");
      runImage(paired.image, fake, paired.imageName);
      fake.settle();
      assert.deepEqual(fake.console.inputs().map((i) => [i.from, i.ran]), [["Bluetooth", false]]);
      assert.equal(fake.nrf!.connect(STRANGER), true);
      assert.equal(fake.nrf!.type(PROBE), "needs an encrypted, MITM-protected link");
    });

    it("the passkey is six digits, typed twice the same; the window needs one; neither is ever printed", () => {
      const sim = installed(paired);
      assert.equal(openWindow(sim), PROGRAM + FAIL, "no passkey yet: no window");
      assert.equal(programming(sim, ["*8#", "24681#"]), PROGRAM + FAIL, "five digits");
      assert.equal(programming(sim, ["*8#", PASSKEY + "#", "246811#"]), PROGRAM + FAIL, "two different entries");
      assert.equal(programming(sim, ["*8#", PASSKEY + "#", PASSKEY + "#"]), PROGRAM + OK);
      assert.equal(openWindow(sim), PROGRAM + PAIRING);
      sim.advance(61000);
      assert.doesNotMatch(everything(sim), new RegExp(PASSKEY));
      assert.match(everything(sim), /pairing window open for 60 s[\s\S]*pairing window closed/);
    });

    it("in the window opened at the lock, a device that enters the passkey bonds and reaches the console; a wrong passkey does not", () => {
      const sim = withPasskey();
      const radio = sim.nrf()!;
      assert.equal(openWindow(sim), PROGRAM + PAIRING);
      assert.equal(radio.connect(STRANGER), true);
      assert.deepEqual(probe(sim), { write: "needs an encrypted, MITM-protected link", ran: false }, "unbonded, even in the window");
      assert.equal(radio.pair("135790"), "wrong passkey");
      assert.deepEqual(probe(sim), { write: "needs an encrypted, MITM-protected link", ran: false });
      radio.disconnect();
      assert.equal(radio.connect(PHONE), true);
      assert.equal(radio.pair(PASSKEY), "bonded");
      assert.deepEqual(probe(sim), { write: "sent", ran: true });
      assert.deepEqual(radio.bonds(), [PHONE]);
    });

    it("after 60 s nothing new can pair, even with the passkey; the bonded phone still connects, after a power cut too", () => {
      const sim = withPasskey();
      const radio = sim.nrf()!;
      openWindow(sim);
      radio.connect(PHONE);
      assert.equal(radio.pair(PASSKEY), "bonded");
      radio.disconnect();
      sim.advance(60000);
      assert.equal(radio.connect(STRANGER), true);
      assert.equal(radio.pair(PASSKEY), "refused");
      assert.deepEqual(probe(sim), { write: "needs an encrypted, MITM-protected link", ran: false });
      radio.disconnect();
      assert.equal(radio.connect(PHONE), true);
      assert.deepEqual(probe(sim), { write: "sent", ran: true });
      sim.powerOff();
      sim.powerOn();
      sim.advance(5000);
      assert.equal(sim.nrf()!.connect(PHONE), true);
      assert.deepEqual(probe(sim), { write: "sent", ran: true });
    });

    it("a power cut closes an open window, and the passkey, kept in flash, opens the next one", () => {
      const sim = withPasskey();
      openWindow(sim);
      sim.powerOff();
      sim.powerOn();
      sim.advance(3000);
      const radio = sim.nrf()!;
      radio.connect(STRANGER);
      assert.equal(radio.pair(PASSKEY), "refused");
      radio.disconnect();
      assert.equal(openWindow(sim), PROGRAM + PAIRING, "the passkey survived the power cut");
      radio.connect(STRANGER);
      assert.equal(radio.pair(PASSKEY), "bonded");
    });

    it("a factory reset erases the passkey with everything else", () => {
      const sim = withPasskey();
      sim.powerOff();
      sim.powerOn({ holdingProgram: true });
      sim.advance(31000); // RESET_READY
      sim.setProgram(false);
      sim.advance(1000);
      pressProgram(sim);
      sim.advance(20000); // RESET_DONE, then door handing
      assert.equal(status(sim).handed, true);
      assert.equal(openWindow(sim), PROGRAM + FAIL);
    });
  });

  describe('proto-mdbt42q, radio "open" (the bench only)', () => {
    it("the lock says so at every power-up, and leaves Espruino's radio as it is", () => {
      const sim = lockWith(open);
      sim.powerOn();
      sim.advance(1000);
      sim.powerOff();
      sim.powerOn();
      sim.advance(1000);
      const warnings = sim.timeline.logs().filter((l) => /WARNING: radio "open"/.test(l.text));
      assert.equal(warnings.length, 2);
      assert.deepEqual(sim.nrf()!.calls(), []);
    });

    it("anyone in range reaches the console and can drive the motor: why it is not for a door", () => {
      const sim = installed(open);
      const radio = sim.nrf()!;
      assert.equal(radio.connect(STRANGER), true);
      const from = sim.now();
      assert.equal(radio.type("digitalWrite(D25, 1)"), "sent");
      sim.advance(300);
      radio.type("digitalWrite(D25, 0)");
      sim.advance(10);
      assert.ok(sim.timeline.motorChanges().some((c) => c.on && c.t >= from), "the motor ran at the stranger's word");
    });
  });

  describe("proto-esp32 (radio \"off\"): its Bluetooth stays on, but the console is pinned to Serial1", () => {
    it("the console is forced onto Serial1 at power-up; a Bluetooth central's input never runs", () => {
      const { board, image, imageName } = resolveBoard("proto-esp32");
      const sim = createSimulation({ board, image, imageName });
      sim.powerOn();
      const console = sim.consoleState()!;
      assert.deepEqual(console.calls().map((c) => [c.at, c.device, c.force]), [[0, "Serial1", true]]);
      const radio = sim.nrf()!;
      assert.equal(radio.connect(STRANGER), true, "ESP32's Bluetooth is on (Espruino's default)");
      assert.deepEqual(probe(sim), { write: "sent", ran: false });
      assert.equal(console.device(), "Serial1");
    });
  });

  describe("proto-pico: no radio, and no radio code in its image", () => {
    it("the flashed image names no NRF, console move, passkey or pairing", () => {
      const image = fs.readFileSync(imagePath("proto-pico").replace(/firmware(\.min)?\.js$/, "firmware.min.js"), "utf8");
      for (const word of ["NRF", "setConsole", "passkey", "pairing", "gbgbgb"]) assert.ok(!image.includes(word), word);
    });
  });
});
