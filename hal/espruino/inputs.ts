// The inputs that wake the lock: the keypad, the Program button and the bolt's two end switches,
// each watched with Espruino's debounce (setWatch), so nothing runs while they are still.
//
// Keypad matrix: rows are inputs with pull-ups; columns are open-drain, all driven low while waiting,
// so a pressed key pulls its row low. A falling row starts one scan: every column floats but the one
// driven low, and all rows are read in one call. Open drain means no two driven outputs are ever
// joined, whatever keys are held. A held key makes one edge, so one press; several keys down give no key.
// A keypad of one pin per key (type "pins") is read the same way: all pins in one call, one key down.
import type { BoltState, InputState, Key } from "../types";
import type { LockEvent } from "../../firmware/types";
import { readBolt } from "./bolt";
import { startOutputs } from "./outputs";

let deliver: (event: LockEvent) => void;
/** getTime() when the last scan ended: the row edges the scan itself made are older */
let scannedAt = -1;
/** the bolt switches as last delivered (retracted 1 + extended 2): an edge that changes neither is not news */
let boltSeen = -1;

function onKeyFalling(e: WatchEvent) {
  // an edge the scan made is at most a scan old (a clock set back makes every older edge count again)
  if (e.time <= scannedAt && e.time > scannedAt - 0.1) return;
  let found = -1;
  let down = 0;
  try {
    if (BOARD.keypad.type === "pins") {
      const pins = BOARD.keypad.pins;
      // the first pin is the highest bit; pressed = low
      const levels = digitalRead(pins);
      for (let i = 0; i < pins.length; i++) {
        if (!(levels & (1 << (pins.length - 1 - i)))) {
          found = i;
          down++;
        }
      }
    } else {
      const rows = BOARD.keypad.rows;
      const cols = BOARD.keypad.cols;
      for (let c = 0; c < cols.length; c++) {
        // 1 floats an open-drain column: only column c pulls low
        digitalWrite(cols, ((1 << cols.length) - 1) ^ (1 << (cols.length - 1 - c)));
        const levels = digitalRead(rows);
        for (let r = 0; r < rows.length; r++) {
          if (!(levels & (1 << (rows.length - 1 - r)))) {
            found = r * cols.length + c;
            down++;
          }
        }
      }
      digitalWrite(cols, 0);
    }
  } catch (err) {
    down = -1;
    deliver({ type: "fault", why: "" + err });
  }
  scannedAt = getTime();
  if (down !== 1) return;
  // digits stand for themselves, `*` is CLEAR and `#` is LOCK
  const legend = BOARD.keypad.keys.charAt(found);
  deliver({ type: "key", key: (legend === "*" ? "C" : legend === "#" ? "L" : legend) as Key });
}

function onProgram(e: WatchEvent) {
  deliver({ type: "program", down: e.state !== BOARD.programButton.activeLow });
}

function onBoltEdge() {
  let state;
  try {
    state = readBolt() as BoltState;
  } catch (err) {
    return deliver({ type: "fault", why: "" + err });
  }
  // (a resting switch's pin pulled the normal way again reads what it missed: the same state twice)
  const seen = (state.retracted ? 1 : 0) + (state.extended ? 2 : 0);
  if (seen === boltSeen) return;
  boltSeen = seen;
  deliver({ type: "bolt", state: state });
}

/** Sets the outputs idle and starts watching every input; returns the inputs' state now. */
export function startInputs(onEvent: (event: LockEvent) => void): InputState {
  deliver = onEvent;
  startOutputs();
  const watched = BOARD.keypad.type === "pins" ? BOARD.keypad.pins : BOARD.keypad.rows;
  const keypadWatch = { repeat: true, edge: "falling" as const, debounce: BOARD.keypad.debounceMs };
  for (let i = 0; i < watched.length; i++) {
    pinMode(watched[i], "input_pullup");
    setWatch(onKeyFalling, watched[i], keypadWatch);
  }
  if (BOARD.keypad.type === "matrix") {
    const cols = BOARD.keypad.cols;
    for (let c = 0; c < cols.length; c++) pinMode(cols[c], "opendrain");
    digitalWrite(cols, 0);
  }
  const pull = BOARD.programButton.activeLow ? "input_pullup" : "input_pulldown";
  pinMode(BOARD.programButton.pin, pull);
  setWatch(onProgram, BOARD.programButton.pin, { repeat: true, edge: "both", debounce: BOARD.programButton.debounceMs });
  const bolt = readBolt() as BoltState;
  boltSeen = (bolt.retracted ? 1 : 0) + (bolt.extended ? 2 : 0);
  const boltWatch = { repeat: true, edge: "both" as const, debounce: BOARD.bolt.debounceMs };
  setWatch(onBoltEdge, BOARD.bolt.retracted, boltWatch);
  setWatch(onBoltEdge, BOARD.bolt.extended, boltWatch);
  return { bolt: bolt, programHeld: digitalRead(BOARD.programButton.pin) === (BOARD.programButton.activeLow ? 0 : 1) };
}
