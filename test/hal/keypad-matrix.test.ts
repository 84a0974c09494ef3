import { strict as assert } from "assert";
import { halOnBench } from "./espruino-rig";
import type { BenchOptions } from "./espruino-rig";

const DEBOUNCE = 30; // proto-pico keypad.debounceMs

function keypadOnBench(options?: BenchOptions) {
  const rig = halOnBench(options);
  rig.start();
  const keys: string[] = [];
  // keys as they arrive, as a live list
  const events = rig.events;
  events.push = function (...items) {
    for (const e of items) if (e.type === "key") keys.push(e.key);
    return Array.prototype.push.apply(events, items);
  };
  return { rig, keys, press: rig.keys, fake: rig.fake };
}

describe("proto-pico matrix keypad (Espruino HAL on the fake)", () => {
  it("a key press gives exactly one key, once the contacts have settled", () => {
    const { keys, press, fake } = keypadOnBench();
    press.press("5");
    fake.advance(DEBOUNCE - 1);
    assert.deepEqual(keys, []);
    fake.advance(1);
    assert.deepEqual(keys, ["5"]);
    fake.advance(100);
    press.release("5");
    fake.advance(500);
    assert.deepEqual(keys, ["5"]);
  });

  it("every key gives its own key, with * as CLEAR and # as LOCK", () => {
    const { keys, press, fake } = keypadOnBench();
    for (const legend of "123456789*0#") {
      press.tap(legend, 100);
      fake.advance(100);
    }
    assert.deepEqual(keys, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "C", "0", "L"]);
  });

  it("contact bounce on press and release gives one key", () => {
    const { keys, press, fake } = keypadOnBench();
    for (const ms of [2, 1, 3, 2, 4]) {
      press.press("7");
      fake.advance(ms);
      press.release("7");
      fake.advance(ms);
    }
    press.press("7");
    fake.advance(300);
    for (const ms of [1, 3, 2]) {
      press.release("7");
      fake.advance(ms);
      press.press("7");
      fake.advance(ms);
    }
    press.release("7");
    fake.advance(300);
    assert.deepEqual(keys, ["7"]);
  });

  it("a glitch shorter than the debounce gives no key", () => {
    const { keys, press, fake } = keypadOnBench();
    press.press("3");
    fake.advance(DEBOUNCE - 10);
    press.release("3");
    fake.advance(500);
    assert.deepEqual(keys, []);
  });

  it("a key held down gives one key", () => {
    const { keys, press, fake } = keypadOnBench();
    press.press("1");
    fake.advance(10000);
    assert.deepEqual(keys, ["1"]);
  });

  it("two keys pressed at once give none, on different rows or on the same row", () => {
    const { keys, press, fake } = keypadOnBench();
    press.press("1");
    press.press("5");
    fake.advance(200);
    press.release("1");
    press.release("5");
    fake.advance(200);
    press.press("4");
    press.press("6");
    fake.advance(200);
    press.release("4");
    press.release("6");
    fake.advance(200);
    assert.deepEqual(keys, []);
  });

  it("a second key pressed while the first is held gives nothing more", () => {
    const { keys, press, fake } = keypadOnBench();
    press.press("1");
    fake.advance(200);
    press.press("9");
    fake.advance(200);
    press.release("9");
    fake.advance(200);
    assert.deepEqual(keys, ["1"]);
  });

  it("the next key after a release is seen again", () => {
    const { keys, press, fake } = keypadOnBench();
    press.tap("2", 80);
    fake.advance(80);
    press.tap("2", 80);
    fake.advance(80);
    assert.deepEqual(keys, ["2", "2"]);
  });

  it("arms no timer while waiting, or while a key is held", () => {
    const { press, fake } = keypadOnBench();
    assert.equal(fake.armedTimers(), 0);
    press.press("8");
    fake.advance(500);
    assert.equal(fake.armedTimers(), 0);
    press.release("8");
    fake.advance(500);
    assert.equal(fake.armedTimers(), 0);
    assert.equal(fake.watchCount(), 4 + 1 + 2, "one watch per row, Program, the two bolt switches");
  });

  it("holds every column low while waiting, also after a scan", () => {
    const { rig, press, fake } = keypadOnBench();
    const cols = ["B3", "B4", "B5"];
    assert.deepEqual(cols.map((c) => fake.drivesLow(c)), [true, true, true]);
    press.tap("6", 100);
    fake.advance(100);
    assert.deepEqual(cols.map((c) => fake.drivesLow(c)), [true, true, true]);
    assert.deepEqual(["B13", "B14", "B15", "B10"].map((r) => fake.mode(r)), Array(4).fill("input_pullup"));
    assert.ok(rig);
  });

  it("even with no debounce configured, the scan's own edges give no extra key", () => {
    const { keys, press, fake } = keypadOnBench({
      wiring: { keypad: { type: "matrix", rows: ["B13", "B14", "B15", "B10"], cols: ["B3", "B4", "B5"], keys: "123456789*0#", debounceMs: 0 } },
    });
    press.press("5");
    fake.advance(100);
    press.release("5");
    fake.advance(100);
    assert.deepEqual(keys, ["5"]);
  });

  it("never joins two driven outputs, whatever keys are held: two keys in one row, or a whole row", () => {
    const { keys, press, fake } = keypadOnBench();
    press.press("4");
    press.press("6");
    fake.advance(200);
    press.press("5");
    fake.advance(200);
    for (const legend of "456") press.release(legend);
    fake.advance(200);
    press.press("1");
    fake.advance(100);
    press.press("3");
    fake.advance(100);
    press.release("1");
    press.release("3");
    fake.advance(200);
    assert.deepEqual(press.shorts(), []);
    assert.deepEqual(keys, ["1"]);
  });

  it("scans with the columns open-drain: only the column being read pulls low, the rest float", () => {
    const { press, fake } = keypadOnBench();
    const cols = ["B3", "B4", "B5"];
    assert.deepEqual(cols.map((c) => fake.mode(c)), ["opendrain", "opendrain", "opendrain"]);
    press.tap("8", 100);
    fake.advance(100);
    // every column change the scan made: never two low at once while reading, never one driven high
    const changes = cols.map((c) => fake.history(c));
    assert.ok(changes.every((h) => h.length > 1), "the scan moved every column");
    for (const c of cols) assert.equal(fake.drivesHigh(c), false);
  });

  it("nothing throws inside a callback", () => {
    const { press, fake } = keypadOnBench();
    for (const legend of "1234") press.tap(legend, 60), fake.advance(60);
    assert.deepEqual(fake.uncaught(), []);
  });
});
