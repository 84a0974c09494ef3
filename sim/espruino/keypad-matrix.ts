// A keypad matrix wired to the fake Espruino: a pressed key connects its row to its column, so a row
// reads low exactly when some pressed key on it has its column driven low (no diodes, no ghosting
// modelled); otherwise the row is left to its pull-up. Two keys held in one row join their columns:
// if one column then drives high while the other drives low, that is a short, and the model keeps a
// record of it (`shorts()`). Host code only.
import type { FakeEspruino } from "./fake";

export interface MatrixKeypadModel {
  press(legend: string): void;
  release(legend: string): void;
  /** press, hold for holdMs of virtual time, release */
  tap(legend: string, holdMs: number): void;
  /** legends of the keys held down now */
  pressed(): string[];
  /** every short seen: "row B13: B3 high, B4 low at 1234 ms" */
  shorts(): string[];
}

/** legends: one character per key, row by row ("123456789*0#" for 4 rows of 3 columns) */
export function matrixKeypad(fake: FakeEspruino, rows: string[], cols: string[], legends: string): MatrixKeypadModel {
  if (legends.length !== rows.length * cols.length) {
    throw new Error("keypad model: " + legends.length + " legends for " + rows.length + "x" + cols.length + " keys");
  }
  const down: boolean[] = legends.split("").map(() => false);

  function indexOf(legend: string): number {
    const i = legends.indexOf(legend);
    if (legend.length !== 1 || i < 0) throw new Error("keypad model: no key " + JSON.stringify(legend));
    return i;
  }

  const shorts: string[] = [];

  function rowLevel(r: number): boolean | undefined {
    let low: string | undefined;
    let high: string | undefined;
    for (let c = 0; c < cols.length; c++) {
      if (!down[r * cols.length + c]) continue;
      if (fake.drivesLow(cols[c])) low = cols[c];
      if (fake.drivesHigh(cols[c])) high = cols[c];
    }
    if (low && high) {
      const short = "row " + rows[r] + ": " + high + " high, " + low + " low at " + fake.now() + " ms";
      if (shorts[shorts.length - 1] !== short) shorts.push(short);
    }
    return low ? false : undefined; // not driven low: the row's pull-up decides
  }

  rows.forEach((row, r) => fake.connect(row, () => rowLevel(r)));

  function set(legend: string, isDown: boolean) {
    down[indexOf(legend)] = isDown;
    fake.refresh();
  }

  return {
    press: (legend) => set(legend, true),
    release: (legend) => set(legend, false),
    tap: function (legend, holdMs) {
      set(legend, true);
      fake.advance(holdMs);
      set(legend, false);
    },
    pressed: () => legends.split("").filter((_, i) => down[i]),
    shorts: () => shorts.slice(),
  };
}
