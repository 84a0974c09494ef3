// A fake Espruino for host tests and the simulator: the globals a firmware image may use
// (../../../shared/REFERENCE-BOARD.md, "The firmware image"), behaving as ../../../shared/ESPRUINO.md
// measured, over virtual time and a small electrical model of the pins. Run an image in it with
// runImage (./vm.ts); drive it from a test with drive/connect/setAnalog/advance and read back
// level/pwm/history. Host code only.
import { CHIP_POWER } from "./chip-power";
import { ConsoleView, createConsole } from "./console";
import { createFlashStorage, PowerCut } from "./flash";
import { createFakeNrf, FakeNrfControl } from "./nrf";
import { createPinBank } from "./pins";
import type { AnalogSource, FakePinMode, OutputChange, Pwm } from "./pins";
import { createPowerModel, PowerView } from "./power";
import { createScheduler } from "./scheduler";
import { createWatchTable } from "./watches";

export type { AnalogSource, FakePinMode, OutputChange, Pwm } from "./pins";
export type { PowerState, PowerTimes, PowerView, RadioState } from "./power";
export type { FakeNrfControl, NrfCall, Pairing, UartWrite } from "./nrf";
export type { ConsoleDevice, ConsoleInput, ConsoleView } from "./console";
export type { WatchEventLike } from "./watches";

export interface FakeEspruinoOptions {
  /** pin names of the board (B13, ...); each becomes a pin global */
  pins: string[];
  /** what E.getAnalogVRef() returns; default 3.3; NaN models ESP32 */
  vref?: number;
  /** default: a fresh createFlashStorage() */
  storage?: StorageLib;
  /** require("Flash"): the raw flash over the same chip as `storage` (sim/espruino/board-flash.ts); absent: not found */
  flash?: FlashLib;
  /** what analogRead returns (0..1) on a pin with no setAnalog source; default 0 */
  analogWhenUnset?: number;
  /** STM32 rule: two watched pins may not share a number (A0 and B0); default true */
  exclusivePinNumbers?: boolean;
  /** process.memory().total; default 5100 (Pico) */
  memoryTotal?: number;
  /** copy console.log/print and Uncaught lines to this (the simulator passes console.log) */
  echo?: (line: string) => void;
  /**
   * the chip (a name in tools/boards/chips.ts): gives the power model (./power.ts), setDeepSleep on STM32
   * and NRF on nRF52, as the chip's Espruino has them; default: no power model, neither global
   */
  chip?: string;
  /** CPU time the power model charges per callback the image runs, ms; default 0 */
  cpuMsPerCallback?: number;
  /**
   * centrals bonded with the chip's Bluetooth (address -> MITM-protected), kept in its flash: pass the same map
   * at every power-up; default a fresh one
   */
  radioBonds?: Map<string, boolean>;
}

export interface WatchdogState {
  seconds: number;
  auto: boolean;
  lastKickMs: number;
  /** virtual time at which a manual (isAuto false) watchdog went unkicked too long, if it did */
  bittenAtMs: number | undefined;
}

/** a span of an output or PWM being on, from history(); `end` undefined while still on */
export interface Pulse {
  start: number;
  end: number | undefined;
}

export interface FakeEspruino {
  /** everything an image may use, by global name: hand these to runImage */
  globals: Record<string, unknown>;
  /** Storage as the image sees it (through replace and interruptAt; its functions are the flash's) */
  storage: StorageLib;
  /** virtual time in ms (getTime() is this / 1000) */
  now(): number;
  /** runs pin events and due timers in time order up to now + ms (callbacks may arm more) */
  advance(ms: number): void;
  /** the same as advance: reads better for "let the lock run for 5 s" */
  runFor(ms: number): void;
  /** delivers what is due at the current time (pin events after a drive, zero-delay timers) */
  settle(): void;
  /** pending setTimeout + setInterval timers (not watch debounce timeouts) */
  armedTimers(): number;
  watchCount(): number;
  /** how many times the image called process.memory() (each one is a garbage collection on Espruino) */
  memoryQueries(): number;
  /** "Uncaught ..." lines of errors thrown inside callbacks */
  uncaught(): string[];
  /** console.log/print lines and warnings */
  output(): string[];

  mode(name: string): FakePinMode;
  /** effective level: external drive > own output > pull > low */
  level(name: string): boolean;
  /** true when the pin itself is an output driving low */
  drivesLow(name: string): boolean;
  /** true when the pin itself is a push-pull output driving high (or PWM) */
  drivesHigh(name: string): boolean;
  /** an external fixed level on the pin; undefined releases it */
  drive(name: string, level: boolean | undefined): void;
  /** an external computed level (undefined = not driving); re-evaluated after every pin change */
  connect(name: string, fn: (() => boolean | undefined) | undefined): void;
  /** re-reads computed levels now (call after changing what a connect function depends on) */
  refresh(): void;
  /** the ADC reading (0..1 of vref) of a pin, fixed or computed at each analogRead */
  setAnalog(name: string, source: AnalogSource | undefined): void;
  setAnalogWhenUnset(fraction: number): void;
  /** the last analogWrite of a pin, until a digitalWrite or pinMode stops it */
  pwm(name: string): Pwm | undefined;
  /** changes of what an output drives, with times (ms) */
  history(name: string): OutputChange[];
  /** the spans an output (or PWM) was on, from history */
  pulses(name: string): Pulse[];

  /** runs the handlers an image registered with E.on(event) */
  emit(event: string): void;
  /** what the next E.getErrorFlags() returns (it then clears them, as Espruino does) */
  setErrorFlags(flags: string[]): void;
  setMemoryUsage(vars: number): void;
  watchdog(): WatchdogState | undefined;

  /** the chip's power state over time (./power.ts) */
  power: PowerView;
  /** a USB cable to a computer: no deep sleep while it is in; on STM32 its sense pin reads it */
  setUsbConnected(on: boolean): void;
  /** the chip is woken from outside (as by code typed at its console): it then decides again how to sleep */
  interrupt(): void;
  /** the Bluetooth radio's far side, on chips that have Bluetooth (nRF52, ESP32; only nRF52 gives the image NRF) */
  nrf: FakeNrfControl | undefined;
  /** where the console is, the image's E.setConsole calls, and input from devices (./console.ts) */
  console: ConsoleView;
  /** the image's realm: console input runs as code there (runImage binds it) */
  bindConsole(evaluate: (text: string) => void): void;

  /**
   * Replaces what a global (or `E.x`, `Storage.x`) does, even for an image that keeps the function
   * itself: `fn` gets the real one and the arguments. undefined puts the real one back.
   */
  replace(name: string, fn: ((real: Function, args: unknown[]) => unknown) | undefined): void;
  /**
   * Espruino interrupts JavaScript (out of memory, Ctrl-C): the rest of the callback does not run and
   * no catch block takes effect. Modelled: the (skip+1)th call to `name` ("*": to anything) from now on
   * throws, and so does every call into the fake after it until that callback returns.
   */
  interruptAt(name: string, skip?: number): void;
  /** pin names in the order the image first used them (pinMode, digitalWrite/Read, analog*, setWatch) */
  pinsTouched(): string[];
}

/** Espruino prints console.log arguments separated by spaces; objects as JSON */
function formatArgs(args: unknown[]): string {
  return args.map((a) => (typeof a === "string" ? a : a && typeof a === "object" ? JSON.stringify(a) : String(a))).join(" ");
}

export function createFakeEspruino(options: FakeEspruinoOptions): FakeEspruino {
  const pins = createPinBank(options.pins);
  const storage = options.storage || createFlashStorage();
  const vref = options.vref === undefined ? 3.3 : options.vref;
  let analogWhenUnset = options.analogWhenUnset === undefined ? 0 : options.analogWhenUnset;
  const memoryTotal = options.memoryTotal || 5100;
  let memoryUsage = 0;
  let memoryQueries = 0;
  let errorFlags: string[] = [];
  let dog: WatchdogState | undefined;
  const lines: string[] = [];
  const handlers: Record<string, Function[]> = {};
  const pinObjects = new Map<object, string>();
  const touched: string[] = [];
  /** setTime: what getTime() and watch event times are ahead of virtual time, ms */
  let clockOffsetMs = 0;
  const replaced: Record<string, (real: Function, args: unknown[]) => unknown> = {};
  let interruptTrap: { name: string; skip: number } | undefined;
  let interrupted = false;

  function print(line: string) {
    lines.push(line);
    power.print(line.length + 2); // and a CR LF
    if (options.echo) options.echo(line);
  }

  const scheduler = createScheduler(0, {
    onTime: function (from, to) {
      // a manual watchdog bites when time runs past its deadline without a kick
      if (dog && !dog.auto && dog.bittenAtMs === undefined && to > dog.lastKickMs + dog.seconds * 1000) {
        dog.bittenAtMs = dog.lastKickMs + dog.seconds * 1000;
      }
      power.advanceTo(to);
    },
    beforeTimer: function () {
      power.wake(true);
    },
    afterCallback: function () {
      interrupted = false; // an interrupt ends with the callback it stopped
      watches.sense();
    },
    onUncaught: print,
    isFatal: function (err) {
      return err instanceof PowerCut; // the CPU is off: nothing more runs
    },
  });
  const watches = createWatchTable(pins, scheduler, {
    exclusivePinNumbers: options.exclusivePinNumbers !== false,
    clockOffsetMs: function () {
      return clockOffsetMs;
    },
    warn: function (msg) {
      print("WARNING: " + msg);
    },
    onEdge: function () {
      return power.wake();
    },
    onCallback: function () {
      power.callback();
    },
  });

  let evaluate: ((text: string) => void) | undefined;
  const consoleModel = createConsole({
    now: scheduler.now,
    queue: scheduler.queue,
    evaluate: () => evaluate,
  });
  const facts = options.chip ? CHIP_POWER[options.chip] : undefined;
  const nrf = facts && (facts.hasNrf || facts.family === "esp32")
    ? createFakeNrf({
        now: scheduler.now,
        run: function (fn, args) {
          power.callback();
          scheduler.guard(function () {
            fn.apply(undefined, args);
          });
        },
        beforeChange: function () {
          power.advanceTo(scheduler.now());
        },
        console: consoleModel,
        bonds: options.radioBonds || new Map(),
      })
    : undefined;
  const power = createPowerModel({
    facts: facts,
    cpuMsPerCallback: options.cpuMsPerCallback || 0,
    now: scheduler.now,
    timers: scheduler.timers,
    pwmPins: function () {
      return pins.names.filter((name) => pins.pwm(name) !== undefined);
    },
    pulledPins: function () {
      let n = 0;
      for (const name of pins.names) {
        const mode = pins.mode(name);
        const up = mode === "input_pullup" || mode === "opendrain_pullup";
        if ((up && !pins.level(name)) || (mode === "input_pulldown" && pins.level(name))) n++;
      }
      return n;
    },
    // the radio's power is charged on nRF52 (the board files give its figures there)
    radio: function () {
      return nrf && facts && facts.hasNrf ? nrf.control.state() : undefined;
    },
  });

  /** a pin global or a pin name, as Espruino accepts both */
  function pinName(pin: unknown): string {
    let name: string | undefined;
    if (pin && typeof pin === "object" && pinObjects.has(pin)) name = pinObjects.get(pin) as string;
    else if (typeof pin === "string" && pins.has(pin)) name = pin;
    else throw new Error("Invalid pin: " + String(pin));
    if (touched.indexOf(name) < 0) touched.push(name);
    return name;
  }

  /** `fn` as the image calls it: through a replacement or an interrupt the test set up */
  function api(name: string, fn: Function): Function {
    return function (this: unknown, ...args: unknown[]) {
      const trap = interruptTrap;
      if (!interrupted && trap && (trap.name === name || trap.name === "*") && trap.skip-- <= 0) {
        interruptTrap = undefined;
        interrupted = true;
      }
      if (interrupted) throw new Error("Execution Interrupted");
      const replacement = replaced[name];
      return replacement ? replacement(fn.bind(this), args) : fn.apply(this, args);
    };
  }

  /** Flash's functions the same way, where the board's flash is given */
  const flash = options.flash;
  const flashApi =
    flash &&
    new Proxy(flash, {
      get: function (target, prop) {
        const value = (target as unknown as Record<string | symbol, unknown>)[prop];
        return typeof value === "function" && typeof prop === "string" ? api("Flash." + prop, value.bind(target)) : value;
      },
    });

  /** Storage's functions through api(), looked up at each call (tests swap a flash function in place) */
  const storageApi = new Proxy(storage, {
    get: function (target, prop) {
      const value = (target as unknown as Record<string | symbol, unknown>)[prop];
      return typeof value === "function" && typeof prop === "string" ? api("Storage." + prop, value.bind(target)) : value;
    },
  });

  function settle() {
    if (!scheduler.running()) scheduler.advance(0);
  }

  function changed() {
    power.pinsChanged();
    watches.sense();
  }

  function clearTimers(name: string, args: unknown[]) {
    if (args.length === 0) {
      // no argument: every timeout and interval (not the watches' debounce timeouts)
      for (const t of scheduler.timers()) if (t.kind !== "debounce") scheduler.remove(t);
      return;
    }
    if (args[0] === undefined) throw new Error(name + "(undefined) not allowed. Use " + name + "() instead");
    const t = scheduler.find(args[0]);
    if (t) scheduler.remove(t); // an id that already fired is ignored
  }

  function addTimer(kind: "timeout" | "interval", fn: unknown, ms: unknown, args: unknown[]): number {
    if (typeof fn !== "function") throw new Error("Function or String not supplied!");
    let wait = Number(ms);
    if (!(wait > 0)) wait = 0;
    const callback = fn as Function;
    const t = scheduler.add(kind, scheduler.now() + wait, kind === "interval" ? wait : undefined, function () {
      power.callback();
      callback.apply(undefined, args);
    });
    return t.id;
  }

  const E = {
    getAnalogVRef: function () {
      return vref;
    },
    enableWatchdog: function (seconds: number, isAuto?: boolean) {
      dog = { seconds: seconds, auto: isAuto !== false, lastKickMs: scheduler.now(), bittenAtMs: undefined };
    },
    kickWatchdog: function () {
      if (dog) dog.lastKickMs = scheduler.now();
    },
    on: function (event: string, fn: Function) {
      (handlers[event] = handlers[event] || []).push(fn);
    },
    getErrorFlags: function () {
      const flags = errorFlags;
      errorFlags = [];
      return flags;
    },
    setConsole: function (device: unknown, opts?: { force?: unknown }) {
      if (device !== null && device !== "Serial1" && device !== "USB" && device !== "Bluetooth" && device !== "Telnet") {
        throw new Error("Unknown device type " + JSON.stringify(device));
      }
      consoleModel.set(device, !!(opts && opts.force));
    },
  };

  const globals: Record<string, unknown> = {
    pinMode: function (pin: unknown, mode?: string, automatic?: boolean) {
      const name = pinName(pin);
      pins.setMode(name, mode);
      if (automatic) pins.setMode(name, "auto");
      changed();
    },
    digitalWrite: function (pin: unknown, value: unknown) {
      if (Array.isArray(pin)) {
        // as Espruino: the last pin takes the lowest bit, and is written first
        let bits = value === true ? -1 : Number(value) | 0;
        for (let i = pin.length - 1; i >= 0; i--, bits >>= 1) pins.write(pinName(pin[i]), (bits & 1) === 1, scheduler.now());
      } else pins.write(pinName(pin), !!value, scheduler.now());
      changed();
    },
    digitalRead: function (pin: unknown) {
      // an array reads as a number, the first pin the highest bit
      let value = 0;
      for (const p of Array.isArray(pin) ? pin : [pin]) value = (value << 1) | (pins.read(pinName(p)) ? 1 : 0);
      changed();
      return value;
    },
    analogRead: function (pin: unknown) {
      return pins.analog(pinName(pin), analogWhenUnset);
    },
    analogWrite: function (pin: unknown, value: unknown, opts?: { freq?: number }) {
      let v = Number(value);
      v = v > 1 ? 1 : v > 0 ? v : 0;
      pins.writePwm(pinName(pin), v, opts && opts.freq !== undefined ? opts.freq : undefined, scheduler.now());
      changed();
    },
    setWatch: function (fn: unknown, pin: unknown, opts?: unknown) {
      return watches.set(fn, pinName(pin), opts);
    },
    clearWatch: function (...args: unknown[]) {
      watches.clear(args);
    },
    setTimeout: function (fn: unknown, ms?: unknown, ...args: unknown[]) {
      return addTimer("timeout", fn, ms, args);
    },
    setInterval: function (fn: unknown, ms?: unknown, ...args: unknown[]) {
      return addTimer("interval", fn, ms, args);
    },
    clearTimeout: function (...args: unknown[]) {
      clearTimers("clearTimeout", args);
    },
    clearInterval: function (...args: unknown[]) {
      clearTimers("clearInterval", args);
    },
    changeInterval: function (id: unknown, ms: unknown) {
      const t = scheduler.find(id);
      if (!t) throw new Error("Unknown Interval");
      let wait = Number(ms);
      if (!(wait > 0)) wait = 0;
      // Espruino sets an interval on whatever timer has this id, so a timeout becomes periodic
      t.interval = wait;
      scheduler.retime(t, scheduler.now() + wait);
    },
    getTime: function () {
      return (scheduler.now() + clockOffsetMs) / 1000;
    },
    /** as Espruino: getTime() and the times of later watch events move; timers keep their delays */
    setTime: function (seconds: unknown) {
      clockOffsetMs = Number(seconds) * 1000 - scheduler.now();
    },
    require: function (name: string) {
      if (name === "Storage") return storageApi;
      if (name === "Flash" && flashApi) return flashApi;
      throw new Error('Module "' + name + '" not found');
    },
    E: E,
    process: {
      memory: function () {
        memoryQueries++;
        return {
          free: memoryTotal - memoryUsage,
          usage: memoryUsage,
          total: memoryTotal,
          history: 0,
          gc: 0,
          gctime: 0,
          blocksize: 14,
        };
      },
    },
    console: {
      log: function (...args: unknown[]) {
        print(formatArgs(args));
      },
    },
    print: function (...args: unknown[]) {
      print(formatArgs(args));
    },
  };
  for (const name of options.pins) {
    const pinObject = {
      toString: function () {
        return name;
      },
    };
    pinObjects.set(pinObject, name);
    globals[name] = pinObject;
  }
  if (facts && facts.hasSetDeepSleep) {
    globals.setDeepSleep = function (on: unknown) {
      power.setDeepSleep(!!on);
    };
  }
  if (nrf && facts && facts.hasNrf) globals.NRF = nrf.api;
  for (const name of Object.keys(globals)) {
    if (typeof globals[name] === "function") globals[name] = api(name, globals[name] as Function);
  }
  for (const name of Object.keys(E)) {
    const e = E as unknown as Record<string, Function>;
    e[name] = api("E." + name, e[name]);
  }

  return {
    globals: globals,
    storage: storageApi,
    now: scheduler.now,
    advance: scheduler.advance,
    runFor: scheduler.advance,
    settle: settle,
    armedTimers: function () {
      return scheduler.timers().filter((t) => t.kind !== "debounce").length;
    },
    watchCount: watches.count,
    memoryQueries: function () {
      return memoryQueries;
    },
    uncaught: scheduler.uncaught,
    output: function () {
      return lines.slice();
    },
    mode: pins.mode,
    level: pins.level,
    drivesLow: pins.drivesLow,
    drivesHigh: pins.drivesHigh,
    drive: function (name, level) {
      pins.drive(name, level);
      changed();
      settle();
    },
    connect: function (name, fn) {
      pins.connect(name, fn);
      changed();
      settle();
    },
    refresh: function () {
      changed();
      settle();
    },
    setAnalog: pins.setAnalog,
    setAnalogWhenUnset: function (fraction) {
      analogWhenUnset = fraction;
    },
    pwm: pins.pwm,
    history: pins.history,
    pulses: function (name) {
      const spans: Pulse[] = [];
      let open: Pulse | undefined;
      for (const change of pins.history(name)) {
        if (change.level && !open) {
          open = { start: change.time, end: undefined };
          spans.push(open);
        } else if (!change.level && open) {
          open.end = change.time;
          open = undefined;
        }
      }
      return spans;
    },
    emit: function (event) {
      for (const fn of (handlers[event] || []).slice()) {
        power.callback();
        scheduler.guard(function () {
          fn();
        });
      }
    },
    setErrorFlags: function (flags) {
      errorFlags = flags.slice();
    },
    setMemoryUsage: function (vars) {
      memoryUsage = vars;
    },
    watchdog: function () {
      return dog ? { seconds: dog.seconds, auto: dog.auto, lastKickMs: dog.lastKickMs, bittenAtMs: dog.bittenAtMs } : undefined;
    },
    power: power,
    setUsbConnected: function (on) {
      power.setUsbConnected(on);
      const sense = facts ? facts.usbSensePin : undefined;
      if (sense && pins.has(sense)) pins.drive(sense, on);
      changed();
      settle();
    },
    nrf: nrf ? nrf.control : undefined,
    console: consoleModel,
    bindConsole: function (fn) {
      evaluate = function (text) {
        power.callback();
        scheduler.guard(function () {
          fn(text);
        });
      };
    },
    interrupt: function () {
      power.wake();
    },
    replace: function (name, fn) {
      if (fn) replaced[name] = fn;
      else delete replaced[name];
    },
    interruptAt: function (name, skip) {
      interruptTrap = { name: name, skip: skip || 0 };
    },
    pinsTouched: function () {
      return touched.slice();
    },
  };
}
