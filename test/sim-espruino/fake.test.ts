import { strict as assert } from "assert";
import { createFakeEspruino } from "../../sim/espruino/fake";
import type { FakeEspruino, WatchEventLike } from "../../sim/espruino/fake";

const PINS = ["A0", "A1", "A4", "A8", "B0", "B1", "B2", "B3", "B13"];

function fake(): FakeEspruino {
  return createFakeEspruino({ pins: PINS });
}

/** the fake's globals, typed loosely as an image would see them */
function api(f: FakeEspruino): any {
  return f.globals;
}

describe("fake Espruino: timers in virtual time", () => {
  it("runs timeouts in time order, and only when their time has come", () => {
    const f = fake();
    const g = api(f);
    const ran: string[] = [];
    g.setTimeout(() => ran.push("300"), 300);
    g.setTimeout(() => ran.push("100"), 100);
    g.setTimeout(() => ran.push("200"), 200);
    f.advance(150);
    assert.deepEqual(ran, ["100"]);
    f.advance(1000);
    assert.deepEqual(ran, ["100", "200", "300"]);
  });

  it("runs a timer armed inside a callback when its time comes within the same advance", () => {
    const f = fake();
    const g = api(f);
    const at: number[] = [];
    g.setTimeout(() => {
      at.push(f.now());
      g.setTimeout(() => at.push(f.now()), 50);
    }, 100);
    f.advance(1000);
    assert.deepEqual(at, [100, 150]);
    assert.equal(f.now(), 1000);
  });

  it("repeats an interval from when it was due, and counts it as armed until cleared", () => {
    const f = fake();
    const g = api(f);
    const at: number[] = [];
    const id = g.setInterval(() => at.push(f.now()), 100);
    f.advance(350);
    assert.deepEqual(at, [100, 200, 300]);
    assert.equal(f.armedTimers(), 1);
    g.clearInterval(id);
    assert.equal(f.armedTimers(), 0);
  });

  it("changeInterval restarts the period from now", () => {
    const f = fake();
    const g = api(f);
    const at: number[] = [];
    const id = g.setInterval(() => at.push(f.now()), 100);
    f.advance(150);
    g.changeInterval(id, 500);
    f.advance(1000);
    assert.deepEqual(at, [100, 650, 1150]);
  });

  it("getTime is seconds of virtual time", () => {
    const f = fake();
    f.advance(2500);
    assert.equal(api(f).getTime(), 2.5);
  });

  it("passes extra setTimeout arguments to the callback", () => {
    const f = fake();
    let got: unknown[] = [];
    api(f).setTimeout((a: number, b: string) => (got = [a, b]), 10, 1, "x");
    f.advance(10);
    assert.deepEqual(got, [1, "x"]);
  });

  it("reuses ids as Espruino does: one above the highest live id, or 1", () => {
    const f = fake();
    const g = api(f);
    const first = g.setTimeout(() => {}, 10);
    assert.equal(first, 1);
    f.advance(20);
    assert.equal(g.setTimeout(() => {}, 10), 1, "the fired id is handed out again");
  });
});

describe("fake Espruino: runaway callbacks", () => {
  it("stops with an error when callbacks re-arm each other forever without time passing", () => {
    const f = fake();
    const g = api(f);
    const again = () => g.setTimeout(again, 0);
    again();
    assert.throws(() => f.advance(10), /runaway/);
  });

  it("lets a long run with many timers through", () => {
    const f = fake();
    let ticks = 0;
    api(f).setInterval(() => ticks++, 1);
    f.advance(50000);
    assert.equal(ticks, 50000);
  });
});

describe("fake Espruino: the clear* traps", () => {
  it("clearTimeout, clearInterval and clearWatch of undefined throw", () => {
    const g = api(fake());
    assert.throws(() => g.clearTimeout(undefined), /not allowed/);
    assert.throws(() => g.clearInterval(undefined), /not allowed/);
    assert.throws(() => g.clearWatch(undefined), /not allowed/);
  });

  it("clearTimeout of a timeout that already fired is ignored", () => {
    const f = fake();
    const id = api(f).setTimeout(() => {}, 10);
    f.advance(20);
    assert.doesNotThrow(() => api(f).clearTimeout(id));
  });

  it("clearTimeout() with no argument clears every timer", () => {
    const f = fake();
    const g = api(f);
    g.setTimeout(() => {}, 10);
    g.setInterval(() => {}, 10);
    g.clearTimeout();
    assert.equal(f.armedTimers(), 0);
  });

  it("clearWatch of a one-shot watch that already fired throws Unknown Watch", () => {
    const f = fake();
    const g = api(f);
    g.pinMode("A8", "input_pullup");
    const id = g.setWatch(() => {}, "A8", { repeat: false, edge: "falling" });
    f.drive("A8", false);
    assert.equal(f.watchCount(), 0);
    assert.throws(() => g.clearWatch(id), /Unknown Watch/);
  });

  it("clearWatch of a watch already cleared throws Unknown Watch", () => {
    const g = api(fake());
    const id = g.setWatch(() => {}, "A8", { repeat: true });
    g.clearWatch(id);
    assert.throws(() => g.clearWatch(id), /Unknown Watch/);
  });

  it("changeInterval of an unknown id throws Unknown Interval", () => {
    const g = api(fake());
    assert.throws(() => g.changeInterval(7, 100), /Unknown Interval/);
  });

  it("require gives Storage and throws for any other module", () => {
    const f = fake();
    assert.equal(api(f).require("Storage"), f.storage);
    assert.throws(() => api(f).require("fs"), /not found/);
  });
});

describe("fake Espruino: watches and debounce", () => {
  function watchA8(f: FakeEspruino, options: object): WatchEventLike[] {
    const events: WatchEventLike[] = [];
    api(f).pinMode("A8", "input_pullup");
    api(f).setWatch((e: WatchEventLike) => events.push(e), "A8", options);
    return events;
  }

  it("bounces shorter than the debounce give one event, debounce ms after the last bounce", () => {
    const f = fake();
    const events = watchA8(f, { repeat: true, edge: "both", debounce: 20 });
    f.drive("A8", false);
    f.advance(3);
    f.drive("A8", true);
    f.advance(4);
    f.drive("A8", false); // last bounce at 7 ms
    f.advance(19);
    assert.equal(events.length, 0, "nothing before last bounce + debounce");
    f.advance(1);
    assert.equal(events.length, 1);
    assert.equal(events[0].state, false);
    assert.equal(events[0].time, 0.007, "time is the last change");
  });

  it("a glitch that returns to the old level gives no event", () => {
    const f = fake();
    const events = watchA8(f, { repeat: true, edge: "both", debounce: 20 });
    f.drive("A8", false);
    f.advance(5);
    f.drive("A8", undefined); // back to the pull-up
    f.advance(100);
    assert.equal(events.length, 0);
  });

  it("edge 'falling' reports presses but not releases, and a released level is remembered", () => {
    const f = fake();
    const events = watchA8(f, { repeat: true, edge: "falling", debounce: 10 });
    for (let i = 0; i < 3; i++) {
      f.drive("A8", false);
      f.advance(50);
      f.drive("A8", undefined);
      f.advance(50);
    }
    assert.deepEqual(
      events.map((e) => e.state),
      [false, false, false],
    );
  });

  it("edge 'rising' reports only rising edges", () => {
    const f = fake();
    const events = watchA8(f, { repeat: true, edge: "rising" });
    f.drive("A8", false);
    f.drive("A8", true);
    f.drive("A8", false);
    assert.deepEqual(
      events.map((e) => e.state),
      [true],
    );
  });

  it("without debounce every change is an event, delivered after the code that caused it", () => {
    const f = fake();
    const events = watchA8(f, { repeat: true });
    f.drive("A8", false);
    f.drive("A8", true);
    assert.deepEqual(
      events.map((e) => e.state),
      [false, true],
    );
    assert.equal(events[1].lastTime, events[0].time);
  });

  it("a watch without repeat fires once and is gone", () => {
    const f = fake();
    const events = watchA8(f, { edge: "both" });
    f.drive("A8", false);
    f.drive("A8", true);
    assert.equal(events.length, 1);
    assert.equal(f.watchCount(), 0);
  });

  it("sees a pin the image drives itself (an output loops back to its own watch)", () => {
    const f = fake();
    const events: boolean[] = [];
    api(f).setWatch((e: WatchEventLike) => events.push(e.state), "B2", { repeat: true });
    api(f).digitalWrite("B2", 1);
    f.settle();
    assert.deepEqual(events, [true]);
  });

  it("refuses a watch on a pin sharing a number with a watched pin (A0 and B0), as on STM32", () => {
    const f = fake();
    assert.equal(typeof api(f).setWatch(() => {}, "A0", true), "number");
    assert.equal(api(f).setWatch(() => {}, "B0", true), undefined);
    assert.match(f.output().join("\n"), /Unable to set watch/);
  });

  it("a debounce pending when the watch is cleared still fires, as Espruino keeps its timeout", () => {
    const f = fake();
    const events = watchA8(f, { repeat: true, edge: "both", debounce: 20 });
    f.drive("A8", false);
    f.advance(5);
    api(f).clearWatch();
    f.advance(100);
    assert.equal(events.length, 1);
  });

  it("a pending debounce shares ids with timers: clearing it by a stale id kills the watch", () => {
    const f = fake();
    const events = watchA8(f, { repeat: true, edge: "both", debounce: 20 });
    const stale = api(f).setTimeout(() => {}, 1);
    f.advance(1); // fired: its id is free again
    f.drive("A8", false); // the debounce timeout takes that id
    api(f).clearTimeout(stale);
    f.advance(100);
    f.drive("A8", undefined);
    f.advance(100);
    assert.equal(events.length, 0);
  });

  it("throws for an unknown edge", () => {
    assert.throws(() => api(fake()).setWatch(() => {}, "A8", { edge: "up" }), /edge/);
  });
});

describe("fake Espruino: callbacks that throw", () => {
  it("records the error as Uncaught and keeps running", () => {
    const f = fake();
    const g = api(f);
    let later = false;
    g.setTimeout(() => {
      throw new Error("boom");
    }, 10);
    g.setTimeout(() => (later = true), 20);
    f.advance(30);
    assert.deepEqual(f.uncaught(), ["Uncaught Error: boom"]);
    assert.equal(later, true);
  });
});

describe("fake Espruino: pins", () => {
  it("an input with pull-up reads high until driven low, and reads the drive when released", () => {
    const f = fake();
    const g = api(f);
    g.pinMode(f.globals.A8, "input_pullup");
    assert.equal(g.digitalRead("A8"), 1);
    f.drive("A8", false);
    assert.equal(g.digitalRead(f.globals.A8), 0);
    f.drive("A8", undefined);
    assert.equal(g.digitalRead("A8"), 1);
  });

  it("an input without pull reads low; an explicit input does not become an output on digitalWrite", () => {
    const f = fake();
    const g = api(f);
    g.pinMode("A8", "input");
    g.digitalWrite("A8", 1);
    assert.equal(f.mode("A8"), "input");
    assert.equal(f.level("A8"), false);
  });

  it("an automatic pin becomes an output on digitalWrite and an input again on digitalRead", () => {
    const f = fake();
    const g = api(f);
    g.digitalWrite("B2", 1);
    assert.equal(f.mode("B2"), "output");
    assert.equal(f.level("B2"), true);
    g.digitalRead("B2");
    assert.equal(f.mode("B2"), "input");
  });

  it("logs output changes with their times, and PWM on and off", () => {
    const f = fake();
    const g = api(f);
    g.digitalWrite("B1", 0);
    f.advance(100);
    g.analogWrite("B1", 0.5, { freq: 2700 });
    assert.deepEqual(f.pwm("B1"), { value: 0.5, freq: 2700 });
    f.advance(200);
    g.digitalWrite("B1", 0);
    assert.equal(f.pwm("B1"), undefined);
    assert.deepEqual(f.history("B1"), [
      { time: 0, level: false },
      { time: 100, level: true, pwm: { value: 0.5, freq: 2700 } },
      { time: 300, level: false },
    ]);
    assert.deepEqual(f.pulses("B1"), [{ start: 100, end: 300 }]);
  });

  it("digitalWrite does not stop PWM on a pin set by pinMode (only on an automatic pin)", () => {
    const f = fake();
    const g = api(f);
    g.pinMode("B1", "output");
    g.analogWrite("B1", 0.5, { freq: 2700 });
    g.digitalWrite("B1", 0);
    assert.deepEqual(f.pwm("B1"), { value: 0.5, freq: 2700 }, "still sounding");
    g.pinMode("B2", "auto");
    g.analogWrite("B2", 0.5, { freq: 2700 });
    g.digitalWrite("B2", 0);
    assert.equal(f.pwm("B2"), undefined);
  });

  it("analogRead gives the source set, computed at each read, and a configurable value when none is set", () => {
    const f = createFakeEspruino({ pins: PINS, analogWhenUnset: 0.25 });
    const g = api(f);
    assert.equal(g.analogRead("A4"), 0.25);
    f.setAnalog("A4", 0.5);
    assert.equal(g.analogRead("A4"), 0.5);
    let v = 0.1;
    f.setAnalog("A4", () => v);
    v = 0.7;
    assert.equal(g.analogRead("A4"), 0.7);
  });

  it("E.getAnalogVRef gives 3.3 by default and NaN when asked to model an ESP32", () => {
    assert.equal(api(fake()).E.getAnalogVRef(), 3.3);
    assert.ok(isNaN(api(createFakeEspruino({ pins: PINS, vref: NaN })).E.getAnalogVRef()));
  });

  it("rejects pins the board does not have", () => {
    assert.throws(() => api(fake()).digitalWrite("Z9", 1), /Invalid pin/);
  });
});

describe("fake Espruino: E and process", () => {
  it("E.getErrorFlags returns the flags the test set, once", () => {
    const f = fake();
    f.setErrorFlags(["LOW_MEMORY"]);
    assert.deepEqual(api(f).E.getErrorFlags(), ["LOW_MEMORY"]);
    assert.deepEqual(api(f).E.getErrorFlags(), []);
  });

  it("E.on('init') handlers run when the test emits init", () => {
    const f = fake();
    let ran = 0;
    api(f).E.on("init", () => ran++);
    f.emit("init");
    assert.equal(ran, 1);
  });

  it("a manual watchdog bites when not kicked in time; an automatic one does not", () => {
    const f = fake();
    api(f).E.enableWatchdog(2, false);
    f.advance(1500);
    api(f).E.kickWatchdog();
    f.advance(1500);
    assert.equal(f.watchdog()?.bittenAtMs, undefined);
    f.advance(1000);
    assert.equal(f.watchdog()?.bittenAtMs, 3500);
    const auto = fake();
    api(auto).E.enableWatchdog(2, true);
    auto.advance(10000);
    assert.equal(auto.watchdog()?.bittenAtMs, undefined);
  });

  it("process.memory reports the configured total and usage", () => {
    const f = fake();
    f.setMemoryUsage(1200);
    const m = api(f).process.memory();
    assert.equal(m.total, 5100);
    assert.equal(m.free, 3900);
  });

  it("console.log and print go to the output", () => {
    const f = fake();
    api(f).console.log("a", 1, { x: 2 });
    api(f).print("b");
    assert.deepEqual(f.output(), ['a 1 {"x":2}', "b"]);
  });
});

describe("fake Espruino: setting the clock", () => {
  it("setTime moves getTime and the times of later watch events, but no timer's delay", () => {
    const f = fake();
    const g = api(f);
    const fired: number[] = [];
    g.setTimeout(() => fired.push(f.now()), 1000);
    f.advance(200);
    g.setTime(5000);
    assert.equal(g.getTime(), 5000);
    f.advance(100);
    assert.equal(g.getTime(), 5000.1);
    f.advance(1000);
    assert.deepEqual(fired, [1000], "the timeout still fires 1000 ms after it was armed");
    const events: WatchEventLike[] = [];
    g.pinMode("A8", "input_pullup");
    g.setWatch((e: WatchEventLike) => events.push(e), "A8", { repeat: true, edge: "falling" });
    g.setTime(10);
    f.drive("A8", false);
    assert.equal(events.length, 1);
    assert.equal(events[0].time, 10);
  });
});

describe("fake Espruino: faults a test makes", () => {
  it("replace changes what a function does even for code that kept the function itself, and undefined puts it back", () => {
    const f = fake();
    const kept = api(f).getTime;
    f.replace("getTime", () => 42);
    assert.equal(kept(), 42);
    f.replace("getTime", (real) => (real() as number) + 1);
    assert.equal(kept(), 1);
    f.replace("getTime", undefined);
    assert.equal(kept(), 0);
  });

  it("replace reaches E's functions and Storage's by their dotted names", () => {
    const f = fake();
    f.replace("Storage.write", () => {
      throw new Error("Unable to find or create file");
    });
    assert.throws(() => api(f).require("Storage").write("x", "1"), /Unable to find/);
    f.replace("E.getAnalogVRef", () => 1.8);
    assert.equal(api(f).E.getAnalogVRef(), 1.8);
  });

  it("an interrupt stops the rest of the callback: every later call in it throws, even from its catch block", () => {
    const f = fake();
    const g = api(f);
    const reached: string[] = [];
    g.setTimeout(() => {
      g.digitalWrite("B1", 1);
      try {
        g.digitalWrite("B2", 1);
      } catch (e) {
        reached.push("catch");
        g.digitalWrite("B3", 1); // the catch's own cleanup fails too
        reached.push("after cleanup");
      }
    }, 10);
    g.setTimeout(() => g.digitalWrite("B13", 1), 20);
    f.interruptAt("digitalWrite", 1);
    f.advance(30);
    assert.deepEqual(reached, ["catch"]);
    assert.deepEqual(["B1", "B2", "B3", "B13"].map((p) => f.level(p)), [true, false, false, true], "the next callback runs as usual");
    assert.deepEqual(f.uncaught(), ["Uncaught Error: Execution Interrupted"]);
  });

  it('interruptAt("*") counts calls to anything', () => {
    const f = fake();
    const g = api(f);
    g.setTimeout(() => {
      g.getTime();
      g.analogRead("A4");
      g.digitalWrite("B1", 1);
    }, 10);
    f.interruptAt("*", 2);
    f.advance(20);
    assert.equal(f.level("B1"), false);
  });

  it("lists the pins in the order code first used them", () => {
    const f = fake();
    const g = api(f);
    g.digitalWrite(["B2", "B1"], 0);
    g.pinMode("A8", "input_pullup");
    g.digitalRead("B2");
    g.analogRead("A4");
    assert.deepEqual(f.pinsTouched(), ["B1", "B2", "A8", "A4"]);
  });
});
