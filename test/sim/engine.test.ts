import { strict as assert } from "assert";
import { createSimulation, Simulation } from "../../sim/engine";
import { pulsesOf } from "../../sim/scenario/pulses";
import { PROTO_PICO, TOY_LOCK } from "./toy-lock";

function toy(options: { seed?: number } = {}): { sim: Simulation; logs: string[] } {
  const logs: string[] = [];
  const sim = createSimulation({ board: PROTO_PICO, image: TOY_LOCK, onLog: (_t, line) => logs.push(line), ...options });
  return { sim, logs };
}

describe("sim: the engine runs an image against the lock's physics", () => {
  it("scans the 4x3 matrix electrically: every key reaches the image as its legend", () => {
    const { sim, logs } = toy();
    sim.powerOn();
    for (const key of "123456789*0") {
      sim.tap(key, 100);
      sim.advance(150);
    }
    assert.deepEqual(
      logs.filter((l) => l.startsWith("toy: key")),
      [..."123456789*0"].map((k) => `toy: key ${k}`),
    );
  });

  it("drives the bolt from the H-bridge pins until the image sees the extended switch close", () => {
    const { sim, logs } = toy();
    sim.powerOn();
    sim.tap("#", 100);
    sim.advance(100);
    assert.equal(sim.outputs().drive, "A");
    assert.ok(sim.mechanism.position > 0 && sim.mechanism.position < 1);
    sim.advance(1500);
    assert.equal(sim.outputs().drive, "stop");
    assert.ok(sim.mechanism.position >= 0.98, `bolt at ${sim.mechanism.position}`);
    assert.ok(logs.some((l) => /toy: stroke done/.test(l)), logs.join("\n"));
    // the other way on the next LOCK
    sim.tap("#", 100);
    sim.advance(1500);
    assert.ok(sim.mechanism.position <= 0.02);
    const drives = sim.timeline.events.filter((e) => e.kind === "motor").map((e) => (e.kind === "motor" ? e.drive : ""));
    assert.deepEqual(drives, ["A", "stop", "B", "stop"]);
  });

  it("feeds motor current and the sagging pack voltage to the ADC pins", () => {
    const { sim, logs } = toy();
    sim.powerOn();
    assert.ok(logs.some((l) => l.includes("6.40V")), "rest voltage at boot");
    sim.tap("#", 100);
    sim.advance(1500);
    // running: 0.15 A through a fresh pack's 0.3 ohm
    assert.ok(logs.some((l) => /stroke done min 6\.3[0-9]V max 0\.15A/.test(l)), logs.join("\n"));
    sim.blockBolt(0.5);
    sim.tap("#", 100);
    sim.advance(2000);
    // stalled: 1 A, and the image stopped on the stall after 100 ms of it
    assert.ok(logs.some((l) => /stroke stalled min 6\.[01][0-9]V max 1\.00A/.test(l)), logs.join("\n"));
    assert.ok(Math.abs(sim.mechanism.position - 0.5) < 0.01);
    sim.setBatteryVolts(4.5);
    assert.ok(Math.abs((sim.console("Latchkey.volts()") as number) - 4.5) < 0.01);
  });

  it("records LED and buzzer pulses at their exact times, and the program button", () => {
    const { sim } = toy();
    sim.powerOn();
    sim.tap("*", 100);
    sim.advance(500);
    const red = pulsesOf(sim.timeline.changes("red"));
    // the key went down at 0, the image saw it after its 30 ms debounce and lit red for 150 ms
    assert.deepEqual(red, [{ start: 30, end: 180 }]);
    sim.tap("#", 100);
    sim.advance(2000);
    const beep = pulsesOf(sim.timeline.changes("buzzer"));
    assert.equal(beep.length, 1);
    assert.equal(beep[0].end - beep[0].start, 100);
    sim.setProgram(true);
    sim.advance(100);
    sim.setProgram(false);
    sim.advance(100);
    const logs = sim.timeline.logs().map((l) => l.text);
    assert.ok(logs.includes("toy: program down") && logs.includes("toy: program up"));
  });

  it("keeps the flash across a power cycle and runs the image afresh, with Program held if asked", () => {
    const { sim, logs } = toy();
    sim.powerOn();
    sim.tap("#", 100);
    sim.advance(1500);
    sim.powerOff();
    assert.equal(sim.powered(), false);
    assert.deepEqual(sim.outputs(), { red: false, green: false, buzzer: false, drive: "stop" });
    sim.advance(5000);
    sim.powerOn({ holdingProgram: true });
    assert.ok(logs.includes("toy: boot strokes=1 program held 6.40V"), logs.join("\n"));
    assert.equal(sim.console("Latchkey.strokes()"), 1);
    sim.setProgram(false);
    sim.powerOff();
    sim.powerOn();
    assert.ok(logs.includes("toy: boot strokes=1 program up 6.40V"));
  });

  it("lets a hand turn the key with the power off, and the image reads the switches at power-up", () => {
    const { sim, logs } = toy();
    sim.turnKey(1, 500);
    sim.advance(600);
    assert.ok(sim.mechanism.position >= 0.98);
    sim.powerOn();
    sim.tap("#", 100);
    sim.advance(1500);
    // extended at boot, so LOCK retracts it (the toy goes to the far end)
    assert.ok(sim.mechanism.position <= 0.02);
    assert.ok(logs.some((l) => l.startsWith("toy: stroke done")));
  });

  it("counts the image's armed timers and reports its uncaught errors", () => {
    const bad = createSimulation({ board: PROTO_PICO, image: "setTimeout(function () { throw new Error('boom'); }, 10);" });
    bad.powerOn();
    assert.equal(bad.armedTimers(), 1);
    bad.advance(20);
    assert.equal(bad.armedTimers(), 0);
    assert.deepEqual(bad.uncaught(), ["Uncaught Error: boom"]);
    const broken = createSimulation({ board: PROTO_PICO, image: "undefinedThing();" });
    broken.powerOn();
    assert.match(broken.uncaught()[0], /^Uncaught .*undefinedThing/);
  });

  it("steps fast: ten minutes of a lock at rest take well under a second", () => {
    const { sim } = toy();
    sim.powerOn();
    const start = Date.now();
    sim.advance(600000);
    assert.ok(Date.now() - start < 1000, `${Date.now() - start} ms`);
  });

  it("keeps virtual time in step with the wall clock in real-time mode", async () => {
    const { sim } = toy();
    sim.powerOn();
    sim.startRealTime();
    await new Promise((resolve) => setTimeout(resolve, 200));
    sim.stopRealTime();
    assert.ok(sim.now() >= 100 && sim.now() <= 400, `virtual ${sim.now()} ms after 200 ms`);
  });
});
