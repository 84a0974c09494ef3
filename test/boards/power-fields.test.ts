// The parts of a board file about power: the figures the energy bench charges, the supply, the battery
// budget, and the pins that can wake the chip from deep sleep.
import { strict as assert } from "assert";
import { validateAsBad, BoardData, refusal, variant } from "./variant";

const pico = (change: (d: BoardData) => void) => variant("proto-pico", change);
const esp32 = (change: (d: BoardData) => void) => variant("proto-esp32", change);
const mdbt42q = (change: (d: BoardData) => void) => variant("proto-mdbt42q", change);

describe("a board file's power figures and battery budget", () => {
  it("a battery budget is read; a mains board cannot have one", () => {
    assert.equal(validateAsBad(pico((d) => (d.budget.minBatteryYears = 3))).budget.minBatteryYears, 3);
    assert.match(refusal(esp32((d) => (d.budget.minBatteryYears = 1))), /boards\/bad\.json: budget\.minBatteryYears: a mains-powered board has no battery life to budget/);
    assert.match(refusal(pico((d) => (d.budget.minBatteryYears = 0))), /budget\.minBatteryYears: /);
  });

  it("a mains board says why; only a mains board has a reason", () => {
    assert.match(refusal(esp32((d) => delete d.power.mainsReason)), /power\.mainsReason: /);
    assert.match(refusal(pico((d) => (d.power.mainsReason = "because"))), /power\.mainsReason: belongs only to a board with "supply": "mains"/);
    assert.match(refusal(pico((d) => (d.power.supply = "solar"))), /power\.supply: must be "battery" or "mains"/);
  });

  it("a battery board whose chip sleeps deeply gives that state's current; an nRF52 one its radio's", () => {
    assert.match(refusal(pico((d) => delete d.power.deepSleepMicroAmps)), /power\.deepSleepMicroAmps: is needed: stm32f401 sleeps deeply/);
    assert.match(refusal(mdbt42q((d) => delete d.power.radioMicroAmps)), /power\.radioMicroAmps: is needed/);
    assert.match(refusal(mdbt42q((d) => (d.power.radioMicroAmps = { advertising: 75 }))), /power\.radioMicroAmps\.connected: /);
  });
});

describe("watched pins a Pico can wake on", () => {
  it("no watched pin numbered 9: Espruino takes that interrupt line for USB sensing in deep sleep", () => {
    const message = refusal(pico((d) => {
      d.programButton.pin = "B9";
      d.motor.in2 = "A8";
    }));
    assert.match(message, /programButton\.pin: B9 cannot wake stm32f401 from deep sleep: .*pin number 9/);
  });
});
