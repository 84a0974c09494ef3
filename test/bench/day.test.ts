import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { batteryBudgetProblem, benchBoard, readImages, ROOT } from "../../tools/bench";
import { operationsSchedule, simulateDay } from "../../tools/bench/day";
import { ChipDay, energyPerDay, meanPackVolts, OutputsDay, PACK_MAH, SHELF_LIFE_YEARS } from "../../tools/bench/energy";
import { loadBoard } from "../../tools/boards/load";

describe("a simulated day", function () {
  const board = loadBoard(path.join(ROOT, "boards", "proto-pico.json"));
  let image = "";

  before(function () {
    if (!fs.existsSync(path.join(ROOT, "build", "proto-pico", "firmware.js"))) this.skip(); // `make` builds it first
    image = readImages(ROOT, "proto-pico").readable;
  });

  it("a wrong code and an unlock locked again by one-touch: strokes, patterns, and no timer once the lock is idle", () => {
    const day = simulateDay(board, image, ["wrong code", "unlock+lock"]);
    assert.deepEqual(day.actions, { unlocks: 1, oneTouchLocks: 1, autoLocks: 0, wrongCodes: 1 });
    assert.ok(day.motorOnMs > 500 && day.motorOnMs < 6000, `motor ${day.motorOnMs} ms`);
    assert.equal(day.redOnMs, 200); // WRONG: one red flash
    assert.equal(day.greenOnMs, 400); // OK twice
    assert.ok(day.timerArmedMs > 0);
    assert.equal(day.idleTimerMs, 0);
  });

  it("the chip's time in its power states adds up to the day, each callback's CPU time counted as running", () => {
    const day = simulateDay(board, image, ["unlock+lock"]);
    const t = day.chip.times;
    assert.equal(t.running + t.sleep + t.deepSleep, day.spanMs);
    assert.ok(day.chip.callbacks > 0);
    assert.ok(t.running >= day.chip.callbacks * day.cpu.msPerCallback - day.cpu.msPerCallback, `running ${t.running} ms for ${day.chip.callbacks} callbacks`);
    // a closed bolt switch rests without current: the pulls draw only while the motor runs
    assert.ok(day.chip.pulledPinMs > 0 && day.chip.pulledPinMs < 0.01 * day.spanMs, `pulled pins ${day.chip.pulledPinMs} pin-ms`);
  });

  it("a timer the image leaves armed after the lock went quiet is caught", () => {
    // a stray 20 s timer after every key press on the bottom keypad row (`*0#`)
    const stray = image + '\nsetWatch(function () { setTimeout(function () {}, 20000); }, B10, { repeat: true, edge: "falling" });\n';
    const day = simulateDay(board, stray, ["wrong code"]);
    assert.ok(day.idleTimerMs > 15000, `idle with a timer: ${day.idleTimerMs} ms`);
  });

  it("a day of n operations: an unlock and its lock each, every fifth by auto-lock, one wrong code in ten", () => {
    const ten = operationsSchedule(10);
    assert.equal(ten.filter((a) => a !== "wrong code").length, 10);
    assert.equal(ten.filter((a) => a === "unlock, auto-lock").length, 2);
    assert.equal(ten.filter((a) => a === "wrong code").length, 1);
    assert.equal(operationsSchedule(30).filter((a) => a === "wrong code").length, 3);
  });

  it("the battery budget fails below the life the bench finds, and holds at it", function () {
    const images = readImages(ROOT, "proto-pico");
    const found = benchBoard(board, images, { awake: false, bruteForce: false, operations: [2], budget: { minifiedBytes: 1e9, minBatteryYears: 100 } });
    assert.equal(found.problems.length, 1);
    assert.match(found.problems[0], /battery life: [\d.]+ years on 2500 mAh at 2 operations a day, below the budget of 100 years \(.*proto-pico\.json budget\.minBatteryYears\)/);
    const first = (found.days as NonNullable<typeof found.days>)[0];
    assert.equal(batteryBudgetProblem("proto-pico", "budget.minBatteryYears", first, first.day.energy.years), undefined);
  });
});

describe("energy per day", () => {
  const pico = loadBoard(path.join(ROOT, "boards", "proto-pico.json"));
  const mdbt = loadBoard(path.join(ROOT, "boards", "proto-mdbt42q.json"));
  const esp32 = loadBoard(path.join(ROOT, "boards", "proto-esp32.json"));
  const hour = 3600000;
  const quiet: OutputsDay = { redOnMs: 0, greenOnMs: 0, buzzerOnMs: 0, motorMah: 0 };
  const chipDay = (times: ChipDay["times"], extra: Partial<ChipDay> = {}): ChipDay => ({
    times, radio: undefined, pulledPinMs: 0, deepSleepEntries: 0, callbacks: 0, ...extra,
  });

  it("each power state at the board file's current, the LEDs, the buzzer and the motor", () => {
    const e = energyPerDay("stm32f401", pico.power, chipDay({ running: hour, sleep: hour, deepSleep: 22 * hour }), { redOnMs: hour, greenOnMs: 0, buzzerOnMs: hour, motorMah: 1 });
    assert.equal(e.parts.running, pico.power.awakeMilliAmps);
    assert.equal(e.parts.sleep, pico.power.sleepMicroAmps / 1000);
    assert.equal(e.parts.deepSleep, ((pico.power.deepSleepMicroAmps as number) / 1000) * 22);
    assert.equal(e.parts.leds, pico.power.ledMilliAmps);
    assert.equal(e.parts.buzzer, pico.power.buzzerMilliAmps);
    assert.equal(e.parts.motor, 1);
    assert.equal(e.totalMah, Object.values(e.parts).reduce((a, b) => a + b, 0));
    assert.equal(e.uncappedYears, PACK_MAH / e.totalMah / 365.25);
  });

  it("a pulled-up input held low draws 3.3 V over the chip's pull-up; the battery divider draws all day", () => {
    const e = energyPerDay("stm32f401", pico.power, chipDay({ running: 0, sleep: 0, deepSleep: 24 * hour }, { pulledPinMs: 24 * hour }), quiet);
    assert.ok(Math.abs(e.parts.pullUps - (3.3 / 40000) * 1000 * 24) < 1e-9, `${e.parts.pullUps}`); // 82.5 uA all day
    const volts = meanPackVolts();
    assert.ok(volts > 4.4 && volts < 6.4, `mean pack volts ${volts}`);
    assert.ok(Math.abs(e.parts.divider - (volts / 300000) * 1000 * 24) < 1e-9);
  });

  it("the radio's states on nRF52 add what the board file says to the chip's own current", () => {
    const radio = { advertising: 12 * hour, off: 11 * hour, connected: hour };
    const e = energyPerDay("nrf52832", mdbt.power, chipDay({ running: 0, sleep: 0, deepSleep: 24 * hour }, { radio }), quiet);
    const r = mdbt.power.radioMicroAmps as { advertising: number; connected: number };
    assert.ok(Math.abs(e.parts.radio - (r.advertising * 12 + r.connected) / 1000) < 1e-9);
  });

  it("battery life is capped at the cells' shelf life; a mains board has none", () => {
    const tiny = energyPerDay("stm32f401", { ...pico.power, batteryDividerOhms: undefined }, chipDay({ running: 0, sleep: 0, deepSleep: 24 * hour }), quiet);
    assert.ok((tiny.uncappedYears as number) > SHELF_LIFE_YEARS);
    assert.equal(tiny.years, SHELF_LIFE_YEARS);
    const mains = energyPerDay("esp32", esp32.power, chipDay({ running: 0, sleep: 24 * hour, deepSleep: 0 }), quiet);
    assert.equal(mains.supply, "mains");
    assert.equal(mains.years, undefined);
  });
});
