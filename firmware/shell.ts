// The shell: the only place where the lock meets hardware and time. It turns HAL callbacks into
// events stamped with the clock, runs them through the machine one at a time (run to completion),
// carries out the effects, and arms one timer for the machine's next deadline — none when idle.
import type { Hal, Key, TimerId } from "../hal/types";
import type { LockConfig } from "./config";
import { createLock } from "./machine";
import type { Lock, LockStatus } from "./machine";
import type { RecordStore } from "./store";
import type { Effects, LockEvent } from "./types";

export interface LockShell {
  status(): LockStatus;
}

/** `afterKey`, if given, runs after each key press is handled (main checks Espruino's error flags there). */
export function startLock(hal: Hal, config: LockConfig, store: RecordStore, log: (msg: string) => void, afterKey?: () => void): LockShell {
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

  function dispatch(event: LockEvent) {
    queue.push(event);
    if (busy) return;
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
    } catch (err) {
      log("timer error: " + err);
    }
  }

  stopMotor();
  const record = store.load();
  const bolts = hal.startBoltSensor({
    onChange: function (state) {
      dispatch({ type: "bolt", state: state });
    },
  });
  const button = hal.startProgramButton({
    onChange: function (pressed) {
      dispatch({ type: "program", down: pressed });
    },
  });
  lock = createLock(config, record, { bolt: bolts.read(), programHeld: button.read() });
  hal.startKeypad({
    onKey: function (key: Key) {
      dispatch({ type: "key", key: key });
      if (afterKey) afterKey();
    },
  });
  busy = true;
  run(function () {
    return lock.start(clock.now());
  });
  busy = false;
  // the power-up rest reading and anything else queued by start
  if (queue.length) dispatch(queue.shift() as LockEvent);
  else armTimer();

  return {
    status: function () {
      return lock.status();
    },
  };
}
