// A keypad matrix: rows are inputs with pull-up, columns are outputs held low, so a pressed key pulls
// its row low. Each row is watched for a debounced falling edge; then one scan finds the key. While
// waiting nothing runs: no timer, only the watches. A held key makes one edge, so one press; the scan's
// own row blips end where they started and the debounce drops them; several keys down give no key.
import type { MatrixKeypadWiring } from "../board";
import type { Keypad, KeypadOptions } from "../types";
import { unwatch } from "./input";
import { keyOf } from "./keys";

export function startMatrixKeypad(wiring: MatrixKeypadWiring<Pin>, options: KeypadOptions): Keypad {
  const rows = wiring.rows;
  const cols = wiring.cols;
  let watches: Array<number | undefined> = [];
  let open = true;
  /** getTime() when the last scan ended: edges the scan itself made are older and ignored */
  let scannedAt = -1;

  function setCols(level: number) {
    for (let c = 0; c < cols.length; c++) digitalWrite(cols[c], level);
  }

  /** index of the one key down (each column alone low: a low row is a key at the crossing), else -1 */
  function scan(): number {
    let found = -1;
    let count = 0;
    setCols(1);
    for (let c = 0; c < cols.length; c++) {
      digitalWrite(cols[c], 0);
      for (let r = 0; r < rows.length; r++) {
        if (!digitalRead(rows[r])) {
          found = r * cols.length + c;
          count++;
        }
      }
      digitalWrite(cols[c], 1);
    }
    setCols(0);
    return count === 1 ? found : -1;
  }

  function onRowFalling(e: WatchEvent) {
    if (!open || e.time <= scannedAt) return;
    let index = -1;
    try {
      index = scan();
    } catch (err) {
      scannedAt = getTime();
      if (!options.onError) throw err;
      options.onError(err);
      return;
    }
    scannedAt = getTime();
    if (index < 0) return;
    const key = keyOf(wiring.keys[index]);
    if (key) options.onKey(key);
  }

  for (let r = 0; r < rows.length; r++) pinMode(rows[r], "input_pullup");
  for (let c = 0; c < cols.length; c++) pinMode(cols[c], "output");
  setCols(0);
  const watchOptions: WatchOptions = { repeat: true, edge: "falling", debounce: wiring.debounceMs };
  for (let r = 0; r < rows.length; r++) watches.push(setWatch(onRowFalling, rows[r], watchOptions));

  return {
    close: function () {
      open = false;
      for (let i = 0; i < watches.length; i++) unwatch(watches[i]);
      watches = [];
    },
  };
}
