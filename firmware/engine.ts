// The awake lock: the only place where the lock meets hardware and time while something is going on.
// It turns events into machine calls stamped with the clock, one at a time (run to completion),
// carries out the effects, and arms one timer for the machine's next deadline. When nothing is in
// progress (no deadline, motor stopped) it says so, and the shell (shell.ts) drops it: the lock's
// state lives on as plain data in LockShellMemory, its code stays in flash.
import type { HalOutputs, TimerId } from "../hal/types";
import type { LockConfig } from "./config";
import { createLock, powerUpMemory } from "./machine";
import type { BootState, Lock, LockMemory, LockStatus } from "./machine";
import type { RecordStore, StoreMemory } from "./store";
import type { Effects, LockEvent } from "./types";

/** What the shell keeps while the lock sleeps. */
export interface LockShellMemory {
  /** null until the first wake-up, which powers the lock up */
  lock: LockMemory | null;
  store: StoreMemory;
  /** the inputs at power-up, until the power-up has used them */
  boot: BootState | null;
}

/** What an awake lock works with: on a board made again at every wake-up (awake.ts). */
export interface LockParts {
  hal: HalOutputs;
  config: LockConfig;
  /** made over memory.store */
  store: RecordStore;
}

export interface LockEngine {
  dispatch(event: LockEvent): void;
  /** something outside the engine threw (an input's pin read): stop the motor, stay operable */
  fault(err: unknown): void;
  status(): LockStatus;
  /** nothing in progress: no event being handled, no timer, motor stopped, the machine idle */
  idle(): boolean;
}

/**
 * Wakes the lock: the first call powers it up (loads the record, runs the machine's start). `sleep` is
 * called whenever nothing is in progress any more; the caller then forgets this engine.
 */
export function wakeEngine(parts: LockParts, memory: LockShellMemory, log: (msg: string) => void, sleep: () => void): LockEngine {
  const hal = parts.hal;
  const config = parts.config;
  const store = parts.store;
  const clock = hal.clock;
  const queue: LockEvent[] = [];
  let busy = false;
  let timer: TimerId = undefined;
  let timerDue = -1;
  let sampler: TimerId = undefined;
  let lock: Lock;

  function stopMotor() {
    hal.motor.write("stop");
    if (sampler) {
      clock.clearInterval(sampler);
      sampler = undefined;
    }
  }

  function restVolts(): number {
    let sum = 0;
    for (let i = 0; i < config.restSamples; i++) sum += hal.battery.read();
    return sum / config.restSamples;
  }

  // While the motor runs the ADCs are read every sampleMs, but a reading reaches the machine only when
  // it could matter: current over the stall threshold (or just back under it, ending a stall run), or
  // a new lowest plausible pack voltage after the inrush. A full dispatch per reading would cost more
  // than the sampling period on a board.
  let samplingSince = 0;
  let lowestVolts = Infinity;
  let overStall = false;

  function sample() {
    let amps = NaN;
    let volts = NaN;
    try {
      amps = hal.current ? hal.current.read() : NaN;
      volts = hal.battery.read();
    } catch (err) {
      fail(err);
      return;
    }
    const over = amps > config.stallCurrentA;
    const dip = volts >= config.minPackV && volts < lowestVolts && clock.now() - samplingSince >= config.loadIgnoreMs;
    if (!over && !overStall && !dip) return;
    overStall = over;
    if (dip) lowestVolts = volts;
    dispatch({ type: "sample", amps: amps, volts: volts });
  }

  function apply(fx: Effects) {
    for (let i = 0; i < fx.length; i++) {
      const e = fx[i];
      if (e.t === "motor") hal.motor.write(e.drive);
      else if (e.t === "led") {
        hal.redLed.write(e.red);
        hal.greenLed.write(e.green);
      } else if (e.t === "buzz") hal.buzzer.write(e.on);
      else if (e.t === "sample") {
        if (sampler) clock.clearInterval(sampler);
        sampler = e.ms > 0 ? clock.setInterval(sample, e.ms) : undefined;
        samplingSince = clock.now();
        lowestVolts = Infinity;
        overStall = false;
      } else if (e.t === "measureRest") queue.push({ type: "rest", volts: restVolts() });
      else if (e.t === "save") store.save(lock.record()); // writes only when the record changed
      else if (e.t === "log") log(e.msg);
    }
  }

  function onTimer() {
    timer = undefined;
    timerDue = -1;
    dispatch({ type: "tick" });
  }

  function armTimer() {
    const due = lock.deadline();
    if (due === timerDue) return;
    if (timer) clock.clearTimeout(timer);
    timer = undefined;
    timerDue = -1;
    if (due === undefined) return;
    const wait = due - clock.now();
    timer = clock.setTimeout(onTimer, wait > 0 ? wait : 0);
    timerDue = due;
  }

  /** any error stops the motor; the lock stays operable */
  function fail(err: unknown) {
    stopMotor();
    log("error: " + err);
    try {
      apply(lock.fault(clock.now()));
    } catch (again) {
      stopMotor();
    }
  }

  function run(fx: () => Effects) {
    try {
      apply(fx());
    } catch (err) {
      fail(err);
    }
  }

  /** runs the queue empty, arms the timer, and lets the lock sleep when nothing is in progress */
  function drain() {
    busy = true;
    while (queue.length) {
      const next = queue.shift() as LockEvent;
      run(function () {
        return lock.handle(next, clock.now());
      });
    }
    busy = false;
    try {
      armTimer();
      if (idle()) sleep();
    } catch (err) {
      log("timer error: " + err);
    }
  }

  function idle(): boolean {
    return !busy && !timer && !sampler && queue.length === 0 && lock.canSleep();
  }

  function dispatch(event: LockEvent) {
    queue.push(event);
    if (!busy) drain();
  }

  stopMotor();
  if (memory.lock) lock = createLock(config, memory.lock);
  else {
    // power-up
    const boot = memory.boot;
    if (!boot) throw new Error("power-up before the inputs were read");
    const at = clock.now();
    memory.lock = powerUpMemory(config, store.load(), boot, at);
    memory.boot = null;
    lock = createLock(config, memory.lock);
    busy = true;
    run(function () {
      return lock.start(at);
    });
    // the power-up rest reading and anything else queued by start
    drain();
  }

  return {
    dispatch: dispatch,
    fault: function (err) {
      fail(err);
      if (!busy) drain();
    },
    status: function () {
      return lock.status();
    },
    idle: idle,
  };
}
