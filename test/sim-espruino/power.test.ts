// The fake Espruino's power model (sim/espruino/power.ts) against what Espruino 2v29's idle loop does on each
// chip (docs/power.md): small programs, virtual time.
import { strict as assert } from "assert";
import * as vm from "vm";
import { createFakeEspruino, FakeEspruino } from "../../sim/espruino/fake";
import { runImage } from "../../sim/espruino/vm";

const PICO_PINS = ["A0", "A1", "A8", "A9", "B1", "B2", "B10", "B13"];
const contexts = new WeakMap<FakeEspruino, vm.Context>();

/** a program running on a fake chip */
function boot(chip: string, pins: string[], code: string, cpuMsPerCallback = 0): FakeEspruino {
  const fake = createFakeEspruino({ pins, chip, cpuMsPerCallback });
  contexts.set(fake, runImage(code, fake));
  fake.settle();
  return fake;
}

/** more code in the program's global scope, as typed at its console */
function run(fake: FakeEspruino, code: string): unknown {
  fake.interrupt();
  const result = vm.runInContext(code, contexts.get(fake) as vm.Context);
  fake.settle();
  return result;
}

const pico = (code: string, cpuMsPerCallback = 0) => boot("stm32f401", PICO_PINS, code, cpuMsPerCallback);

/** ms in each state over the next `ms` */
function over(fake: FakeEspruino, ms: number) {
  fake.power.reset();
  fake.advance(ms);
  return fake.power.times();
}

describe("the fake Espruino's power model", () => {
  describe("a Pico (STM32)", () => {
    it("has setDeepSleep and no NRF; idle, it stays in ordinary sleep until the image turns deep sleep on", () => {
      const fake = pico("");
      assert.equal(typeof fake.globals.setDeepSleep, "function");
      assert.equal(fake.globals.NRF, undefined);
      fake.advance(5000);
      assert.deepEqual(over(fake, 60000), { running: 0, sleep: 60000, deepSleep: 0 });
      assert.match(fake.power.blockers().join(), /setDeepSleep\(1\)/);
    });

    it("with setDeepSleep(1) at power-up, goes into STOP once the RTC is set up, about 2 s after power-up", () => {
      const fake = pico("setDeepSleep(1);");
      const first = over(fake, 10000);
      assert.equal(first.sleep, 2000);
      assert.equal(first.running, 3); // entering STOP: USB switched off, a 3 ms busy wait
      assert.equal(first.deepSleep, 10000 - 2003);
      assert.equal(fake.power.deepSleepEntries(), 1);
      assert.equal(fake.power.state(), "deepSleep");
    });

    it("a beep silenced by digitalWrite stops the PWM; one 'silenced' by analogWrite(pin, 0) keeps it, and the chip out of deep sleep", () => {
      const good = pico('setDeepSleep(1); analogWrite(B1, 0.5, {freq: 2700}); setTimeout(function () { digitalWrite(B1, 0); }, 100);');
      good.advance(3000);
      assert.equal(good.power.state(), "deepSleep");
      const bad = pico('setDeepSleep(1); analogWrite(B1, 0.5, {freq: 2700}); setTimeout(function () { analogWrite(B1, 0); }, 100);');
      bad.advance(3000);
      assert.equal(bad.power.state(), "sleep");
      assert.match(bad.power.blockers().join(), /hardware PWM on B1/);
      assert.deepEqual(over(bad, 60000), { running: 0, sleep: 60000, deepSleep: 0 });
    });

    it("on a pin set with pinMode, digitalWrite leaves the PWM running; pinMode(pin, 'output') stops it", () => {
      const fake = pico('setDeepSleep(1); pinMode(B1, "output"); analogWrite(B1, 0.5, {freq: 2700}); digitalWrite(B1, 0);');
      fake.advance(3000);
      assert.match(fake.power.blockers().join(), /hardware PWM on B1/);
      run(fake, 'pinMode(B1, "output"); digitalWrite(B1, 0);');
      fake.advance(10);
      assert.equal(fake.power.state(), "deepSleep");
    });

    it("a timer due within 1 ms keeps it out of deep sleep; a later one lets it sleep deeply and wakes it, the round trip charged as running", () => {
      const fake = pico("setDeepSleep(1); setTimeout(function () {}, 3500);", 2);
      fake.advance(3000);
      const t = over(fake, 1000);
      // out at the timer: 5 ms, the callback 2 ms, back in: 3 ms
      assert.deepEqual(t, { running: 5 + 2 + 3, sleep: 0, deepSleep: 1000 - 10 });
      assert.equal(fake.power.deepSleepEntries(), 1);
      run(fake, "setTimeout(function () {}, 1);");
      assert.match(fake.power.blockers().join(), /a timer is due in 1 ms/);
      run(fake, "clearTimeout(); setTimeout(function () {}, 2);");
      assert.deepEqual(fake.power.blockers(), []);
    });

    it("an interval does not keep it out of deep sleep, but wakes it at every period", () => {
      const fake = pico("setDeepSleep(1); setInterval(function () {}, 1000);", 2);
      fake.advance(3000);
      const t = over(fake, 10000);
      assert.equal(fake.power.callbacks(), 10);
      assert.equal(t.running, 10 * (5 + 2 + 3));
      assert.equal(t.deepSleep, 10000 - t.running);
    });

    it("console output keeps it out of deep sleep while Serial1 sends it at 9600 baud", () => {
      const fake = pico("setDeepSleep(1);");
      fake.advance(3000);
      fake.power.reset();
      run(fake, 'print("' + "x".repeat(94) + '");'); // 96 characters with CR LF: 100 ms
      fake.advance(1000);
      // woken from STOP by the typing (5 ms, while the first characters go out), then in ordinary sleep
      // until the last one is sent, then into STOP (3 ms)
      assert.deepEqual(fake.power.times(), { running: 5 + 3, sleep: 95, deepSleep: 1000 - 103 });
    });

    it("with USB connected to a computer it never sleeps (Espruino's idle loop does not), and A9 reads high", () => {
      const fake = pico("setDeepSleep(1);");
      fake.setUsbConnected(true);
      fake.advance(3000);
      assert.deepEqual(over(fake, 10000), { running: 10000, sleep: 0, deepSleep: 0 });
      assert.equal((fake.globals.digitalRead as Function)("A9"), 1);
      fake.setUsbConnected(false);
      fake.advance(10);
      assert.equal(fake.power.state(), "deepSleep");
      assert.equal((fake.globals.digitalRead as Function)("A9"), 0);
    });

    it("counts each callback's CPU time as running, and the states add up to the time elapsed", () => {
      const fake = pico("setInterval(function () {}, 100);", 4);
      const t = over(fake, 10050);
      assert.equal(t.running, 100 * 4);
      assert.equal(t.running + t.sleep + t.deepSleep, 10050);
    });

    it("a key edge that wakes it from STOP reaches the debounced callback with the edge's own time; later than it would awake only if the wake-up outlasts the debounce", () => {
      const code = 'setDeepSleep(1); pinMode(B13, "input_pullup"); var got = []; ' +
        'setWatch(function (e) { got.push([e.time, getTime(), e.state]); }, B13, { repeat: true, edge: "falling", debounce: 2 });';
      const fake = pico(code);
      fake.advance(3000);
      assert.equal(fake.power.state(), "deepSleep");
      fake.drive("B13", false);
      fake.advance(100);
      // the edge at 3 s, handled after the 5 ms wake-up (past the 2 ms debounce), the level it had then
      assert.equal(run(fake, "JSON.stringify(got)"), JSON.stringify([[3, 3.005, false]]));
      // a 30 ms debounce outlasts the wake-up: the callback comes 30 ms after the edge, as awake
      run(fake, 'clearWatch(); got = []; setWatch(function (e) { got.push([e.time, getTime(), e.state]); }, B13, { repeat: true, edge: "rising", debounce: 30 });');
      fake.advance(3000);
      fake.drive("B13", undefined);
      fake.advance(100);
      assert.equal(run(fake, "JSON.stringify(got)"), JSON.stringify([[6.1, 6.13, true]]));
    });

    it("an edge without debounce is handled after the wake-up; an edge while it is awake at once", () => {
      const code = 'setDeepSleep(1); pinMode(B13, "input_pullup"); var got = []; ' +
        'setWatch(function (e) { got.push([e.time, getTime()]); }, B13, { repeat: true, edge: "both" });';
      const fake = pico(code);
      fake.advance(3000);
      fake.drive("B13", false);
      fake.advance(1); // still waking up
      fake.drive("B13", undefined); // released while it wakes: handled after the first
      fake.advance(100);
      assert.equal(run(fake, "JSON.stringify(got)"), JSON.stringify([[3, 3.005], [3.001, 3.005]]));
    });

    it("a pulled-up input held low draws through its pull-up: counted in pin-ms", () => {
      const fake = pico('pinMode(A1, "input_pullup"); pinMode(A0, "input_pullup");');
      fake.drive("A1", false);
      fake.power.reset();
      fake.advance(1000);
      assert.equal(fake.power.pulledPinMs(), 1000);
    });
  });

  describe("an MDBT42Q (nRF52)", () => {
    const pins = ["D1", "D7", "D11"];
    const nrf52 = (code: string) => boot("nrf52832", pins, code);

    it("has NRF and no setDeepSleep; it sleeps deeply whenever idle, but not while PWM keeps its fast clock on", () => {
      const fake = nrf52('analogWrite(D7, 0.5, {freq: 2700}); setTimeout(function () { digitalWrite(D7, 0); }, 100);');
      assert.equal(fake.globals.setDeepSleep, undefined);
      assert.equal(typeof fake.globals.NRF, "object");
      assert.deepEqual(over(fake, 1000), { running: 0, sleep: 100, deepSleep: 900 });
    });

    it("advertises from power-up until NRF.sleep(); NRF.wake() advertises again; the calls are recorded", () => {
      const fake = nrf52("");
      const radio = fake.nrf!;
      assert.equal(radio.state(), "advertising");
      fake.power.reset();
      fake.advance(1000);
      run(fake, 'NRF.setServices(undefined, {uart: false}); NRF.sleep();');
      fake.advance(3000);
      assert.deepEqual(fake.power.radioTimes(), { advertising: 1000, off: 3000, connected: 0 });
      run(fake, "NRF.wake();");
      assert.equal(radio.state(), "advertising");
      assert.deepEqual(radio.calls().map((c) => c.name), ["setServices", "sleep", "wake"]);
      assert.equal(JSON.stringify(radio.calls()[0].args), JSON.stringify([null, { uart: false }]));
    });

    it("a central connects only while the board advertises connectably; NRF.sleep() drops it; the image's handlers run", () => {
      const fake = nrf52('var seen = []; NRF.on("connect", function (a) { seen.push("connect " + a); }); NRF.on("disconnect", function () { seen.push("disconnect"); });');
      const radio = fake.nrf!;
      assert.equal(radio.connect("11:22:33:44:55:66 public"), true);
      assert.equal(radio.state(), "connected");
      run(fake, "NRF.sleep();");
      assert.equal(radio.state(), "off");
      assert.equal(radio.connect(), false);
      run(fake, 'NRF.wake(); NRF.setAdvertising({}, {connectable: false});');
      assert.equal(radio.connect(), false);
      assert.equal(run(fake, "seen.join()"), "connect 11:22:33:44:55:66 public,disconnect");
    });
  });

  it("an ESP32 only ever sleeps with its clocks running: no deep sleep, no setDeepSleep, no NRF", () => {
    const fake = boot("esp32", ["D2"], "");
    assert.equal(fake.globals.setDeepSleep, undefined);
    assert.equal(fake.globals.NRF, undefined);
    assert.deepEqual(over(fake, 1000), { running: 0, sleep: 1000, deepSleep: 0 });
  });
});
