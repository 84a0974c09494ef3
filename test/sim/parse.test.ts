import { strict as assert } from "assert";
import { parseDuration, parseScenario, ScenarioError } from "../../sim/scenario/parse";

function commands(text: string) {
  return parseScenario(text, "t.scn").map((l) => l.command);
}

function parseError(text: string): ScenarioError {
  try {
    parseScenario(text, "bad.scn");
  } catch (err) {
    assert.ok(err instanceof ScenarioError, `not a ScenarioError: ${err}`);
    return err;
  }
  return assert.fail("no error");
}

describe("sim: the scenario language", () => {
  it("reads durations in ms, s and min", () => {
    assert.equal(parseDuration("200ms"), 200);
    assert.equal(parseDuration("1.5s"), 1500);
    assert.equal(parseDuration("2min"), 120000);
    assert.equal(parseDuration("5"), undefined);
    assert.equal(parseDuration("5 s"), undefined);
  });

  it("skips blank lines and comments, and keeps # as LOCK on key lines", () => {
    const lines = parseScenario("# a comment\n\nboard proto-pico  # trailing\npress 1234#\npress 12 34 lock\n  wait 5s\n", "t.scn");
    assert.deepEqual(
      lines.map((l) => [l.line, l.command]),
      [
        [3, { kind: "board", name: "proto-pico" }],
        [4, { kind: "press", keys: "1234#" }],
        [5, { kind: "press", keys: "1234#" }],
        [6, { kind: "wait", ms: 5000 }],
      ],
    );
  });

  it("reads every action", () => {
    assert.deepEqual(
      commands(
        [
          "press program", "hold program 31s", "hold program", "release program", "hold keys 12 200ms",
          "power off", "power on", "power on holding program", "turn key to locked", "turn key to 50% over 2s",
          "block bolt at 50%", "unblock bolt", "battery 4.6V", "battery 5.2V 6ohm", "battery fresh", "hand left",
          "fault motor seized", "fault switch extended open", "seed 3",
        ].join("\n"),
      ),
      [
        { kind: "program", action: "press" },
        { kind: "program", action: "hold", ms: 31000 },
        { kind: "program", action: "hold" },
        { kind: "program", action: "release" },
        { kind: "holdKeys", keys: "12", ms: 200 },
        { kind: "power", on: false, holdingProgram: false },
        { kind: "power", on: true, holdingProgram: false },
        { kind: "power", on: true, holdingProgram: true },
        { kind: "turnKey", position: 1, ms: 500 },
        { kind: "turnKey", position: 0.5, ms: 2000 },
        { kind: "block", at: 0.5 },
        { kind: "block", at: null },
        { kind: "battery", volts: 4.6, ohms: undefined },
        { kind: "battery", volts: 5.2, ohms: 6 },
        { kind: "battery", volts: "fresh" },
        { kind: "hand", hand: "left" },
        { kind: "fault", part: "motor", fault: "seized" },
        { kind: "fault", part: "extended", fault: "open" },
        { kind: "seed", seed: 3 },
      ],
    );
  });

  it("reads every kind of expectation", () => {
    const e = commands(
      [
        "expect bolt between", "expect locked", "expect 3 red flashes within 2s", "expect 1 green flash",
        "expect 2 beeps within 3s", "expect long beep within 8s", "expect no beeps for 5s", "expect at least 2 flashes for 12s",
        "expect motor off", "expect motor off for 3s", "expect no timers", "expect log \"handing ok\" within 5s",
        "expect OK then LOW_BATTERY within 12s", "expect FAIL then more within 4s", "expect red on for 5s within 20s",
        "expect 2 motor runs within 5s", "expect at most 1 flash write within 3s",
      ].join("\n"),
    ).map((c) => (c.kind === "expect" ? c.expectation : undefined));
    assert.deepEqual(e, [
      { what: "bolt", state: "between" },
      { what: "bolt", state: "extended" },
      { what: "pulses", signal: "red", long: false, count: { op: "=", n: 3 }, window: { type: "within", ms: 2000 } },
      { what: "pulses", signal: "green", long: false, count: { op: "=", n: 1 }, window: { type: "within", ms: 3000 } },
      { what: "pulses", signal: "buzzer", long: false, count: { op: "=", n: 2 }, window: { type: "within", ms: 3000 } },
      { what: "pulses", signal: "buzzer", long: true, count: { op: "=", n: 1 }, window: { type: "within", ms: 8000 } },
      { what: "pulses", signal: "buzzer", long: false, count: { op: "=", n: 0 }, window: { type: "for", ms: 5000 } },
      { what: "pulses", signal: "led", long: false, count: { op: ">=", n: 2 }, window: { type: "for", ms: 12000 } },
      { what: "motor", running: false, forMs: 0 },
      { what: "motor", running: false, forMs: 3000 },
      { what: "noTimers", withinMs: 10000 },
      { what: "log", text: "handing ok", present: true, window: { type: "within", ms: 5000 } },
      { what: "pattern", names: ["OK", "LOW_BATTERY"], window: { type: "within", ms: 12000 }, thenMore: false },
      { what: "pattern", names: ["FAIL"], window: { type: "within", ms: 4000 }, thenMore: true },
      { what: "lit", signal: "red", ms: 5000, window: { type: "within", ms: 20000 } },
      { what: "pulses", signal: "motor", long: false, count: { op: "=", n: 2 }, window: { type: "within", ms: 5000 } },
      { what: "writes", count: { op: "<=", n: 1 }, window: { type: "within", ms: 3000 } },
    ]);
  });

  it("names the line and the problem of a bad command, never skipping it", () => {
    const unknown = parseError("board proto-pico\n\nwiat 5s\n");
    assert.equal(unknown.line, 3);
    assert.match(unknown.message, /^bad\.scn:3: unknown command "wiat"/);
    assert.match(parseError("press 12a4#").message, /bad\.scn:1: "press" takes keys/);
    assert.match(parseError("wait 5").message, /bad\.scn:1: write "wait <duration>"/);
    assert.match(parseError("power on now").message, /power on holding program/);
    assert.match(parseError("expect 3 red flashes within 2").message, /"2" is not a duration/);
    assert.match(parseError("expect bolt sideways").message, /retracted, extended or between/);
    assert.match(parseError("expect purple").message, /unknown expectation "purple"/);
    assert.match(parseError("expect OK then NOTHING").message, /"then" must be followed by a pattern name/);
    assert.match(parseError("block bolt at 150%").message, /block bolt at 50%/);
    assert.match(parseError("battery 4.6").message, /battery 4\.6V/);
    assert.match(parseError("expect log handing").message, /double quotes/);
  });
});
