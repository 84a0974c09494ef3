// The fake Espruino's Bluetooth radio (sim/espruino/nrf.ts) and console (sim/espruino/console.ts) against what
// Espruino 2v29 does (libs/bluetooth/jswrap_bluetooth.c, targets/nrf5x/bluetooth.c, src/jsinteractive.c):
// small programs, a central played by the test.
import { strict as assert } from "assert";
import * as vm from "vm";
import { createFakeEspruino, FakeEspruino } from "../../sim/espruino/fake";
import { runImage } from "../../sim/espruino/vm";

const contexts = new WeakMap<FakeEspruino, vm.Context>();
const PHONE = "11:22:33:44:55:66 public";
const STRANGER = "66:55:44:33:22:11 random";

function boot(code: string, options: { chip?: string; bonds?: Map<string, boolean> } = {}): FakeEspruino {
  const fake = createFakeEspruino({ pins: ["D1"], chip: options.chip || "nrf52832", radioBonds: options.bonds });
  contexts.set(fake, runImage("var typed = 0;\n" + code, fake));
  fake.settle();
  return fake;
}

/** code at the board's own console (the test's: not over the radio) */
function run(fake: FakeEspruino, code: string): unknown {
  const result = vm.runInContext(code, contexts.get(fake) as vm.Context);
  fake.settle();
  return result;
}

/** the central types a statement that counts itself; true when it ran at the console */
function typeRuns(fake: FakeEspruino): boolean {
  const before = run(fake, "typed") as number;
  const sent = fake.nrf!.type("typed++;");
  fake.settle();
  return sent === "sent" && (run(fake, "typed") as number) === before + 1;
}

describe("the fake Espruino's Bluetooth radio and console", () => {
  it("Espruino's defaults: anyone connects, the console moves to Bluetooth, and what they type runs", () => {
    const fake = boot("");
    assert.equal(fake.console.device(), "Serial1");
    assert.equal(fake.nrf!.connect(STRANGER), true);
    assert.equal(fake.console.device(), "Bluetooth");
    assert.equal(typeRuns(fake), true);
    fake.nrf!.disconnect();
    assert.equal(fake.console.device(), "Serial1");
  });

  it("no UART service: a central connects but has nothing to write to", () => {
    const fake = boot("NRF.setServices(undefined, {uart: false});");
    assert.equal(fake.nrf!.uart(), false);
    fake.nrf!.connect(STRANGER);
    assert.equal(fake.console.device(), "Serial1");
    assert.equal(fake.nrf!.type("typed++;"), "no uart");
  });

  it("a new UART setting waits for the connected central to go (the Bluetooth stack restarts then)", () => {
    const fake = boot("");
    fake.nrf!.connect(STRANGER);
    run(fake, "NRF.setServices(undefined, {uart: false});");
    assert.equal(fake.nrf!.uart(), true);
    fake.nrf!.disconnect();
    assert.equal(fake.nrf!.uart(), false);
  });

  it("with a passkey and MITM protection: an unbonded central is refused, a wrong passkey does not pair", () => {
    const fake = boot('NRF.setSecurity({passkey: "123456", mitm: 1, display: 1});');
    fake.nrf!.connect(STRANGER);
    assert.equal(fake.nrf!.type("typed++;"), "needs an encrypted, MITM-protected link");
    assert.equal(fake.nrf!.pair("000000"), "wrong passkey");
    assert.equal(fake.nrf!.pair(), "wrong passkey");
    assert.equal(typeRuns(fake), false);
    assert.deepEqual(fake.nrf!.bonds(), []);
  });

  it("the right passkey bonds; the bond is kept in flash and reconnects without pairing after a power-up", () => {
    const bonds = new Map<string, boolean>();
    const security = 'NRF.setSecurity({passkey: "123456", mitm: 1, display: 1});';
    const fake = boot(security, { bonds });
    fake.nrf!.connect(PHONE);
    assert.equal(fake.nrf!.pair("123456"), "bonded");
    assert.equal(typeRuns(fake), true);
    const again = boot(security, { bonds });
    again.nrf!.connect(PHONE);
    assert.equal(typeRuns(again), true);
  });

  it("mitm without a static passkey: the board's random passkey cannot be known; pair: false refuses pairing", () => {
    const random = boot("NRF.setSecurity({mitm: 1, display: 1});");
    random.nrf!.connect(STRANGER);
    assert.equal(random.nrf!.pair("123456"), "wrong passkey");
    const closed = boot('NRF.setSecurity({passkey: "123456", mitm: 1, display: 1, pair: false});');
    closed.nrf!.connect(STRANGER);
    assert.equal(closed.nrf!.pair("123456"), "refused");
    assert.equal(typeRuns(closed), false);
  });

  it("a bond made without MITM protection does not open a MITM-protected UART", () => {
    const bonds = new Map<string, boolean>();
    const justWorks = boot("", { bonds });
    justWorks.nrf!.connect(STRANGER);
    assert.equal(justWorks.nrf!.pair(), "bonded");
    const locked = boot('NRF.setSecurity({passkey: "123456", mitm: 1, display: 1});', { bonds });
    locked.nrf!.connect(STRANGER);
    assert.equal(locked.nrf!.type("typed++;"), "needs an encrypted, MITM-protected link");
  });

  it("a console forced onto Serial1 stays there: a central's input is Bluetooth data and never runs", () => {
    const fake = boot('E.setConsole("Serial1", {force: true});');
    assert.deepEqual(fake.console.calls().map((c) => [c.device, c.force]), [["Serial1", true]]);
    fake.nrf!.connect(STRANGER);
    assert.equal(fake.console.device(), "Serial1");
    assert.equal(typeRuns(fake), false);
    assert.deepEqual(fake.console.inputs().map((i) => [i.from, i.ran]), [["Bluetooth", false]]);
  });

  it("input is handled when the interpreter is next idle: typed, then disconnected before that, it never runs", () => {
    const fake = boot("");
    fake.nrf!.connect(STRANGER);
    assert.equal(fake.nrf!.type("typed++;"), "sent");
    run(fake, "NRF.sleep();");
    assert.equal(run(fake, "typed"), 0);
    assert.deepEqual(fake.console.inputs().map((i) => i.ran), [false]);
  });

  it("ESP32: Bluetooth is on with the console open to it, but the image gets no NRF", () => {
    const fake = boot("", { chip: "esp32" });
    assert.equal(fake.globals.NRF, undefined);
    fake.nrf!.connect(STRANGER);
    assert.equal(typeRuns(fake), true);
  });
});
