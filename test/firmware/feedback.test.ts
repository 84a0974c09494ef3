import { strict as assert } from "assert";
import { createFeedback } from "./module-views";
import type { Effects, Feedback, PatternName } from "./module-views";

type Output = "red" | "green" | "buzz";
/** One time an output was on, as a scope on the LED and buzzer pins would see it. */
interface Pulse {
  out: Output;
  on: number;
  off: number;
}

/** Watches the effects like a logic analyser: when each output turned on and off. */
function recorder() {
  const state: Record<Output, number | undefined> = { red: undefined, green: undefined, buzz: undefined };
  const pulses: Pulse[] = [];
  let effects = 0;
  function set(out: Output, on: boolean, now: number) {
    const since = state[out];
    if (on && since === undefined) state[out] = now;
    if (!on && since !== undefined) {
      pulses.push({ out, on: since, off: now });
      state[out] = undefined;
    }
  }
  return {
    pulses,
    effectCount: () => effects,
    anyOn: () => state.red !== undefined || state.green !== undefined || state.buzz !== undefined,
    apply(fx: Effects, now: number) {
      for (const e of fx) {
        effects++;
        if (e.t === "led") {
          set("red", e.red, now);
          set("green", e.green, now);
        } else if (e.t === "buzz") {
          set("buzz", e.on, now);
        }
      }
    },
  };
}

type Recorder = ReturnType<typeof recorder>;

/** Calls tick at each deadline (plus `late(i)` ms for the i-th tick, as a sluggish timer would) until idle. */
function runUntilIdle(fb: Feedback, rec: Recorder, late = (_i: number) => 0): number {
  let now = 0;
  for (let i = 0; i < 10000; i++) {
    const due = fb.deadline();
    if (due === undefined) return now;
    now = due + late(i);
    const fx: Effects = [];
    fb.tick(now, fx);
    rec.apply(fx, now);
  }
  throw new Error("the player never went idle");
}

/** Plays one pattern from t = 0 to its end; returns what a scope saw and when the player went idle. */
function playAlone(name: PatternName, audio = true, late = (_i: number) => 0) {
  const fb = createFeedback();
  const rec = recorder();
  const fx: Effects = [];
  fb.play(name, audio, 0, fx);
  rec.apply(fx, 0);
  const end = runUntilIdle(fb, rec, late);
  return { pulses: sorted(rec.pulses), end };
}

function sorted(pulses: Pulse[]): Pulse[] {
  return pulses.slice().sort((a, b) => a.on - b.on);
}

/** What a person sees and hears, in order: r/g = red/green flash, b = beep, L = long beep, R = red on for seconds. */
function seen(pulses: Pulse[]): string {
  return pulses
    .map((p) => {
      const ms = p.off - p.on;
      if (p.out === "buzz") return ms >= 800 ? "L" : "b";
      if (p.out === "red") return ms >= 1000 ? "R" : "r";
      return "g";
    })
    .join("");
}

const times = (n: number, s: string) => s.repeat(n);

// SPEC section 2, in the order the table writes each pattern's parts.
const EXPECTED: Record<PatternName, string> = {
  OK: "gb",
  WRONG: "rb",
  FAIL: times(3, "r") + times(3, "b"),
  PROGRAM: "gb",
  PROGRAM_MASTER: times(3, "b") + "g",
  TIMEOUT: times(3, "b") + times(3, "r"),
  LOCKOUT: times(15, "r") + times(15, "b"),
  LOW_BATTERY: times(10, "r") + times(10, "b"),
  JAM: times(5, "rg") + "L",
  RESET_READY: "rb",
  RESET_DONE: "g" + times(2, "b"),
  HANDING_OK: times(2, "g") + times(2, "b"),
  HANDING_FAILED: "RL",
  SETTING_OFF: times(2, "g") + times(2, "b"),
  RED_FLASH: "r",
};
const NAMES = Object.keys(EXPECTED) as PatternName[];

/** The SPEC's timing rules for every pulse and every dark gap, the last one up to the player's end. */
function assertTimings(pulses: Pulse[], end: number) {
  pulses.forEach((p, i) => {
    const ms = p.off - p.on;
    if (p.out === "buzz") {
      if (ms < 800) assert.ok(ms >= 50 && ms <= 300, `beep ${i} lasted ${ms} ms`);
    } else if (ms < 1000) {
      assert.ok(ms >= 100 && ms <= 300, `flash ${i} lit ${ms} ms`);
    } else {
      assert.ok(ms >= 5000, `red on for ${ms} ms`);
    }
    const next = i + 1 < pulses.length ? pulses[i + 1].on : end;
    assert.ok(next - p.off >= 100, `only ${next - p.off} ms dark after pulse ${i}`);
  });
}

describe("feedback patterns", () => {
  NAMES.forEach((name) => {
    it(`${name} shows "${EXPECTED[name]}" with flashes and beeps of the SPEC's lengths`, () => {
      const { pulses, end } = playAlone(name);
      assert.equal(seen(pulses), EXPECTED[name]);
      assertTimings(pulses, end);
    });
  });

  it("JAM flashes red and green alternately, 5 times each, then sounds a long beep of at least 800 ms", () => {
    const { pulses } = playAlone("JAM");
    assert.deepEqual(
      pulses.slice(0, 10).map((p) => p.out),
      ["red", "green", "red", "green", "red", "green", "red", "green", "red", "green"],
    );
    const beep = pulses[10];
    assert.equal(beep.out, "buzz");
    assert.ok(beep.off - beep.on >= 800);
    assert.ok(beep.on >= pulses[9].off + 100, "the long beep waits for the last flash");
  });

  it("HANDING_FAILED holds the red LED on for 5 s, then sounds a long beep", () => {
    const { pulses } = playAlone("HANDING_FAILED");
    assert.equal(pulses.length, 2);
    assert.deepEqual([pulses[0].out, pulses[0].off - pulses[0].on], ["red", 5000]);
    assert.equal(pulses[1].out, "buzz");
    assert.ok(pulses[1].off - pulses[1].on >= 800);
  });

  it("never lights an LED and the buzzer at the same time", () => {
    NAMES.forEach((name) => {
      const { pulses } = playAlone(name);
      for (let i = 1; i < pulses.length; i++) assert.ok(pulses[i].on >= pulses[i - 1].off, name);
    });
  });
});

describe("feedback with audio off", () => {
  it("keeps every flash and drops every beep, and their time too", () => {
    const withAudio = playAlone("FAIL", true);
    const silent = playAlone("FAIL", false);
    assert.equal(seen(silent.pulses), "rrr");
    assertTimings(silent.pulses, silent.end);
    assert.equal(silent.end, withAudio.end - 3 * 350, "three 150 + 200 ms beeps skipped");
  });

  it("plays HANDING_FAILED as the red LED alone, and JAM as its ten flashes", () => {
    assert.equal(seen(playAlone("HANDING_FAILED", false).pulses), "R");
    assert.equal(seen(playAlone("JAM", false).pulses), times(5, "rg"));
  });
});

describe("feedback queue", () => {
  function session() {
    const fb = createFeedback();
    const rec = recorder();
    return {
      fb,
      rec,
      play(name: PatternName, at: number, audio = true) {
        const fx: Effects = [];
        fb.play(name, audio, at, fx);
        rec.apply(fx, at);
      },
      tickAt(at: number) {
        const fx: Effects = [];
        fb.tick(at, fx);
        rec.apply(fx, at);
      },
      finish() {
        const end = runUntilIdle(fb, rec);
        return { pulses: sorted(rec.pulses), end };
      },
    };
  }

  it("two patterns caused together play one after the other, in that order, without overlap", () => {
    const s = session();
    s.play("OK", 0);
    s.play("FAIL", 0);
    const { pulses, end } = s.finish();
    assert.equal(seen(pulses), "gb" + "rrrbbb");
    assertTimings(pulses, end);
  });

  it("a pattern caused while another plays waits for its end", () => {
    const s = session();
    s.play("LOW_BATTERY", 0);
    s.tickAt(200); // first flash goes dark
    s.play("WRONG", 300);
    const { pulses, end } = s.finish();
    assert.equal(seen(pulses), times(10, "r") + times(10, "b") + "rb");
    assertTimings(pulses, end);
    const lastBeepOfLowBattery = pulses[19];
    assert.ok(pulses[20].on >= lastBeepOfLowBattery.off + 200);
  });

  it("holds at most 4 waiting patterns: a fifth is dropped", () => {
    const s = session();
    s.play("LOCKOUT", 0);
    s.play("OK", 10);
    s.play("WRONG", 20);
    s.play("OK", 30);
    s.play("WRONG", 40);
    s.play("HANDING_OK", 50);
    assert.equal(seen(s.finish().pulses), EXPECTED.LOCKOUT + "gb" + "rb" + "gb" + "rb");
  });

  it("when full, drops a waiting RED_FLASH to make room for a pattern that matters", () => {
    const s = session();
    s.play("LOCKOUT", 0);
    s.play("OK", 10);
    s.play("RED_FLASH", 20);
    s.play("OK", 30);
    s.play("OK", 40);
    s.play("FAIL", 50);
    assert.equal(seen(s.finish().pulses), EXPECTED.LOCKOUT + "gb" + "gb" + "gb" + "rrrbbb");
  });

  it("when full of patterns that matter, drops a new RED_FLASH", () => {
    const s = session();
    s.play("LOCKOUT", 0);
    ["OK", "OK", "OK", "OK"].forEach((n, i) => s.play(n as PatternName, 10 + i));
    s.play("RED_FLASH", 20);
    assert.equal(seen(s.finish().pulses), EXPECTED.LOCKOUT + times(4, "gb"));
  });

  it("does not grow with input: a thousand key presses during a lockout show at most 5 patterns", () => {
    const s = session();
    for (let i = 0; i < 1000; i++) s.play("RED_FLASH", i);
    assert.equal(seen(s.finish().pulses), "rrrrr");
  });

  it("keeps its timing when the timer fires late: no lit phase shorter, no dark gap under 100 ms", () => {
    const sluggish = [150, 0, 180, 0, 30, 250, 90, 0];
    [30, 150, 250, 900, -1].forEach((late) => {
      // -1: a timer late by a different amount each time
      const { pulses, end } = playAlone("LOCKOUT", true, (i) => (late < 0 ? sluggish[i % sluggish.length] : late));
      // a pulse can only end at a tick, so a very late timer stretches it: count outputs, not lengths
      assert.equal(pulses.map((p) => p.out[0]).join(""), times(15, "r") + times(15, "b"), `late ${late}`);
      pulses.forEach((p) => assert.ok(p.off - p.on >= (p.out === "buzz" ? 150 : 200), `late ${late}`));
      for (let i = 1; i < pulses.length; i++) assert.ok(pulses[i].on - pulses[i - 1].off >= 100, `late ${late}`);
      assert.ok(end - pulses[pulses.length - 1].off >= 100);
    });
  });

  it("makes up a late switch-off in the dark phase after it: the next step starts on schedule", () => {
    const s = session();
    s.play("OK", 0);
    s.tickAt(250); // the green flash should have ended at 200
    assert.equal(s.fb.deadline(), 400, "dark until 400 as planned, not 450");
    s.tickAt(400);
    s.tickAt(550);
    s.tickAt(750);
    assert.deepEqual(sorted(s.rec.pulses), [
      { out: "green", on: 0, off: 250 },
      { out: "buzz", on: 400, off: 550 },
    ]);
  });

  it("schedules from the planned times when the timer is on time: LOCKOUT lasts exactly its steps", () => {
    const { end } = playAlone("LOCKOUT");
    assert.equal(end, 15 * (200 + 200) + 15 * (150 + 200));
  });

  it("emits an effect only when an output changes", () => {
    const s = session();
    s.play("OK", 0);
    const before = s.rec.effectCount();
    s.tickAt(50); // early: nothing due
    s.tickAt(199);
    assert.equal(s.rec.effectCount(), before);
    s.finish();
    // OK: green on, green off, buzz on, buzz off
    assert.equal(s.rec.effectCount(), 4);
  });
});

describe("feedback idle state", () => {
  it("asks for no tick while idle: new, and after a pattern", () => {
    const fb = createFeedback();
    assert.equal(fb.deadline(), undefined);
    assert.equal(fb.busy(), false);
    const fx: Effects = [];
    fb.play("OK", true, 0, fx);
    assert.equal(fb.busy(), true);
    assert.equal(fb.deadline(), 200);
    runUntilIdle(fb, recorder());
    assert.equal(fb.deadline(), undefined);
    assert.equal(fb.busy(), false);
    fb.tick(100000, fx); // a stray tick while idle does nothing
    assert.equal(fb.deadline(), undefined);
  });
});

describe("status LED flash", () => {
  it("flashes the given colours for 150 ms", () => {
    const fb = createFeedback();
    const rec = recorder();
    const fx: Effects = [];
    fb.statusFlash(true, true, 1000, fx);
    rec.apply(fx, 1000);
    runUntilIdle(fb, rec);
    assert.deepEqual(sorted(rec.pulses), [
      { out: "red", on: 1000, off: 1150 },
      { out: "green", on: 1000, off: 1150 },
    ]);
  });

  it("is skipped while a pattern plays", () => {
    const fb = createFeedback();
    const rec = recorder();
    const fx: Effects = [];
    fb.play("WRONG", true, 0, fx);
    fb.statusFlash(false, true, 100, fx); // red flash lit
    fb.statusFlash(false, true, 0 + 250, fx); // between the flash and the beep
    rec.apply(fx, 0);
    runUntilIdle(fb, rec);
    assert.equal(seen(sorted(rec.pulses)), "rb");
  });

  it("never delays into or overlaps a pattern caused during it: the pattern starts when the flash ends", () => {
    const fb = createFeedback();
    const rec = recorder();
    let fx: Effects = [];
    fb.statusFlash(false, true, 0, fx);
    rec.apply(fx, 0);
    fx = [];
    fb.play("OK", true, 50, fx);
    assert.equal(fx.length, 0, "nothing changes while the status flash is lit");
    runUntilIdle(fb, rec);
    const pulses = sorted(rec.pulses);
    assert.equal(seen(pulses), "g" + "gb");
    assert.deepEqual([pulses[0].on, pulses[0].off], [0, 150]);
    assert.equal(pulses[1].on, 300, "OK starts after the status flash and its 150 ms dark gap");
  });

  it("shows nothing when asked for no colour", () => {
    const fb = createFeedback();
    const fx: Effects = [];
    fb.statusFlash(false, false, 0, fx);
    assert.equal(fx.length, 0);
    assert.equal(fb.deadline(), undefined);
  });
});
