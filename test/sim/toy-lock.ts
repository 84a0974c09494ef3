// A toy lock image for testing the simulator without the real firmware: plain Espruino JavaScript for
// proto-pico's pins. It scans the 4x3 matrix, drives the motor to the far end on LOCK (stopping at the
// switch, after 3 s, or on a stall), flashes green and beeps when done, red on a stall, counts strokes
// in Storage, reads the program button at power-up, and logs what it does. Idle: no timers.
import * as path from "path";
import { loadBoard, ValidatedBoard } from "../../tools/boards/load";

export const TOY_LOCK = `
var ROWS = [B13, B14, B15, B10], COLS = [B3, B4, B5], KEYS = "123456789*0#";
var S = require("Storage");
var strokes = S.readJSON("toy", true) || 0;
var stroke = null;
function vref() { var v = E.getAnalogVRef(); return typeof v === "number" && v === v ? v : 3.3; }
function volts() { return analogRead(A4) * vref() * 3; }
function amps() { return analogRead(A5) * vref() / 1.0; }
function show(pin, ms) { digitalWrite(pin, 1); setTimeout(function () { digitalWrite(pin, 0); }, ms); }
function beep(ms) { analogWrite(B1, 0.5, { freq: 2700 }); setTimeout(function () { digitalWrite(B1, 0); }, ms); }
function stop(why) {
  digitalWrite(B8, 0); digitalWrite(B9, 0);
  clearInterval(stroke.timer);
  console.log("toy: stroke " + why + " min " + stroke.minV.toFixed(2) + "V max " + stroke.maxA.toFixed(2) + "A");
  stroke = null;
  strokes++;
  S.writeJSON("toy", strokes);
  if (why === "done") { show(B12, 200); beep(100); } else { show(B2, 200); }
}
function go() {
  var extend = digitalRead(A1) === 1;
  stroke = { extend: extend, t: 0, stallMs: 0, minV: 99, maxA: 0 };
  digitalWrite(extend ? B8 : B9, 1);
  stroke.timer = setInterval(function () {
    stroke.t += 10;
    var v = volts(), a = amps();
    if (stroke.t > 50 && v < stroke.minV) stroke.minV = v;
    if (a > stroke.maxA) stroke.maxA = a;
    stroke.stallMs = a > 0.6 ? stroke.stallMs + 10 : 0;
    if (digitalRead(stroke.extend ? A1 : A0) === 0) stop("done");
    else if (stroke.stallMs >= 100) stop("stalled");
    else if (stroke.t >= 3000) stop("timeout");
  }, 10);
}
function onKey(key) {
  console.log("toy: key " + key);
  if (key === "#" && !stroke) go();
  if (key === "*") show(B2, 150);
}
function scan(row) {
  var found = null;
  COLS.forEach(function (c) { digitalWrite(c, 1); });
  COLS.forEach(function (c, ci) {
    digitalWrite(c, 0);
    if (digitalRead(ROWS[row]) === 0 && found === null) found = KEYS[row * 3 + ci];
    digitalWrite(c, 1);
  });
  COLS.forEach(function (c) { digitalWrite(c, 0); });
  if (found !== null) onKey(found);
}
COLS.forEach(function (c) { pinMode(c, "output"); digitalWrite(c, 0); });
ROWS.forEach(function (r, i) {
  pinMode(r, "input_pullup");
  setWatch(function () { scan(i); }, r, { repeat: true, edge: "falling", debounce: 30 });
});
[A0, A1, A8].forEach(function (p) { pinMode(p, "input_pullup"); });
setWatch(function (e) { console.log("toy: program " + (e.state ? "up" : "down")); }, A8, { repeat: true, edge: "both", debounce: 50 });
digitalWrite(B8, 0); digitalWrite(B9, 0); digitalWrite(B2, 0); digitalWrite(B12, 0); digitalWrite(B1, 0);
var Latchkey = { volts: volts, strokes: function () { return strokes; } };
console.log("toy: boot strokes=" + strokes + " program " + (digitalRead(A8) ? "up" : "held") + " " + volts().toFixed(2) + "V");
`;

export const PROTO_PICO: ValidatedBoard = loadBoard(path.join(__dirname, "../../boards/proto-pico.json"));

export function toyResolve(name: string) {
  if (name !== "proto-pico") throw new Error(`no board "${name}" in the toy`);
  return { board: PROTO_PICO, image: TOY_LOCK, imageName: "toy-lock.js" };
}
