import { strict as assert } from "assert";
import { RunResult, runScenarioText, startsPowered } from "../../sim/scenario/run";
import { parseScenario, ScenarioError } from "../../sim/scenario/parse";
import { toyResolve } from "./toy-lock";

function run(text: string): RunResult {
  return runScenarioText(text, { file: "toy.scn", resolve: toyResolve });
}

function failure(text: string): string {
  const result = run(text);
  assert.equal(result.ok, false, "the run passed");
  const f = result.failure!;
  return `${f.file}:${f.line}: ${f.text} -- ${f.message}`;
}

describe("sim: running scenarios", () => {
  it("passes when every expectation holds", () => {
    const result = run(`
      board proto-pico
      power on
      expect bolt retracted
      press #
      expect 1 motor run within 2s
      expect 1 green flash within 2s
      expect 1 beep within 2s
      expect no red flashes within 2s
      expect bolt extended
      expect locked
      expect motor off
      expect no timers
      expect log "stroke done" within 2s
      press *
      expect 1 red flash within 1s
    `);
    assert.equal(result.failure, undefined);
    assert.equal(result.passed.length, 11);
  });

  it("fails naming file:line, the expectation, and what was seen instead", () => {
    const text = "power on\npress #\nexpect 3 red flashes within 2s\n";
    assert.match(failure(text), /^toy\.scn:3: expect 3 red flashes within 2s -- expected 3 red flashes between 0\.00s and 2\.\d\ds, saw none$/);
    assert.match(failure("power on\npress #\nexpect no green flashes within 2s"), /expected no green flashes .* saw 1 at 0\.\d\ds \(200ms\)/);
    assert.match(failure("power on\nexpect bolt extended"), /toy\.scn:2: .* expected the bolt extended, it is retracted \(0% extended\)/);
    assert.match(failure("power on\npress #\nwait 100ms\nexpect motor off"), /expected the motor off, it is driving A/);
    assert.match(failure("power on\nexpect log \"nonsense\" within 1s"), /expected a log line containing "nonsense" .* saw .*"toy: boot strokes=0/);
  });

  it("counts the pulses that start inside the window: from the last action's start to its end plus the time given", () => {
    // the toy's stroke ends about 0.85 s after LOCK; its green flash starts then
    assert.equal(run("power on\npress #\nexpect 1 green flash within 1s").ok, true);
    assert.equal(run("power on\npress #\nexpect no green flashes within 0.5s").ok, true);
    // a later expectation after the same action still counts from that action's start
    assert.equal(run("power on\npress #\nexpect 1 green flash within 2s\nwait 5s\nexpect 1 green flash within 2s").ok, true);
    // `for` counts from now
    assert.equal(run("power on\npress #\nwait 3s\nexpect no flashes for 5s").ok, true);
    assert.equal(run("power on\npress *\nexpect at least 1 flash within 1s\nexpect at most 1 flash within 1s").ok, true);
  });

  it("checks a named pattern as exact counts in order, and their shapes", () => {
    // the toy's "done": a 200 ms green flash with a 100 ms beep = OK
    assert.equal(run("power on\npress #\nexpect OK within 2s").ok, true);
    assert.match(failure("power on\npress #\nexpect WRONG within 2s"), /WRONG should be 1 red and 0 green flashes, 1 beep; saw green .*\(200ms\), beep .*\(100ms\)/);
    assert.match(failure("power on\npress #\nexpect OK then OK within 2s"), /OK should be/);
    // a stalled stroke: one red flash, no beep
    assert.match(failure("power on\nblock bolt at 50%\npress #\nexpect WRONG within 2s"), /saw red/);
  });

  it("fails the run when the image throws, naming the line after which it did", () => {
    const result = runScenarioText("power on\nwait 1s\nexpect motor off\n", {
      file: "boom.scn",
      resolve: () => ({ ...toyResolve("proto-pico"), image: "setTimeout(function () { null.x; }, 500);" }),
    });
    assert.equal(result.failure?.line, 2);
    assert.match(result.failure!.message, /the firmware threw: Uncaught .*null/);
  });

  it("reports runtime mistakes in the scenario as errors at their line", () => {
    assert.throws(() => run("power on\nrelease program"), (e: ScenarioError) => e.line === 2 && /Program is not held/.test(e.message));
    assert.throws(() => run("power on\npower on"), (e: ScenarioError) => e.line === 2 && /already powered on/.test(e.message));
    assert.throws(() => run("power on\nboard proto-pico"), (e: ScenarioError) => /before the first command/.test(e.message));
    assert.throws(() => run("board nowhere\npower on"), (e: ScenarioError) => e.line === 2 && /no board "nowhere"/.test(e.message));
  });

  it("waits for the lock to settle before checking that no timer is armed", () => {
    assert.equal(run("power on\npress #\nexpect no timers").ok, true);
    assert.match(failure("power on\npress #\nexpect no timers within 200ms"), /timers armed within 0\.20s, 1 still armed/);
  });

  it("counts flash writes since the last action", () => {
    assert.equal(run("power on\npress *\nexpect no flash writes within 1s\npress #\nexpect 1 flash write within 2s").ok, true);
  });

  it("starts with the batteries in, unless a power command comes before the first press, hold, release, wait or expect", () => {
    // written the obvious way: the lock is running from 0 s
    const obvious = run("press #\nexpect 1 motor run within 2s\nexpect bolt extended");
    assert.equal(obvious.failure, undefined);
    assert.equal(obvious.sim!.timeline.logs()[0].text, "[sim] power on");
    assert.equal(obvious.sim!.timeline.logs()[0].t, 0);
    // the scene set with the batteries out (the bolt turned half out), then the batteries go in
    const staged = run("hand left\nturn key to 50%\npower on\nexpect bolt between");
    assert.equal(staged.failure, undefined);
    assert.ok(staged.sim!.timeline.logs()[0].t >= 500, "powered only after the key turn");
    assert.throws(() => run("wait 1s\npower on"), (e: ScenarioError) => e.line === 2 && /already powered on/.test(e.message));
    assert.equal(startsPowered(parseScenario("board proto-pico\nseed 3\nbattery 4.6V\npower on holding program")), false);
    assert.equal(startsPowered(parseScenario("battery 4.6V\nexpect bolt retracted\npower off")), true);
  });

  it("refuses a scenario whose board line contradicts the board asked for", () => {
    assert.throws(
      () => runScenarioText("board proto-pico\npress #", { file: "toy.scn", resolve: toyResolve, requiredBoard: "proto-esp32" }),
      (e: ScenarioError) => e.line === 1 && /for board proto-pico, but board proto-esp32 was asked for/.test(e.message),
    );
  });
});
