// The driver: where the lock meets hardware and time. Inputs become events, stamped with a monotonic
// clock; the machine (lock.ts) handles them one at a time, run to completion; its effects are carried
// out; one timer is armed for the machine's next deadline, none when nothing is timed. It is the same
// code on a board (hal/espruino), in the host tests (hal/doubles) and in the simulator.
//
// The motor's safety does not rest on the machine alone. Every motor-on effect carries its limit; the
// driver then runs a sampler every sampleMs that counts its own ticks and stops the motor past the
// limit (plus motorGuardMs) whatever the machine, its timer, the clock, the current sense or the
// switches do: two independent stops, the machine's deadline and the sampler's count. Any error while
// handling an event stops the motor; a handler cut short without an error (Espruino can abort
// JavaScript, e.g. when memory runs out) leaves `busy` set, and the next callback finds it stale, stops
// the motor and carries on. No flash write happens while the motor runs:
// saves and log entries wait until it stops (a flash erase can stall the chip).
import type { Hal, TimerId } from "../hal/types";
import { deadline, handle, lockStatus, newLock } from "./lock";
import type { LockStatus } from "./lock";
import type { Lock } from "./state";
import type { Effect, LockEvent } from "./types";

type SaveEffect = Extract<Effect, { t: "save" }>;

/** Which kind of callback is asking the time (see clockNow). */
const enum Caller {
  INPUT = 0,
  TIMER = 1,
  SAMPLER = 2,
}

/** A timer is never believed to be later than this (a flash erase can hold the chip for ~1-2 s). */
const enum Clock {
  LATE_MS = 2000,
}

let hal: Hal;
let lock: Lock;
let queue: LockEvent[] = [];
let busy = false;
let timer: TimerId;
let timerDue = -1;
/** the chip's clock at the last reading, and the lock's monotonic time then (0 at power-up) */
let chipMs = 0;
let mono = 0;
let motorOn = false;
let sampler: TimerId;
let ticks = 0;
let tickLimit = 0;
let samplingSince = 0;
let lowestVolts = Infinity;
let overStall = false;
/** writes held back while the motor runs */
let heldSave: Effect | undefined;
let heldEvents: number[] = [];

/**
 * Every callback starts here. It brings the lock's time (ms, `mono`) up to date: it follows the chip's
 * clock, except where that clock cannot be right: it never goes back, a timer fires at (or a little
 * after) its due time, an input before a due timer comes before that time, and a sampler tick is at most a few
 * periods after the last. So setting the clock (setTime) moves none of the lock's deadlines; while
 * nothing is timed, a forward step only ages the past. And a callback that finds `busy` set knows the
 * last one was cut short: motor off, and start clean.
 */
function enter(caller: Caller) {
  // whole ms: getTime()*1000 is a float (1.001 s gives 1000.9999999999999)
  const chip = Math.round(hal.now() * 1000);
  let next = mono + Math.max(0, chip - chipMs);
  chipMs = chip;
  if (caller === Caller.SAMPLER) next = Math.min(next, mono + CFG.sampleMs * 5);
  // past an armed timer's due time by more than any late timer: the clock was set forward. An input
  // then counts as no time passed (deadlines only ever come later), a timer as firing on time
  if (timerDue >= 0 && next > timerDue + Clock.LATE_MS) next = caller === Caller.TIMER ? timerDue : mono;
  // an input or a tick before the timer has fired is before its due time, strictly: a clock set forward
  // by just what remains must not make the next key the moment a lockout or an entry ends
  if (timerDue >= 0) next = caller === Caller.TIMER ? Math.max(next, timerDue) : Math.max(mono, Math.min(next, timerDue - 1));
  mono = next;
  if (!busy) return;
  busy = false;
  queue = [];
  fail("a handler was cut short");
}

function motorOff() {
  hal.motor("stop");
  motorOn = false;
  if (sampler) hal.clearInterval(sampler);
  sampler = undefined;
  // what waited for the motor to stop
  const save = heldSave;
  heldSave = undefined;
  if (save) run(save);
  while (heldEvents.length) hal.event(heldEvents.shift() as number, heldEvents.shift() as number, Math.floor(mono / 1000));
}

/** The motor stops whatever else happens, and the lock ends what it was doing. */
function fail(err: unknown) {
  motorOff();
  try {
    const fx = handle(lock, { type: "fault", why: "" + err }, mono);
    lock.fx = [];
    for (let i = 0; i < fx.length; i++) run(fx[i]);
  } catch (again) {
    motorOff();
  }
}

/** Carries out one effect. */
function run(e: Effect) {
  if (e.t === "motor") {
    if (e.drive === "stop") return motorOff();
    motorOff();
    motorOn = true;
    ticks = 0;
    tickLimit = Math.ceil((e.limitMs + CFG.motorGuardMs) / CFG.sampleMs);
    samplingSince = mono;
    lowestVolts = Infinity;
    overStall = false;
    // the motor's own stop, armed before it starts: if it cannot be armed the motor never starts
    // (drain catches), and a handler cut short after this still leaves the motor a stop
    sampler = hal.setInterval(onSample, CFG.sampleMs);
    hal.motor(e.drive);
  } else if (e.t === "out") hal.outputs(e.red, e.green, e.buzz);
  else if (e.t === "log") hal.log("[latchkey] " + e.msg);
  else if (e.t === "measureRest") {
    let sum = 0;
    for (let i = 0; i < CFG.restSamples; i++) sum += hal.battery();
    queue.push({ type: "rest", volts: sum / CFG.restSamples });
  } else if (e.t === "event") {
    if (motorOn) heldEvents.push(e.kind, e.arg);
    else hal.event(e.kind, e.arg, Math.floor(mono / 1000));
  } else if (BOARD.radio === "paired" && e.t === "pair") (hal.pair as (passkey: string) => void)(e.passkey);
  else if (motorOn) heldSave = e;
  else {
    // written, or what flash still holds
    const ok = hal.save((e as SaveEffect).record);
    queue.push({ type: "saved", ok: ok, verdict: (e as SaveEffect).verdict, record: ok ? undefined : hal.load() });
  }
}

/** Handles the queue empty, then arms the timer for the next deadline. */
function drain() {
  busy = true;
  while (queue.length) {
    const event = queue.shift() as LockEvent;
    // a fault reported by an input: the motor stops first
    if (event.type === "fault") motorOff();
    try {
      const fx = handle(lock, event, mono);
      // the list goes with this event (the machine's copy is dropped, so no garbage stays in RAM)
      lock.fx = [];
      for (let i = 0; i < fx.length; i++) run(fx[i]);
    } catch (err) {
      fail(err);
    }
  }
  try {
    const due = deadline(lock);
    if (due !== timerDue) {
      if (timer) hal.clearInterval(timer);
      timer = undefined;
      timerDue = -1;
      if (due !== undefined) {
        timer = hal.setInterval(onTimer, Math.max(0, due - mono));
        timerDue = due;
      }
    }
  } catch (err) {
    fail(err);
  }
  busy = false;
}

/**
 * The machine's timer is an interval that only drain clears (it arms the next deadline): a callback
 * cut short before that, even at its first statement, runs again one period later instead of losing
 * the deadline.
 */
function onTimer() {
  enter(Caller.TIMER);
  timerDue = -1;
  queue.push({ type: "tick" });
  drain();
}

/** Every sampleMs while the motor runs: count, read, and pass on what could matter. */
function onSample() {
  // counted first, before anything that could fail (even reading the clock): past the limit, the motor stops
  if (++ticks > tickLimit) hal.motor("stop");
  enter(Caller.SAMPLER);
  if (ticks > tickLimit || !motorOn) {
    if (motorOn) fail("motor past its limit");
    else motorOff();
    return drain();
  }
  let amps = NaN;
  let volts = NaN;
  try {
    amps = hal.current();
    volts = hal.battery();
  } catch (err) {
    fail(err);
    return drain();
  }
  // A reading reaches the machine only when it could matter: current over the stall threshold (or
  // just back under it, which ends a stall run), or a new lowest plausible pack voltage after the
  // inrush. A full dispatch per reading would cost more than the sampling period on a board.
  const over = amps > CFG.stallCurrentA;
  const dip = volts >= CFG.minPackV && volts < lowestVolts && mono - samplingSince >= CFG.loadIgnoreMs;
  if (!over && !overStall && !dip) return;
  overStall = over;
  if (dip) lowestVolts = volts;
  queue.push({ type: "sample", amps: amps, volts: volts });
  drain();
}

/** An input's event (keypad, Program, bolt switches; a fault when an input's own pin read threw). */
export function dispatch(event: LockEvent) {
  enter(Caller.INPUT);
  queue.push(event);
  drain();
  if (event.type === "key" && hal.afterKey) hal.afterKey();
}

/** Powers the lock up over `h`: the inputs, the stored record, the power-up sequence. */
export function startLock(h: Hal) {
  hal = h;
  queue = [];
  busy = false;
  timer = sampler = heldSave = undefined;
  timerDue = -1;
  motorOn = false;
  heldEvents = [];
  chipMs = Math.round(hal.now() * 1000);
  mono = 0;
  hal.motor("stop");
  lock = newLock(hal.load(), hal.startInputs(dispatch), mono);
  queue.push({ type: "powerUp" });
  drain();
}

export function status(): LockStatus {
  return lockStatus(lock);
}
