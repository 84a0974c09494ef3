// The bench report's lines for the simulated days: what the lock and the chip did, and the energy and
// battery life that gives (or "mains" for a board that cannot run on batteries).
import type { BoardPower } from "../boards/load";
import type { DayResult } from "./day";
import { PACK_MAH, SHELF_LIFE_YEARS } from "./energy";

const s1 = (ms: number) => (ms / 1000).toFixed(1) + " s";
const mah = (n: number) => (n >= 10 ? n.toFixed(1) : n >= 0.1 ? n.toFixed(2) : n.toFixed(3));

/** ms as hours, minutes or seconds, whichever reads best */
export function span(ms: number): string {
  if (ms >= 3600000) return (ms / 3600000).toFixed(2) + " h";
  if (ms >= 60000) return (ms / 60000).toFixed(1) + " min";
  return s1(ms);
}

export function formatDays(
  days: Array<{ operations: number; day: DayResult }>,
  power: BoardPower,
  minBatteryYears: number | undefined,
  row: (label: string, text: string) => void,
  more: (text: string) => void,
): void {
  const cpu = days[0].day.cpu;
  row("CPU per wake", `${cpu.msPerCallback.toFixed(1)} ms a callback: ${cpu.measuredMs.toFixed(3)} ms measured x ${cpu.factor.toFixed(1)} (${cpu.hostMhz} MHz / the chip's ${cpu.chipMhz} MHz)`);
  more(`from ${cpu.provenance}${cpu.stale ? "; MEASURED ON ANOTHER IMAGE: re-run tools/power/measure-cpu.ts (docs/power.md)" : ""}`);
  for (const { operations, day: d } of days) {
    const a = d.actions;
    row(`${operations} ops/day`, `${a.unlocks} unlocks by code, ${a.oneTouchLocks} one-touch locks, ${a.autoLocks} auto-locks, ${a.wrongCodes} wrong codes`);
    more(`motor ${s1(d.motorOnMs)} (${mah(d.motorMah)} mAh), red LED ${s1(d.redOnMs)}, green LED ${s1(d.greenOnMs)}, buzzer ${s1(d.buzzerOnMs)}; ` +
      `a timer armed ${s1(d.timerArmedMs)}, while idle (SPEC 10) ${d.idleTimerMs} ms  ${d.idleTimerMs === 0 ? "ok" : "FAIL"}`);
    const t = d.chip.times;
    const radio = d.chip.radio ? `; radio advertising ${span(d.chip.radio.advertising)}, off ${span(d.chip.radio.off)}, connected ${span(d.chip.radio.connected)}` : "";
    more(`chip: running ${span(t.running)} (${Math.round(d.chip.callbacks)} callbacks, ${Math.round(d.chip.deepSleepEntries)} deep sleeps entered), ` +
      `sleep ${span(t.sleep)}, deep sleep ${span(t.deepSleep)}${radio}`);
    const e = d.energy;
    const p = e.parts;
    more(`${mah(e.totalMah)} mAh/day: running ${mah(p.running)}, sleep ${mah(p.sleep)}, deep sleep ${mah(p.deepSleep)}, radio ${mah(p.radio)}, ` +
      `pull-ups ${mah(p.pullUps)}, battery divider ${mah(p.divider)}, LEDs ${mah(p.leds)}, buzzer ${mah(p.buzzer)}, motor ${mah(p.motor)}`);
    if (e.supply === "mains") {
      more(`supply: mains, no battery life (${power.mainsReason ?? "the board file says so"})`);
      continue;
    }
    const years = e.years as number;
    const capped = (e.uncappedYears as number) > SHELF_LIFE_YEARS ? ` (capped at the cells' ${SHELF_LIFE_YEARS}-year shelf life; ${(e.uncappedYears as number).toFixed(1)} uncapped)` : "";
    const budget = operations === days[0].operations && minBatteryYears !== undefined
      ? `  budget ${minBatteryYears} years: ${years >= minBatteryYears ? "ok" : "BELOW BUDGET"}`
      : operations === days[0].operations ? "  (no budget.minBatteryYears)" : "";
    more(`battery life on ${PACK_MAH} mAh: ${years >= 1 ? years.toFixed(2) + " years" : (years * 365.25).toFixed(1) + " days"}${capped}${budget}`);
  }
}
