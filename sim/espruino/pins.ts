// The fake Espruino's electrical model: per pin a mode (set by pinMode, or automatically by the
// first digitalWrite/digitalRead/analogRead/analogWrite while the mode is "auto"), an output level,
// PWM, a pull resistor, and what the outside world does to it (a fixed drive or a computed level).
// Effective level: external > driven output > pull > low. Host code only.

export type FakePinMode =
  | "input"
  | "input_pullup"
  | "input_pulldown"
  | "output"
  | "opendrain"
  | "opendrain_pullup"
  | "af_output"
  | "af_opendrain"
  | "analog";

const MODES: string[] = [
  "input",
  "input_pullup",
  "input_pulldown",
  "output",
  "opendrain",
  "opendrain_pullup",
  "af_output",
  "af_opendrain",
  "analog",
];

export interface Pwm {
  value: number;
  freq: number | undefined;
}

/** one change of what the pin drives: a level, or PWM on (level true) / off */
export interface OutputChange {
  time: number;
  level: boolean;
  pwm?: Pwm;
}

export type AnalogSource = number | (() => number);

interface PinState {
  name: string;
  mode: FakePinMode;
  /** true until pinMode sets a mode: then digitalWrite etc. may change the mode */
  auto: boolean;
  out: boolean;
  pwm: Pwm | undefined;
  fixed: boolean | undefined;
  computed: (() => boolean | undefined) | undefined;
  analog: AnalogSource | undefined;
  history: OutputChange[];
  lastLogged: string | undefined;
}

export interface PinBank {
  names: string[];
  has(name: string): boolean;
  mode(name: string): FakePinMode;
  isAuto(name: string): boolean;
  setMode(name: string, mode: string | undefined): void;
  /** what a digitalWrite does; `time` stamps the output history */
  write(name: string, high: boolean, time: number): void;
  writePwm(name: string, value: number, freq: number | undefined, time: number): void;
  read(name: string): boolean;
  level(name: string): boolean;
  /** true when the pin itself drives low (an output or open-drain output written 0) */
  drivesLow(name: string): boolean;
  /** true when the pin itself drives high (a push-pull output written 1, or PWM) */
  drivesHigh(name: string): boolean;
  drive(name: string, level: boolean | undefined): void;
  connect(name: string, fn: (() => boolean | undefined) | undefined): void;
  setAnalog(name: string, source: AnalogSource | undefined): void;
  analog(name: string, fallback: number): number;
  pwm(name: string): Pwm | undefined;
  history(name: string): OutputChange[];
  /** called with the time so output history is stamped */
  logOutput(name: string, time: number): void;
}

function isOutputMode(mode: FakePinMode): boolean {
  return mode === "output" || mode === "af_output";
}

function isOpenDrain(mode: FakePinMode): boolean {
  return mode === "opendrain" || mode === "opendrain_pullup" || mode === "af_opendrain";
}

export function createPinBank(names: string[]): PinBank {
  const pins: Record<string, PinState> = {};
  for (const name of names) {
    pins[name] = {
      name: name,
      mode: "input",
      auto: true,
      out: false,
      pwm: undefined,
      fixed: undefined,
      computed: undefined,
      analog: undefined,
      history: [],
      lastLogged: undefined,
    };
  }

  function pin(name: string): PinState {
    const p = pins[name];
    if (!p) throw new Error("fake Espruino: no pin " + name);
    return p;
  }

  function pulled(p: PinState): boolean {
    return p.mode === "input_pullup" || p.mode === "opendrain_pullup";
  }

  function level(name: string): boolean {
    const p = pin(name);
    if (p.fixed !== undefined) return p.fixed;
    if (p.computed) {
      const v = p.computed();
      if (v !== undefined) return v;
    }
    if (p.pwm) return p.pwm.value > 0;
    if (isOutputMode(p.mode)) return p.out;
    if (isOpenDrain(p.mode) && !p.out) return false;
    return pulled(p);
  }

  function logOutput(name: string, time: number) {
    const p = pin(name);
    let change: OutputChange | undefined;
    if (p.pwm) change = { time: time, level: p.pwm.value > 0, pwm: { value: p.pwm.value, freq: p.pwm.freq } };
    else if (isOutputMode(p.mode) || isOpenDrain(p.mode)) change = { time: time, level: p.out };
    if (!change) return;
    const key = JSON.stringify([change.level, change.pwm]);
    if (key === p.lastLogged) return;
    p.lastLogged = key;
    p.history.push(change);
  }

  return {
    names: names.slice(),
    has: function (name) {
      return Object.prototype.hasOwnProperty.call(pins, name);
    },
    mode: function (name) {
      return pin(name).mode;
    },
    isAuto: function (name) {
      return pin(name).auto;
    },
    setMode: function (name, mode) {
      const p = pin(name);
      if (mode === undefined || mode === "auto") {
        p.auto = true;
        return;
      }
      if (MODES.indexOf(mode) < 0) throw new Error("Unknown pin mode");
      p.mode = mode as FakePinMode;
      p.auto = false;
      if (p.mode !== "af_output") p.pwm = undefined; // pinMode reconfigures the pin: PWM stops
    },
    write: function (name, high, time) {
      const p = pin(name);
      p.out = high;
      // Espruino (jshPinOutput) makes only an automatic pin a plain output again: on a pin set by
      // pinMode, a PWM started by analogWrite keeps running whatever digitalWrite says
      if (p.auto) {
        p.mode = "output";
        p.pwm = undefined;
      }
      logOutput(name, time);
    },
    writePwm: function (name, value, freq, time) {
      const p = pin(name);
      if (p.auto || !isOutputMode(p.mode)) p.mode = "af_output";
      p.pwm = { value: value, freq: freq };
      logOutput(name, time);
    },
    read: function (name) {
      const p = pin(name);
      // Espruino: reading an automatic pin makes it an input (an auto output stops driving)
      if (p.auto && p.mode !== "input") {
        p.mode = "input";
        p.pwm = undefined;
      }
      return level(name);
    },
    level: level,
    drivesLow: function (name) {
      const p = pin(name);
      return !p.pwm && (isOutputMode(p.mode) || isOpenDrain(p.mode)) && !p.out;
    },
    drivesHigh: function (name) {
      const p = pin(name);
      return !!p.pwm || (isOutputMode(p.mode) && p.out);
    },
    drive: function (name, value) {
      pin(name).fixed = value;
    },
    connect: function (name, fn) {
      pin(name).computed = fn;
    },
    setAnalog: function (name, source) {
      pin(name).analog = source;
    },
    analog: function (name, fallback) {
      const p = pin(name);
      if (p.auto && p.mode !== "analog") p.mode = "analog";
      const source = p.analog;
      const v = source === undefined ? fallback : typeof source === "function" ? source() : source;
      return v < 0 ? 0 : v > 1 ? 1 : v;
    },
    pwm: function (name) {
      const p = pin(name).pwm;
      return p ? { value: p.value, freq: p.freq } : undefined;
    },
    history: function (name) {
      return pin(name).history.slice();
    },
    logOutput: logOutput,
  };
}
