// The Pico lock sleeps deeply whenever it is idle: after power-up and after everything a person does, the
// built image leaves no timer, no interval and no PWM behind, so the chip stays in STOP (about 0.02 mA, not
// 11 mA) until the next key, switch or button. Runs on the built image in the simulator (docs/power.md).
import { strict as assert } from "assert";
import { existsSync } from "fs";
import { imagePath } from "../../sim/scenario/run";
import { press, pressProgram, status, USER_CODE } from "../../tools/bench/person";
import { idleProblems, imageUsesDeepSleep, picoLock } from "../support/deep-sleep";

const IMAGE = imagePath("proto-pico");

describe("the idle Pico lock sleeps deeply (proto-pico, built image)", function () {
  before(function () {
    if (!existsSync(IMAGE)) this.skip(); // `make` builds it first
  });

  it("the image turns deep sleep on at power-up", function () {
    const lock = picoLock();
    if (!imageUsesDeepSleep(lock.image)) {
      console.log("      (skipped: this image never calls setDeepSleep(1); the firmware of issue 13 will; the checks below turn it on from the console meanwhile)");
      this.skip();
    }
    assert.ok(lock.imageEnablesDeepSleep, "setDeepSleep(1) is not in force right after power-up");
  });

  it("after power-up and door handing", () => {
    assert.deepEqual(idleProblems(picoLock().sim), []);
  });

  it("after a wrong code (red flash and beep)", () => {
    const { sim } = picoLock();
    press(sim, "5555#");
    assert.deepEqual(idleProblems(sim), []);
    assert.equal(status(sim).locked, true);
  });

  it("after an unlock by code and a one-touch lock", () => {
    const { sim } = picoLock();
    press(sim, USER_CODE + "#");
    sim.advance(10000);
    assert.equal(status(sim).locked, false);
    press(sim, "#");
    assert.deepEqual(idleProblems(sim), []);
    assert.equal(status(sim).locked, true);
  });

  it("after an auto-lock", () => {
    const { sim } = picoLock({ autoLock: true });
    press(sim, USER_CODE + "#");
    sim.advance(60000);
    assert.equal(status(sim).locked, true);
    assert.deepEqual(idleProblems(sim), []);
  });

  it("after programming a second code at the Program button", () => {
    const { sim } = picoLock();
    pressProgram(sim);
    sim.advance(1000);
    press(sim, "2468#");
    sim.advance(3000);
    assert.equal(status(sim).codes, 2);
    assert.deepEqual(idleProblems(sim), []);
  });

  it("after a lockout for three wrong codes has run out", () => {
    const { sim } = picoLock();
    for (let i = 0; i < 3; i++) {
      press(sim, "5555#");
      sim.advance(3000);
    }
    assert.equal(status(sim).lockedOut, true);
    sim.advance(70000);
    assert.equal(status(sim).lockedOut, false);
    assert.deepEqual(idleProblems(sim), []);
  });

  describe("the check catches what would keep it awake (planted in a copy of the image)", () => {
    // each fault is set off by a key on the bottom row (`*0#`, row pin B10) once the lock is set up, here by
    // a one-touch lock
    const plant = (action: string) =>
      `var plantArmed = false; setWatch(function () { if (plantArmed) { ${action} } }, B10, { repeat: true, edge: "falling" });`;
    const after = (patch: string) => {
      const { sim } = picoLock({ patch });
      sim.console("plantArmed = true");
      press(sim, "#");
      return idleProblems(sim).join("\n");
    };

    it("a beep 'silenced' with analogWrite(pin, 0): the PWM keeps running", () => {
      const problems = after(plant("analogWrite(B1, 0.5, { freq: 2700 }); setTimeout(function () { analogWrite(B1, 0); }, 100);"));
      assert.match(problems, /only 0 of \d+ ms in deep sleep .*hardware PWM on B1/);
    });

    it("a timer left armed", () => {
      assert.match(after(plant("setTimeout(function () {}, 3600000);")), /\d+ timer\(s\) or interval\(s\) armed while idle/);
    });

    it("an interval", () => {
      const problems = after(plant("setInterval(function () {}, 60000);"));
      assert.match(problems, /armed while idle/);
      assert.match(problems, /\d+ callback\(s\) woke the idle lock/);
    });
  });
});
