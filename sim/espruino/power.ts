// The fake Espruino's power model: at every instant of virtual time the chip is running (a callback's CPU
// time, or a deep-sleep round trip), in ordinary sleep, or in deep sleep (STM32 STOP; nRF52 idle with only the
// 32 kHz clock), decided as Espruino 2v29's idle loop decides it (src/jsinteractive.c jsiIdle, then the chip's
// jshSleep; see ./chip-power.ts and docs/power.md). Callbacks take no virtual time in the fake: their CPU
// time is charged as running time right after them. The accounting (time per state, radio state, pull-up
// current) is what the bench turns into energy. Host code only.
import type { ChipPowerFacts } from "./chip-power";
import type { Timer } from "./scheduler";

export type PowerState = "running" | "sleep" | "deepSleep";
export type RadioState = "advertising" | "off" | "connected";

/** an interrupt that woke the chip: when, from which state, and how long before JavaScript could run */
export interface WakeUp {
  at: number;
  from: PowerState;
  delayMs: number;
}

export interface PowerTimes {
  running: number;
  sleep: number;
  deepSleep: number;
}

/** what tests and the bench can read of the model */
export interface PowerView {
  /** what the chip is doing now */
  state(): PowerState;
  /** ms in each state since the model started or since reset() */
  times(): PowerTimes;
  /** ms in each radio state, on chips with a radio model */
  radioTimes(): Record<RadioState, number> | undefined;
  /** the sum over time of pulled-up (or pulled-down) inputs held at the other level, in pin-ms: each draws vdd / pullUpOhms */
  pulledPinMs(): number;
  /** how often the chip went into deep sleep */
  deepSleepEntries(): number;
  /** image callbacks run (timers, watches, event handlers) */
  callbacks(): number;
  /** the last WAKE_LOG interrupts that woke the chip, oldest first */
  wakeUps(): WakeUp[];
  /** setDeepSleep(1) is in force (STM32) */
  deepSleepEnabled(): boolean;
  /** why the chip cannot go into deep sleep now (empty when it can) */
  blockers(): string[];
  /** counting starts again from now */
  reset(): void;
  usbConnected(): boolean;
}

export interface PowerModel extends PowerView {
  /** virtual time has reached `t` (the scheduler calls this as time moves) */
  advanceTo(t: number): void;
  /**
   * an interrupt woke the chip: returns how many ms pass before JavaScript can handle it. `timer`: the RTC
   * for a due timer, which the fake still runs on time (its lateness is not modelled), so later edges are
   * not held back by it either.
   */
  wake(timer?: boolean): number;
  /** the image's code is about to run once more (a callback): charges its CPU time */
  callback(): void;
  /** `chars` characters were printed at the console */
  print(chars: number): void;
  setDeepSleep(on: boolean): void;
  setUsbConnected(on: boolean): void;
  /** a pin changed mode or level: the pulled-pin count is read again */
  pinsChanged(): void;
}

export interface PowerDeps {
  /** undefined: a chip the model knows nothing of (it then only ever sleeps) */
  facts: ChipPowerFacts | undefined;
  /** CPU time charged per callback, ms */
  cpuMsPerCallback: number;
  now(): number;
  timers(): Timer[];
  /** pins with hardware PWM running (analogWrite, until something stops it) */
  pwmPins(): string[];
  /** pulled inputs held at the other level now */
  pulledPins(): number;
  /** the radio's state now, on chips with a radio */
  radio(): RadioState | undefined;
}

const WAKE_LOG = 50;

export function createPowerModel(deps: PowerDeps): PowerModel {
  const facts = deps.facts;
  const zeroTimes = (): PowerTimes => ({ running: 0, sleep: 0, deepSleep: 0 });
  const zeroRadio = (): Record<RadioState, number> => ({ advertising: 0, off: 0, connected: 0 });
  const poweredAt = deps.now();
  let last = poweredAt;
  /** processing at this instant (power-up, an interrupt): the idle state is chosen when time moves on */
  let awake = true;
  let state: PowerState = "running";
  /** running time still to charge before the idle state applies */
  let debt = 0;
  /** a wake-up from deep sleep is under way until then: nothing is decided before it */
  let wakingUntil = -Infinity;
  let txUntil = -Infinity;
  let deepSleep = false;
  let usb = false;
  let pulled: number | undefined;
  let times = zeroTimes();
  let radioTimes = zeroRadio();
  let pulledMs = 0;
  let entries = 0;
  let callbacks = 0;
  const wakeLog: WakeUp[] = [];

  const rtcReadyAt = poweredAt + (facts ? facts.rtcReadyMs : 0);

  function blockersAt(t: number): string[] {
    if (!facts) return ["no power model for this chip"];
    if (facts.idle === "sleep") return ["Espruino on this chip has no deep sleep it can wake from on a pin"];
    const out: string[] = [];
    const pwm = deps.pwmPins();
    if (facts.idle === "low-power") {
      if (facts.pwmKeepsClock && pwm.length) out.push("hardware PWM on " + pwm.join(", ") + " keeps the fast clock on");
      return out;
    }
    if (!deepSleep) out.push("deep sleep not enabled (setDeepSleep(1) at power-up)");
    if (usb) out.push("USB connected");
    if (t < rtcReadyAt) out.push("the RTC is not set up yet (" + facts.rtcReadyMs + " ms after power-up)");
    if (pwm.length) out.push("hardware PWM on " + pwm.join(", "));
    if (t < txUntil) out.push("the console is still sending (" + (txUntil - t).toFixed(1) + " ms more)");
    let next = Infinity;
    for (const timer of deps.timers()) if (timer.at < next) next = timer.at;
    if (next - t <= facts.deepSleepThresholdMs) out.push("a timer is due in " + (next - t) + " ms");
    return out;
  }

  function idleStateAt(t: number): PowerState {
    if (!facts || facts.idle === "sleep") return "sleep";
    // with a USB terminal attached Espruino's idle loop does not sleep at all (jsiIdle)
    if (usb && facts.idle === "stop") return "running";
    return blockersAt(t).length ? "sleep" : "deepSleep";
  }

  function settle() {
    state = idleStateAt(last);
    if (state === "deepSleep" && facts) {
      debt += facts.stopEntryMs;
      entries++;
    }
    awake = false;
  }

  function pulledNow(): number {
    if (pulled === undefined) pulled = deps.pulledPins();
    return pulled;
  }

  /** what runs alongside the chip's state: the radio, the pulled pins */
  function accountExtras(dt: number) {
    const radio = deps.radio();
    if (radio) radioTimes[radio] += dt;
    pulledMs += pulledNow() * dt;
  }

  function advanceTo(t: number) {
    while (last < t) {
      if (awake && last < wakingUntil) {
        const until = Math.min(t, wakingUntil);
        times.running += until - last;
        debt = Math.max(0, debt - (until - last));
        accountExtras(until - last);
        last = until;
        continue;
      }
      if (awake) settle();
      // in ordinary sleep an interrupt (the serial port's last byte, the SysTick once the RTC is ready)
      // makes the chip look again, and it may then go into deep sleep
      let until = t;
      if (state === "sleep") {
        if (txUntil > last && txUntil < until) until = txUntil;
        if (rtcReadyAt > last && rtcReadyAt < until) until = rtcReadyAt;
      }
      const dt = until - last;
      const run = Math.min(debt, dt);
      debt -= run;
      times.running += run;
      times[state] += dt - run;
      accountExtras(dt);
      last = until;
      if (until < t) awake = true;
    }
  }

  return {
    advanceTo,
    wake: function (timer) {
      const now = deps.now();
      advanceTo(now);
      if (awake) return Math.max(0, wakingUntil - now);
      const from: PowerState = debt > 0 ? "running" : state;
      awake = true;
      const delayMs = state === "deepSleep" && facts ? facts.stopExitMs : 0;
      wakeLog.push({ at: now, from, delayMs });
      if (wakeLog.length > WAKE_LOG) wakeLog.shift();
      if (!delayMs) return 0;
      debt += delayMs;
      if (timer) return 0;
      wakingUntil = now + delayMs;
      return delayMs;
    },
    callback: function () {
      callbacks++;
      debt += deps.cpuMsPerCallback;
    },
    print: function (chars) {
      if (!facts || facts.consoleBaud === undefined || usb) return;
      const now = deps.now();
      // 10 bits a character (start, 8 data, stop)
      txUntil = Math.max(txUntil, now) + (chars * 10 * 1000) / facts.consoleBaud;
    },
    setDeepSleep: function (on) {
      deepSleep = on;
    },
    setUsbConnected: function (on) {
      advanceTo(deps.now());
      usb = on;
      awake = true;
    },
    pinsChanged: function () {
      pulled = undefined;
    },
    state: function () {
      return awake || debt > 0 ? "running" : state;
    },
    times: function () {
      return { ...times };
    },
    radioTimes: function () {
      return deps.radio() === undefined ? undefined : { ...radioTimes };
    },
    pulledPinMs: function () {
      return pulledMs;
    },
    deepSleepEntries: function () {
      return entries;
    },
    callbacks: function () {
      return callbacks;
    },
    wakeUps: function () {
      return wakeLog.slice();
    },
    deepSleepEnabled: function () {
      return deepSleep;
    },
    blockers: function () {
      return blockersAt(deps.now());
    },
    reset: function () {
      advanceTo(deps.now());
      times = zeroTimes();
      radioTimes = zeroRadio();
      pulledMs = 0;
      entries = 0;
      callbacks = 0;
    },
    usbConnected: function () {
      return usb;
    },
  };
}
