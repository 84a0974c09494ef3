// The hardware of a Latchkey board, modelled in plain ES5 for Espruino's Linux build, which has no board pins.
// A board's prelude (rig/<board>.boot0.js, made by tools/interpreter/preludes.ts) runs this from `.boot0`,
// before the image in `.bootcde`, and puts the `hw` functions in place of Espruino's pin functions.
//
// rigModel(B, C): B is the board (pins, keypad, motor, ...; see tools/interpreter/preludes.ts), C the
// conditions at power-up: {hand: "right"|"left", bolt: 0..1, travelMs, obstacle, volts, ohms, hold: "P",
// sample: true}. Returns {rig, hw}: `rig` is driven from the console (Rig.press("1234#"), Rig.hold("P"), ...),
// `hw` holds pinMode, getPinMode, digitalRead, digitalWrite, analogRead, analogWrite, setWatch, clearWatch,
// and setDeepSleep (STM32) or NRF (nRF52). E.setConsole, E.setPassword and E.lockConsole only record their calls:
// the console is how the test drives the board.
//
// Electrics: every board pin is a node. A pressed matrix key joins its row and its column; a closed switch
// (Program, a bolt end switch, a key of a one-pin-per-key keypad) ties its pin to ground (active low) or to
// the supply. A node's level: any strong driver (a push-pull output, an open-drain output writing 0, a closed
// switch) wins over pulls; strong drivers that disagree are a SHORT, recorded and printed, and read as 0; a
// node with neither keeps its last level (floating; reading one is recorded once per pin).
// An array digitalWrite changes its pins together, then the levels settle once.
// Watches follow Espruino 2v29 (src/jsinteractive.c): the callback gets {state, time, lastTime, pin}; with a
// debounce it runs `debounce` ms after the last edge, only if the level differs from the one last reported.
// Like Espruino's pin events, a callback never runs inside the pin call that caused the edge.
// The bolt moves at 1/travelMs of its travel per ms while the H-bridge drives it (A = IN1 high, IN2 low;
// "right" hand: A extends), stops at an end or at the obstacle, and then stalls. Its own timer runs only
// while it moves (the next end, obstacle or end-switch opening); typing keys has one while typing.
// Everything observable is printed as "[rig] <ms since power-up> <what>" lines:
//   pin NAME LEVEL | pwm NAME DUTY FREQ | mode NAME MODE | key K 0/1 | pressed KEYS | bolt POS STATE |
//   short NAMES | floating NAME | finding TEXT | deepsleep 0/1 | nrf METHOD JSON | console METHOD JSON
function rigModel(B, C) {
  var t0 = getTime();
  var RUN_AMPS = 0.15, STALL_AMPS = 1.0, ZONE = 0.02;
  var vref = typeof B.vref === "number" ? B.vref : 3.3;
  var names = B.names, n = names.length;
  var slotOf = {}, slotOfNum = [];
  var mode = [], explicit = [], out = [], lvl = [], floating = [], warned = [];
  // numbers that may be fractions live in typed arrays: a variable holding a fraction costs a var more than one
  // holding a whole number, and which it holds depends on the moment; so the model's own state costs the same
  // vars whatever the image does and whenever memory is sampled
  var duty = new Float64Array(n), freq = new Float64Array(n);
  var grp = [], lo = [], hi = [], up = [], dn = [];
  var keyDown = [], prog = C.hold === "P" ? 1 : 0;
  var W = [];
  var shortNow = "", shorts = [], findings = [];
  var dir = 0, stalled = false, boltTimer, boltState = "";
  var T = new Float64Array(4), SINCE = 0, PEAK_AT = 1, POS = 2, AIM = 3; // the bolt at 0..1, aiming at AIM
  T[POS] = typeof C.bolt === "number" ? C.bolt : 0;
  var hand = C.hand === "left" ? -1 : 1, travel = C.travelMs || 400;
  var obstacle = typeof C.obstacle === "number" ? C.obstacle : -1;
  var volts = C.volts || 6.0, ohms = typeof C.ohms === "number" ? C.ohms : 0.3;
  var typing, sampling = !!C.sample, peak = 0, deepSleep = 0, nrfHandlers = {};
  var i;
  // pin modes are kept as their index here, so that the model's own state costs the same vars whatever the image sets
  var MODES = ["input", "input_pullup", "input_pulldown", "output", "opendrain", "opendrain_pullup", "analog", "af_output", "af_opendrain"];
  var IN = 0, PULLUP = 1, PULLDOWN = 2, OUT = 3, OD = 4, OD_PULLUP = 5, AF_OUT = 7, AF_OD = 8;

  function ms() {
    return Math.round((getTime() - t0) * 10000) / 10;
  }
  function say(text) {
    console.log("[rig] " + ms() + " " + text);
  }
  function finding(text) {
    if (findings.length < 20) findings.push(text);
    say("finding " + text);
  }
  function sample() {
    if (!sampling) return;
    var u = process.memory().usage;
    if (u > peak) {
      peak = u;
      T[PEAK_AT] = ms();
    }
  }
  function slot(p) {
    var s = typeof p === "string" ? slotOf[p] : typeof p === "number" ? slotOfNum[p | 0] : undefined;
    if (s === undefined) throw new Error("Invalid pin " + p + ": not wired on " + B.name);
    return s;
  }

  for (i = 0; i < n; i++) {
    slotOf[names[i]] = i;
    slotOfNum[B.nums[i]] = i;
    mode[i] = IN;
    explicit[i] = 0;
    out[i] = 0;
    lvl[i] = 0;
    floating[i] = 0;
    warned[i] = 0;
  }
  for (i = 0; i < B.keys.length; i++) keyDown[i] = 0;
  var rows = B.rows, cols = B.cols, keyPins = B.keyPins;
  var progPin = slotOf[B.program.pin], retPin = slotOf[B.bolt.retracted], extPin = slotOf[B.bolt.extended];
  var in1 = slotOf[B.motor.in1], in2 = slotOf[B.motor.in2];
  var curPin = B.current ? slotOf[B.current.pin] : -1, batPin = slotOf[B.battery.pin];

  // ---- electrics

  function find(a) {
    while (grp[a] !== a) a = grp[a];
    return a;
  }
  /** 0 or 1 driven, 2 pulled up, 3 pulled down, -1 neither */
  function drive(s) {
    var m = mode[s];
    if (m === OUT || m === AF_OUT) return duty[s] > 0 ? 1 : out[s];
    if (m === OD || m === AF_OD) return out[s] ? -1 : 0;
    if (m === OD_PULLUP) return out[s] ? 2 : 0;
    if (m === PULLUP) return 2;
    if (m === PULLDOWN) return 3;
    return -1;
  }
  /** the rail a closed switch ties this pin to: 0 ground, 1 supply, -1 none */
  function rail(s) {
    var k;
    if (s === progPin) return prog ? (B.program.activeLow ? 0 : 1) : -1;
    if (s === retPin) return T[POS] < ZONE ? (B.bolt.activeLow ? 0 : 1) : -1;
    if (s === extPin) return T[POS] > 1 - ZONE ? (B.bolt.activeLow ? 0 : 1) : -1;
    if (keyPins) for (k = 0; k < keyPins.length; k++) if (keyDown[k] && slotOf[keyPins[k]] === s) return 0;
    return -1;
  }
  function amps() {
    return dir ? RUN_AMPS : stalled ? STALL_AMPS : 0;
  }

  var motorTouched = false;
  function settle() {
    var s, r, d, v, k, seen = "";
    for (s = 0; s < n; s++) {
      grp[s] = s;
      lo[s] = hi[s] = up[s] = dn[s] = 0;
    }
    if (rows) {
      for (k = 0; k < keyDown.length; k++) {
        if (!keyDown[k]) continue;
        r = find(slotOf[rows[(k / cols.length) | 0]]);
        d = find(slotOf[cols[k % cols.length]]);
        if (r !== d) grp[r] = d;
      }
    }
    for (s = 0; s < n; s++) {
      r = find(s);
      d = drive(s);
      if (d === 0) lo[r]++;
      else if (d === 1) hi[r]++;
      else if (d === 2) up[r]++;
      else if (d === 3) dn[r]++;
      d = rail(s);
      if (d === 0) lo[r]++;
      else if (d === 1) hi[r]++;
    }
    for (s = 0; s < n; s++) {
      r = find(s);
      if (lo[r] && hi[r] && r === s) {
        v = "";
        for (k = 0; k < n; k++) if (find(k) === r) v += (v ? "," : "") + names[k];
        seen += v + ";";
        if (shortNow.indexOf(v + ";") < 0) {
          if (shorts.length < 20) shorts.push(v);
          say("short " + v);
        }
      }
    }
    shortNow = seen;
    for (s = 0; s < n; s++) {
      r = find(s);
      floating[s] = !(lo[r] || hi[r] || up[r] || dn[r]);
      v = lo[r] ? 0 : hi[r] ? 1 : up[r] && !dn[r] ? 1 : dn[r] ? 0 : lvl[s];
      if (v !== lvl[s]) {
        lvl[s] = v;
        if (!duty[s] || !v) say("pin " + names[s] + " " + v);
        edge(s, v);
        if (s === in1 || s === in2) motorTouched = true;
      }
    }
    if (motorTouched) {
      motorTouched = false;
      moveBolt();
    }
  }

  // ---- the bolt

  function limit(d) {
    if (d > 0) return obstacle >= 0 && T[POS] <= obstacle ? obstacle : 1;
    return obstacle >= 0 && T[POS] >= obstacle ? obstacle : 0;
  }
  /** +1 extending, -1 retracting, 0 coasting or braked */
  function wanted() {
    var a = lvl[in1], b = lvl[in2];
    return a && !b ? hand : b && !a ? -hand : 0;
  }
  function moveBolt() {
    var t = ms(), d, lim, next, state;
    if (dir) {
      lim = limit(dir);
      T[POS] += (dir * (t - T[SINCE])) / travel;
      // at or past where it stops: there; at the edge of an end switch's zone: just past the edge
      if (dir * (T[POS] - lim) > -1e-6) T[POS] = lim;
      else if (Math.abs(T[POS] - T[AIM]) < 1e-6) T[POS] = T[AIM] + dir * 1e-6;
    }
    T[SINCE] = t;
    d = wanted();
    lim = d ? limit(d) : T[POS];
    dir = d && Math.abs(lim - T[POS]) > 1e-6 ? d : 0;
    stalled = d !== 0 && !dir;
    if (boltTimer) clearTimeout(boltTimer);
    boltTimer = undefined;
    if (dir) {
      // the next place where something changes: an end switch opens or closes, or the bolt stops
      next = lim;
      if (dir > 0 && T[POS] < ZONE && ZONE < next) next = ZONE;
      if (dir > 0 && T[POS] < 1 - ZONE && 1 - ZONE < next) next = 1 - ZONE;
      if (dir < 0 && T[POS] > 1 - ZONE && 1 - ZONE > next) next = 1 - ZONE;
      if (dir < 0 && T[POS] > ZONE && ZONE > next) next = ZONE;
      T[AIM] = next;
      boltTimer = setTimeout(function () {
        boltTimer = undefined;
        moveBolt();
      }, Math.abs(next - T[POS]) * travel);
    }
    state = dir > 0 ? "extending" : dir < 0 ? "retracting" : stalled ? "stalled" : "stopped";
    if (state !== boltState) say("bolt " + Math.round(T[POS] * 1000) / 1000 + " " + state);
    boltState = state;
    settle();
  }

  // ---- watches

  function wants(w, high) {
    return w.edge === 0 || (high && w.edge > 0) || (!high && w.edge < 0);
  }
  function run(id, w, data) {
    if (!w.recur) delete W[id];
    w.cb(data);
  }
  function debounced(id, w) {
    var old = w.state, time = w.at;
    w.timeout = undefined;
    w.state = w.next;
    if (old === w.state) return;
    var data = { state: !!w.state, time: time, lastTime: w.lastTime, pin: w.pin };
    w.lastTime = time;
    if (wants(w, w.state)) run(id, w, data);
  }
  function later(id, w, high, time) {
    setTimeout(function () {
      if (W[id] !== w) return;
      var data = { state: !!high, time: time, lastTime: w.lastTime, pin: w.pin };
      w.lastTime = time;
      if (wants(w, high)) run(id, w, data);
    }, 0);
  }
  function edge(s, high) {
    var id, w, t = getTime();
    for (id = 1; id < W.length; id++) {
      w = W[id];
      if (!w || w.s !== s) continue;
      if (!w.debounce) {
        w.state = high;
        later(id, w, high, t);
      } else if (w.timeout || high !== w.state) {
        if (w.timeout) clearTimeout(w.timeout);
        w.next = high;
        w.at = t;
        w.timeout = setTimeout(debounced, w.debounce, id, w);
      }
    }
  }

  // ---- Espruino's pin functions

  function setMode(s, m) {
    var code = MODES.indexOf(m);
    if (mode[s] === code) return;
    mode[s] = code;
    say("mode " + names[s] + " " + m);
  }
  function put(s, v) {
    if (duty[s]) {
      if (explicit[s]) {
        if (!warned[s]) finding("digitalWrite(" + names[s] + ") did not stop its PWM: pinMode was called on it");
        warned[s] = 1;
      } else {
        duty[s] = 0;
        say("pwm " + names[s] + " 0 0");
      }
    }
    if (!explicit[s]) setMode(s, "output");
    out[s] = v;
  }
  function read1(s) {
    if (!explicit[s] && mode[s] !== IN) {
      setMode(s, "input");
      settle();
    }
    if (floating[s] && !warned[s]) {
      warned[s] = 1;
      say("floating " + names[s]);
    }
    return lvl[s];
  }
  function level(v) {
    return typeof v === "boolean" ? (v ? -1 : 0) : v | 0;
  }
  function clamp(x) {
    return x < 0 ? 0 : x > 1 ? 1 : x;
  }

  var hw = {
    pinMode: function (pin, m) {
      sample();
      var s = slot(pin);
      if (m === undefined || m === "auto") {
        explicit[s] = 0;
        setMode(s, "input");
      } else {
        if (MODES.indexOf(m) < 0) throw new Error("Unknown pin mode " + m);
        explicit[s] = 1;
        if (m !== "af_output" && duty[s]) {
          duty[s] = 0;
          say("pwm " + names[s] + " 0 0");
        }
        setMode(s, m);
      }
      settle();
    },
    getPinMode: function (pin) {
      return MODES[mode[slot(pin)]];
    },
    digitalWrite: function (pin, value) {
      sample();
      var v = level(value), k;
      if (Array.isArray(pin)) {
        for (k = pin.length - 1; k >= 0; k--) {
          put(slot(pin[k]), v & 1);
          v = v >> 1;
        }
      } else put(slot(pin), v !== 0 ? 1 : 0);
      settle();
    },
    digitalRead: function (pin) {
      sample();
      var v = 0, k;
      if (!Array.isArray(pin)) return read1(slot(pin));
      for (k = 0; k < pin.length; k++) v = (v << 1) | read1(slot(pin[k]));
      return v;
    },
    analogRead: function (pin) {
      sample();
      var s = slot(pin);
      if (!explicit[s]) setMode(s, "analog");
      if (s === curPin) return clamp((amps() * B.current.voltsPerAmp) / vref);
      if (s === batPin) return clamp((volts - amps() * ohms) / B.battery.dividerRatio / vref);
      return lvl[s];
    },
    analogWrite: function (pin, value, opts) {
      sample();
      var s = slot(pin), f = opts && opts.freq ? opts.freq : 0;
      if (!explicit[s]) setMode(s, "af_output");
      if (duty[s] !== value || freq[s] !== f) say("pwm " + names[s] + " " + value + " " + f);
      duty[s] = value;
      freq[s] = f;
      settle();
    },
    setWatch: function (cb, pin, o) {
      sample();
      var s = slot(pin), recur = false, debounce = 0, e = 0, id, k;
      if (o && typeof o === "object") {
        recur = !!o.repeat;
        debounce = o.debounce > 0 ? +o.debounce : 0;
        if (o.edge === "rising" || o.edge > 0) e = 1;
        else if (o.edge === "falling" || o.edge < 0) e = -1;
        else if (!(o.edge === undefined || o.edge === "both" || o.edge === 0)) {
          throw new TypeError("'edge' in setWatch should be 1, -1, 0, 'rising', 'falling' or 'both'");
        }
      } else recur = !!o;
      if (typeof cb !== "function") throw new Error(typeof cb === "string" ? "rig: a string as a watch callback is not modelled" : "Function or String not supplied!");
      if (B.oneWatchPerNumber) {
        for (k = 1; k < W.length; k++) {
          if (W[k] && W[k].s !== s && B.numbers[W[k].s] === B.numbers[s]) {
            console.log("WARNING: Unable to set watch. You may already have a watch on a pin with the same number (eg. A0 and B0),");
            finding("setWatch(" + names[s] + ") refused: " + names[W[k].s] + " is watched and has the same number");
            return undefined;
          }
        }
      }
      // Espruino's id: one past the highest watch still set, from 1
      id = W.length - 1;
      while (id > 0 && !W[id]) id--;
      id = id > 0 ? id + 1 : 1;
      W[id] = { pin: pin, s: s, recur: recur, debounce: debounce, edge: e, cb: cb, state: lvl[s], lastTime: undefined };
      return id;
    },
    // no formal parameter: in an Espruino function with one, arguments.length is 1 even when nothing was
    // passed, and clearWatch() (clear every watch) must differ from clearWatch(undefined) (an error)
    clearWatch: function () {
      var id = arguments[0];
      sample();
      var w, k;
      if (arguments.length === 0) {
        for (k = 1; k < W.length; k++) if (W[k] && W[k].timeout) clearTimeout(W[k].timeout);
        W = [];
        return;
      }
      w = W[id];
      if (!w) throw new Error("Unknown Watch " + id);
      if (w.timeout) clearTimeout(w.timeout);
      delete W[id];
    },
  };
  if (B.family === "stm32") {
    hw.setDeepSleep = function (on) {
      deepSleep = on ? 1 : 0;
      say("deepsleep " + deepSleep);
    };
  }
  /** a stand-in that prints "<kind> <method> <arguments as JSON>" and does nothing else */
  function recorder(kind, method) {
    return function () {
      var args = [].slice.call(arguments);
      if (kind === "nrf" && method === "on") nrfHandlers[args[0]] = args[1];
      say(kind + " " + method + " " + JSON.stringify(args));
    };
  }
  var methods;
  if (B.family === "nrf52") {
    hw.NRF = {};
    methods = ["setServices", "setSecurity", "setAdvertising", "setWhitelist", "sleep", "wake", "disconnect", "on"];
    for (i = 0; i < methods.length; i++) hw.NRF[methods[i]] = recorder("nrf", methods[i]);
  }
  // the console is the test's only way in: moving it, or locking it behind a password, is recorded, not done
  methods = ["setConsole", "setPassword", "lockConsole"];
  for (i = 0; i < methods.length; i++) E[methods[i]] = recorder("console", methods[i]);
  if (B.hasVref) {
    E.getAnalogVRef = function () {
      return vref;
    };
  }

  // ---- what the test drives

  function key(k, v) {
    if (k === "P") prog = v;
    else {
      var idx = B.keys.indexOf(k);
      if (idx < 0) throw new Error("rig: no key " + k + " on " + B.name);
      keyDown[idx] = v;
    }
    say("key " + k + " " + v);
    settle();
  }
  var rig = {
    /** taps each key of `keys` ("P" is Program) for downMs (100), with gapMs (150) between; prints "pressed" */
    press: function (keys, downMs, gapMs) {
      if (typing) throw new Error("rig: still pressing");
      var k = 0, down = downMs || 100, gap = gapMs || 150;
      function next() {
        typing = undefined;
        if (k >= keys.length) return say("pressed " + keys);
        var c = keys[k++];
        key(c, 1);
        typing = setTimeout(function () {
          key(c, 0);
          typing = setTimeout(next, gap);
        }, down);
      }
      next();
    },
    hold: function (k) {
      key(k, 1);
    },
    release: function (k) {
      key(k, 0);
    },
    /** a hand on the key or thumbturn puts the bolt at `to` (0 retracted .. 1 extended) */
    turn: function (to) {
      T[POS] = to;
      say("bolt " + to + " turned");
      moveBolt();
    },
    /** an obstacle at `at` (0..1) stops the bolt there; no argument removes it */
    block: function (at) {
      moveBolt();
      obstacle = typeof at === "number" ? at : -1;
      moveBolt();
    },
    battery: function (v, r) {
      volts = v;
      if (typeof r === "number") ohms = r;
    },
    /** samples process.memory() at every pin call from now on (or stops); returns the peak so far and resets it */
    memory: function (on) {
      var result = { peak: peak, at: T[PEAK_AT] };
      sampling = on !== false;
      peak = 0;
      return result;
    },
    /** NRF.on handlers: Rig.nrf("connect", {...}) calls the one the image set */
    nrf: function (event, arg) {
      if (nrfHandlers[event]) nrfHandlers[event](arg);
    },
    state: function () {
      moveBolt();
      var a = lvl[in1], b = lvl[in2];
      return {
        bolt: Math.round(T[POS] * 1000) / 1000,
        retracted: T[POS] < ZONE,
        extended: T[POS] > 1 - ZONE,
        motor: a && !b ? "A" : b && !a ? "B" : a && b ? "brake" : "off",
        amps: amps(),
        volts: volts,
        shorts: shorts,
        findings: findings,
        deepSleep: deepSleep,
        watches: W.filter(function (w) {
          return !!w;
        }).length,
      };
    },
  };
  settle();
  return { rig: rig, hw: hw };
}
