// The record a person at the bench reads: the patterns the lock played, named from the LED and buzzer pulses
// alone (plus what the person did just before), and the digits typed so far; on the built proto-pico image,
// through scenarios of the library whose expectations say which pattern came.
import { strict as assert } from "assert";
import * as path from "path";
import { createSimulation } from "../../sim/engine";
import { history, digitsTyped } from "../../sim/record/history";
import { moments } from "../../sim/record/feedback";
import { REPO_ROOT, runScenarioFile } from "../../sim/scenario/run";
import { skipUnlessBuilt } from "./built-image";
import { PROTO_PICO, TOY_LOCK } from "./toy-lock";

/** the patterns named in a library scenario's run, in order */
function named(file: string): string[] {
  const result = runScenarioFile(path.join(REPO_ROOT, "test", "scenarios", file));
  assert.ok(result.ok, `${file} failed: ${result.failure?.message}`);
  const sim = result.sim!;
  return moments(sim.timeline, sim.now()).flatMap((m) => m.played.map((p) => `${p.name ?? "?"}${p.silent ? " silent" : ""}`));
}

describe("sim: what happened, in words", () => {
  describe("on the real image", function () {
    before(function () {
      skipUnlessBuilt(this);
    });

    it("tells PROGRAM from OK (same pulses) by the Program press before it, and names LOCKOUT and the flashes of keys in a lockout", () => {
      assert.deepEqual(named("lockout.scn"), [
        "HANDING_OK", "PROGRAM", "OK", "OK", "WRONG", "WRONG", "LOCKOUT",
        "RED_FLASH", "RED_FLASH", "RED_FLASH", "RED_FLASH", "RED_FLASH", "OK", "OK", "WRONG", "WRONG",
      ]);
    });

    it("tells a setting turned off from HANDING_OK (same pulses) by the strokes before it, and patterns without sound", () => {
      const names = named("program-settings.scn");
      assert.deepEqual(names.slice(0, 11), [
        "HANDING_OK", "PROGRAM", "OK", "PROGRAM", "OK", "PROGRAM", "OFF", "PROGRAM", "OFF silent", "OK silent", "RED_FLASH",
      ]);
    });

    it("names the power-up patterns: RESET_READY while Program is held, RESET_DONE, then HANDING_OK", () => {
      const names = named("factory-reset.scn");
      assert.deepEqual(names.slice(names.indexOf("RESET_READY"), names.indexOf("RESET_READY") + 3), ["RESET_READY", "RESET_DONE", "HANDING_OK"]);
      assert.ok(named("jam-locking.scn").includes("JAM"));
      assert.ok(named("handing-failed.scn").includes("HANDING_FAILED"));
      assert.ok(named("program-timeouts.scn").includes("TIMEOUT"));
      assert.ok(named("program-mastercode.scn").includes("PROGRAM_MASTER"));
      const low = named("battery-low.scn");
      assert.deepEqual(low.slice(low.indexOf("LOW_BATTERY") - 1, low.indexOf("LOW_BATTERY") + 1), ["OK", "LOW_BATTERY"], "OK, then LOW_BATTERY queued behind it");
    });

    it("says how long a lockout lasts, from the lock's console line", () => {
      const result = runScenarioFile(path.join(REPO_ROOT, "test", "scenarios", "lockout.scn"));
      const words = history(result.sim!.timeline, result.sim!.now()).map((h) => h.text);
      assert.ok(words.includes("LOCKOUT 60 s: 15 red flashes + 15 beeps"), words.join("\n"));
      assert.ok(words.includes("red flash: keypad locked out (x5)"));
    });
  });

  it("counts the digits of the entry under way: LOCK, CLEAR, 5 s without a key and power end it", () => {
    const sim = createSimulation({ board: PROTO_PICO, image: TOY_LOCK });
    sim.powerOn();
    const tap = (k: string) => {
      sim.tap(k, 100);
      sim.advance(150);
    };
    const typed = () => digitsTyped(sim.timeline, sim.now());
    tap("1");
    tap("2");
    assert.equal(typed(), 2);
    tap("#");
    assert.equal(typed(), 0);
    tap("3");
    tap("*");
    assert.equal(typed(), 0);
    tap("4");
    sim.advance(4000);
    assert.equal(typed(), 1);
    sim.advance(1500);
    assert.equal(typed(), 0, "the entry was dropped after 5 s");
    tap("5");
    sim.powerOff();
    assert.equal(typed(), 0);
  });
});
