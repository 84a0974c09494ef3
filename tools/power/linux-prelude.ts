// A JavaScript prelude that lets a board's image run on Espruino's Linux build, which has pins D0-D32 that
// act on nothing: the board's pin names become distinct Linux pins, and the pin functions are replaced by a
// small model of the lock (a keypad matrix with one key held at a time, the Program button released, a
// motor that closes the matching bolt switch 300 ms after it starts, a fresh 4xAA pack). Watches are kept
// by the prelude and fired by the model, so a test can also call a watch's callback itself and time it.
// Minimal on purpose: the real-espruino branch is building the reusable harness; switch to it when it lands.
import type { ValidatedBoard } from "../boards/load";

/** the Linux build's pins */
const LINUX_PINS = 33;

/** board pin name -> Linux pin name, each board pin on its own Linux pin */
export function linuxPinMap(board: ValidatedBoard): Record<string, string> {
  const w = board.wiring;
  const names: string[] = [];
  const add = (pin: string) => {
    if (!names.includes(pin)) names.push(pin);
  };
  if (w.keypad.type === "matrix") [...w.keypad.rows, ...w.keypad.cols].forEach(add);
  else w.keypad.pins.forEach(add);
  [w.programButton.pin, w.motor.in1, w.motor.in2, w.bolt.retracted, w.bolt.extended, w.battery.pin, w.leds.red, w.leds.green, w.buzzer.pin].forEach(add);
  if (w.current) add(w.current.pin);
  const linuxName = (pin: string) => (/^D\d+$/.test(pin) && Number(pin.slice(1)) < LINUX_PINS ? pin : undefined);
  const taken = new Set(names.map(linuxName).filter((n): n is string => n !== undefined));
  const map: Record<string, string> = {};
  let next = 0;
  for (const pin of names) {
    const own = linuxName(pin);
    if (own) {
      map[pin] = own;
      continue;
    }
    while (taken.has("D" + next)) next++;
    if (next >= LINUX_PINS) throw new Error(`${board.name}: more pins than the Linux build has`);
    map[pin] = "D" + next;
    taken.add("D" + next);
  }
  return map;
}

/** the prelude's source; it defines `__lk` (the model) for the code that follows the image */
export function linuxPrelude(board: ValidatedBoard): string {
  const w = board.wiring;
  if (w.keypad.type !== "matrix") throw new Error(`${board.name}: the prelude models a keypad matrix only`);
  const map = linuxPinMap(board);
  const defs = Object.keys(map)
    .filter((pin) => map[pin] !== pin)
    .map((pin) => `var ${pin} = ${map[pin]};`)
    .join("\n");
  const num = (pin: string) => `(${pin} | 0)`;
  const list = (pins: string[]) => "[" + pins.map(num).join(", ") + "]";
  const vref = typeof w.vref === "number" ? w.vref : 3.3;
  const active = (activeLow: boolean, on: boolean) => (on === activeLow ? 0 : 1);
  return `${defs}
var __lk = {
  rows: ${list(w.keypad.rows)}, cols: ${list(w.keypad.cols)}, keys: ${JSON.stringify(w.keypad.keys)},
  in1: ${num(w.motor.in1)}, in2: ${num(w.motor.in2)}, retracted: ${num(w.bolt.retracted)}, extended: ${num(w.bolt.extended)},
  battery: ${num(w.battery.pin)}, current: ${w.current ? num(w.current.pin) : -1},
  out: {}, ext: {}, watches: [], key: -1, reads: 0, writes: 0, driveAt: 0,
  level: function (p) {
    var r = this.rows.indexOf(p);
    if (r >= 0) {
      if (this.key >= 0 && ((this.key / this.cols.length) | 0) === r && !this.out[this.cols[this.key % this.cols.length]]) return 0;
      return 1;
    }
    if (this.ext[p] !== undefined) return this.ext[p];
    return this.out[p] ? 1 : 0;
  },
  setExt: function (p, v) {
    if (this.ext[p] === v) return;
    this.ext[p] = v;
    var t = getTime();
    this.watches.forEach(function (w) {
      if (!w || w.pin !== p) return;
      if (w.edge === "falling" && v) return;
      if (w.edge === "rising" && !v) return;
      setTimeout(function () { w.fn({ state: !!v, time: t, lastTime: undefined }); }, w.debounce || 0);
    });
  },
  driving: function () { return !!this.out[this.in1] !== !!this.out[this.in2]; },
  motor: function () {
    var self = this;
    if (!this.driving()) return;
    var towards = this.out[this.in1] ? this.extended : this.retracted;
    var away = towards === this.extended ? this.retracted : this.extended;
    var at = ++this.driveAt;
    this.setExt(away, 1);
    setTimeout(function () { if (self.driveAt === at && self.driving()) self.setExt(towards, ${active(w.bolt.activeLow, true)}); }, 300);
  },
  press: function (legend) { this.key = this.keys.indexOf(legend); },
  release: function () { this.key = -1; },
  watchOn: function (p) { for (var i = 0; i < this.watches.length; i++) if (this.watches[i] && this.watches[i].pin === p) return this.watches[i]; }
};
__lk.ext[${num(w.programButton.pin)}] = ${active(w.programButton.activeLow, false)};
__lk.ext[__lk.retracted] = ${active(w.bolt.activeLow, false)};
__lk.ext[__lk.extended] = ${active(w.bolt.activeLow, false)};
__lk.nativeRead = digitalRead;
__lk.nativeWrite = digitalWrite;
var digitalRead = function (p) {
  __lk.reads++;
  if (typeof p === "object" && p.length !== undefined) {
    var v = 0;
    for (var i = 0; i < p.length; i++) v = (v << 1) | __lk.level(p[i] | 0);
    return v;
  }
  return __lk.level(p | 0);
};
var digitalWrite = function (p, v) {
  __lk.writes++;
  if (typeof p === "object" && p.length !== undefined) {
    for (var i = p.length - 1; i >= 0; i--) { __lk.out[p[i] | 0] = v & 1; v = v >> 1; }
  } else __lk.out[p | 0] = v ? 1 : 0;
  __lk.motor();
};
var pinMode = function () {};
var analogWrite = function () {};
var analogRead = function (p) {
  var n = p | 0;
  if (n === __lk.battery) return 6.0 / ${w.battery.dividerRatio} / ${vref};
  if (n === __lk.current) return __lk.driving() ? 0.15 * ${w.current ? w.current.voltsPerAmp : 1} / ${vref} : 0;
  return 0;
};
var setWatch = function (fn, p, o) {
  o = o || {};
  __lk.watches.push({ fn: fn, pin: p | 0, edge: o.edge, debounce: o.debounce });
  return __lk.watches.length;
};
var clearWatch = function (id) {
  if (id === undefined) __lk.watches = [];
  else __lk.watches[id - 1] = undefined;
};
${board.chip === "nrf52832" ? "var NRF = { setServices: function () {}, setSecurity: function () {}, setAdvertising: function () {}, setWhitelist: function () {}, sleep: function () {}, wake: function () {}, disconnect: function () {}, on: function () {} };" : ""}
${board.chip === "stm32f401" ? "var setDeepSleep = function () {};" : ""}
`;
}
