// The board model that stands in for the hardware on Espruino's Linux build (rig/model.js), checked on Node in
// virtual time. The same model runs under every real-interpreter test (test/interpreter/real-*.test.ts).
import { strict as assert } from "assert";
import { modelOnNode, ModelOnNode, WatchEvent } from "./model-on-node";

describe("the board model for the real interpreter (rig/model.js)", () => {
  let m: ModelOnNode;
  afterEach(() => m && m.restore());

  /** proto-pico's keypad as the firmware of today sets it up: rows pulled up, columns push-pull low */
  function pico(conditions = {}) {
    m = modelOnNode("proto-pico", conditions);
    const p = (name: string) => m.pin(name);
    const rows = ["B13", "B14", "B15", "B10"].map(p);
    const cols = ["B3", "B4", "B5"].map(p);
    rows.forEach((r) => m.hw.pinMode(r, "input_pullup"));
    return { p, rows, cols };
  }

  describe("keypad electrics", () => {
    it("a pressed key pulls its row low only while its column is driven low", () => {
      const { p, rows, cols } = pico();
      cols.forEach((c) => m.hw.digitalWrite(c, 0));
      assert.equal(m.hw.digitalRead(rows), 0b1111);
      m.rig.hold("5");
      assert.equal(m.hw.digitalRead(p("B14")), 0);
      assert.equal(m.hw.digitalRead(rows), 0b1011);
      m.hw.digitalWrite(p("B4"), 1);
      assert.equal(m.hw.digitalRead(p("B14")), 1);
      m.hw.digitalWrite(p("B4"), 0);
      m.rig.release("5");
      assert.equal(m.hw.digitalRead(p("B14")), 1);
    });

    it("open-drain columns: writing 1 floats the column, 0 drives it low; all rows read at once, the first the highest bit", () => {
      const { p, rows, cols } = pico();
      cols.forEach((c) => m.hw.pinMode(c, "opendrain"));
      m.hw.digitalWrite(cols, 0b111);
      m.rig.hold("8"); // row 3 (B15), column 2 (B4)
      assert.equal(m.hw.digitalRead(rows), 0b1111);
      m.hw.digitalWrite(cols, 0b101); // B4 alone low
      assert.equal(m.hw.digitalRead(rows), 0b1101);
      assert.equal(m.hw.digitalRead(p("B4")), 0);
      m.hw.digitalWrite(cols, 0b011); // B3 alone low
      assert.equal(m.hw.digitalRead(rows), 0b1111);
      assert.deepEqual(m.state().shorts, []);
    });

    it("records a short when pressed keys join two outputs driven to different levels", () => {
      const { rows, cols } = pico();
      cols.forEach((c) => m.hw.digitalWrite(c, 0));
      m.rig.hold("4");
      m.rig.hold("5"); // both on row B14: columns B3 and B4 are now joined
      assert.deepEqual(m.state().shorts, []);
      m.hw.digitalWrite(cols, 0b011); // B3 low, B4 high: push-pull outputs fighting through the keys
      assert.deepEqual(m.state().shorts, ["B14,B3,B4"]);
      assert.ok(m.events.includes("short B14,B3,B4"));
      assert.equal(m.hw.digitalRead(rows) & 0b0100, 0, "a shorted row reads low");
    });

    it("the same two keys on open-drain columns short nothing", () => {
      const { cols } = pico();
      cols.forEach((c) => m.hw.pinMode(c, "opendrain"));
      m.rig.hold("4");
      m.rig.hold("5");
      m.hw.digitalWrite(cols, 0b011);
      m.hw.digitalWrite(cols, 0b101);
      assert.deepEqual(m.state().shorts, []);
    });

    it("records a short when an output drives high a pin that a closed switch ties to ground", () => {
      const { p } = pico();
      m.hw.digitalWrite(p("A8"), 1);
      m.rig.hold("P");
      assert.deepEqual(m.state().shorts, ["A8"]);
    });

    it("reports a read of a pin that nothing drives or pulls, once", () => {
      const { p } = pico();
      m.hw.pinMode(p("B3"), "input");
      m.hw.digitalRead(p("B3"));
      m.hw.digitalRead(p("B3"));
      assert.deepEqual(m.events.filter((e) => e.startsWith("floating")), ["floating B3"]);
    });

    it("a pin that is not wired on the board is refused, as Espruino refuses an invalid pin", () => {
      pico();
      assert.throws(() => m.hw.digitalRead(31), /Invalid pin 31: not wired on proto-pico/);
    });
  });

  describe("watches, as Espruino 2v29 runs them", () => {
    /** key 1 down for downMs, then up for upMs (row B13 against column B3) */
    function tapOne(downMs: number, upMs: number) {
      m.rig.hold("1");
      m.clock.tick(downMs);
      m.rig.release("1");
      m.clock.tick(upMs);
    }

    function watched(options: object, pinName = "B13") {
      const { p } = pico();
      const calls: WatchEvent[] = [];
      const id = m.hw.setWatch((e: WatchEvent) => calls.push(e), p(pinName), options);
      return { p, calls, id };
    }

    it("with a debounce, the callback comes that long after the last bounce, with the time of that bounce", () => {
      const { calls } = watched({ repeat: true, edge: "falling", debounce: 30 });
      m.hw.digitalWrite(m.pin("B3"), 0);
      const start = Date.now() / 1000;
      for (let i = 0; i < 3; i++) tapOne(2, 2);
      m.rig.hold("1");
      m.clock.tick(29);
      assert.equal(calls.length, 0);
      m.clock.tick(1);
      assert.equal(calls.length, 1);
      assert.equal(calls[0].state, false);
      assert.ok(Math.abs(calls[0].time - (start + 0.012)) < 1e-9, `time ${calls[0].time - start}`);
      assert.equal(calls[0].pin, m.pin("B13"));
    });

    it("with a debounce, bounces that end at the level last reported call nothing", () => {
      const { calls } = watched({ repeat: true, edge: "both", debounce: 30 });
      m.hw.digitalWrite(m.pin("B3"), 0);
      tapOne(5, 100);
      assert.deepEqual(calls, []);
    });

    it("the edge chosen filters the callbacks, and lastTime is the previous change whichever its edge", () => {
      const { calls } = watched({ repeat: true, edge: "falling", debounce: 10 });
      m.hw.digitalWrite(m.pin("B3"), 0);
      const start = Date.now() / 1000;
      tapOne(50, 50);
      m.rig.hold("1");
      m.clock.tick(50);
      assert.deepEqual(calls.map((c) => c.state), [false, false]);
      assert.ok(Math.abs((calls[1].lastTime as number) - (start + 0.05)) < 1e-9, "lastTime is the rising edge's");
    });

    it("without a debounce, the callback never runs inside the pin call that caused the edge", () => {
      const { calls } = watched({ repeat: true, edge: "both" });
      m.hw.pinMode(m.pin("B3"), "output");
      m.hw.digitalWrite(m.pin("B3"), 0);
      m.rig.hold("1");
      assert.equal(calls.length, 0);
      m.clock.tick(0);
      assert.deepEqual(calls.map((c) => c.state), [false]);
    });

    it("a watch without repeat goes after its first call; ids count from 1; clearing an unknown one throws", () => {
      const { p, calls, id } = watched({ edge: "falling" });
      assert.equal(id, 1);
      assert.equal(m.hw.setWatch(() => {}, p("B14"), { repeat: true }), 2);
      m.hw.digitalWrite(m.pin("B3"), 0);
      m.rig.hold("1");
      m.clock.tick(0);
      assert.equal(calls.length, 1);
      assert.throws(() => m.hw.clearWatch(id), /Unknown Watch 1/);
      assert.throws(() => m.hw.clearWatch(undefined), /Unknown Watch/);
      m.hw.clearWatch(2);
      assert.equal(m.state().watches, 0);
    });

    it("on STM32 a second pin with the same number cannot be watched (A8 and B8)", () => {
      const { p } = pico();
      assert.equal(m.hw.setWatch(() => {}, p("A8"), { repeat: true }), 1);
      assert.equal(m.hw.setWatch(() => {}, p("B8"), { repeat: true }), undefined);
      assert.ok(m.state().findings[0].includes("setWatch(B8) refused"));
    });
  });

  describe("bolt, motor and battery", () => {
    const amps = (pin: number) => m.hw.analogRead(pin) * 3.3; // proto-pico: 1 V per A, vref 3.3
    function motor(conditions = {}) {
      const { p } = pico({ travelMs: 400, ...conditions });
      [p("A0"), p("A1")].forEach((s) => m.hw.pinMode(s, "input_pullup"));
      m.hw.pinMode(p("B8"), "output");
      m.hw.pinMode(p("B9"), "output");
      return p;
    }

    it("drive A on a right-hand door extends the bolt in its travel time, then the motor stalls at about 1 A", () => {
      const p = motor();
      assert.equal(m.hw.digitalRead(p("A0")), 0, "retracted switch closed");
      m.hw.digitalWrite(p("B8"), 1);
      m.clock.tick(200);
      assert.equal(m.hw.digitalRead(p("A0")), 1);
      assert.equal(m.hw.digitalRead(p("A1")), 1);
      assert.ok(Math.abs(m.state().bolt - 0.5) < 0.01);
      assert.ok(Math.abs(amps(p("A5")) - 0.15) < 1e-9);
      m.clock.tick(200);
      assert.equal(m.hw.digitalRead(p("A1")), 0, "extended switch closed");
      assert.equal(m.state().bolt, 1);
      assert.ok(Math.abs(amps(p("A5")) - 1) < 1e-9);
      m.hw.digitalWrite(p("B8"), 0);
      assert.equal(amps(p("A5")), 0);
      assert.equal(m.clock.countTimers(), 0, "no timer of the model while nothing moves");
    });

    it("on a left-hand door drive A retracts and drive B extends", () => {
      const p = motor({ hand: "left" });
      m.hw.digitalWrite(p("B9"), 1);
      m.clock.tick(400);
      assert.equal(m.state().extended, true);
      m.hw.digitalWrite([p("B8"), p("B9")], 0b10);
      m.clock.tick(400);
      assert.equal(m.state().retracted, true);
    });

    it("an obstacle stops the bolt between the ends, where the motor stalls and no switch closes", () => {
      const p = motor();
      m.rig.block(0.5);
      m.hw.digitalWrite(p("B8"), 1);
      m.clock.tick(1000);
      assert.equal(m.state().bolt, 0.5);
      assert.equal(m.hw.digitalRead([p("A0"), p("A1")]), 0b11);
      assert.ok(Math.abs(amps(p("A5")) - 1) < 1e-9);
    });

    it("the battery reads through its divider, lower under the motor's current", () => {
      const p = motor({ volts: 5.4, ohms: 0.5 });
      const volts = () => m.hw.analogRead(p("A4")) * 3.3 * 3;
      assert.ok(Math.abs(volts() - 5.4) < 1e-9);
      m.hw.digitalWrite(p("B8"), 1);
      m.clock.tick(10);
      assert.ok(Math.abs(volts() - (5.4 - 0.15 * 0.5)) < 1e-9);
    });

    it("a hand on the thumbturn moves the bolt and its switches without the motor", () => {
      const p = motor();
      m.rig.turn(1);
      assert.equal(m.hw.digitalRead([p("A0"), p("A1")]), 0b10);
      assert.equal(m.clock.countTimers(), 0);
    });
  });

  describe("keys, board extras and measurement", () => {
    it("pressing a sequence taps each key and says when it is done; no timer stays behind", () => {
      pico();
      m.rig.press("12", 100, 150);
      m.clock.tick(1000);
      assert.deepEqual(m.events.filter((e) => e.startsWith("key") || e.startsWith("pressed")), ["key 1 1", "key 1 0", "key 2 1", "key 2 0", "pressed 12"]);
      assert.equal(m.clock.countTimers(), 0);
    });

    it("STM32 boards get setDeepSleep, recorded; nRF52 boards get an NRF that records each call", () => {
      pico();
      m.hw.setDeepSleep(1);
      assert.equal(m.state().deepSleep, 1);
      assert.equal(m.hw.NRF, undefined);
      m.restore();
      m = modelOnNode("proto-mdbt42q");
      assert.equal(m.hw.setDeepSleep, undefined);
      m.hw.NRF.setServices(undefined, { uart: false });
      let connected: unknown;
      m.hw.NRF.on("connect", (addr: unknown) => (connected = addr));
      m.rig.nrf("connect", "aa:bb");
      assert.ok(m.events.includes('nrf setServices [null,{"uart":false}]'));
      assert.equal(connected, "aa:bb");
    });

    it("E.setConsole, E.setPassword and E.lockConsole are recorded, and leave the console where it is", () => {
      pico();
      (m.E.setConsole as (d: null, o: object) => void)(null, { force: true });
      (m.E.lockConsole as () => void)();
      assert.deepEqual(m.events.filter((e) => e.startsWith("console")), ['console setConsole [null,{"force":true}]', "console lockConsole []"]);
    });

    it("E.getAnalogVRef() gives the model's reference where the chip has one, and stays NaN on ESP32", () => {
      pico();
      assert.equal((m.E.getAnalogVRef as () => number)(), 3.3);
      m.restore();
      m = modelOnNode("proto-esp32");
      assert.ok(isNaN((m.E.getAnalogVRef as () => number)()));
    });

    it("memory sampling keeps the highest process.memory().usage seen at a pin call", () => {
      const { p } = pico({ sample: true });
      m.usage = 900;
      m.hw.digitalRead(p("B13"));
      m.usage = 700;
      m.hw.digitalWrite(p("B2"), 1);
      assert.equal(m.rig.memory().peak, 900, "the peak so far, then sampling starts again from nothing");
      m.hw.digitalWrite(p("B2"), 0);
      assert.equal(m.rig.memory(false).peak, 700);
      m.usage = 5000;
      m.hw.digitalWrite(p("B2"), 1);
      assert.equal(m.rig.memory().peak, 0, "not sampled once stopped");
    });
  });
});
