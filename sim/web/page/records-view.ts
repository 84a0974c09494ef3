// What the bench keeps: the timeline growing live (the same drawing as sim/svg.ts, over the last 30 s, 2 min or
// the whole run), what happened in words, the lock's event log and its console.
import type { Simulation } from "../../engine";
import { lockEvents } from "../../record/events";
import { history } from "../../record/history";
import { renderSvg } from "../../svg";
import { $, fillLines } from "./dom";

function svgOf(sim: Simulation, windowMs: number, width: number, title: string): string {
  const now = sim.now();
  const from = windowMs > 0 ? Math.max(0, now - windowMs) : 0;
  return renderSvg(sim.timeline, { from, to: Math.max(from + 1000, now), width, title });
}

export function showRecords(sim: Simulation, title: string): void {
  const box = $("timeline");
  const windowMs = Number($<HTMLSelectElement>("window").value);
  // the time axis fills the panel, less the lane names and scales
  const width = Math.max(400, box.clientWidth - 240);
  box.innerHTML = svgOf(sim, windowMs, width, title).replace(/^<\?xml[^>]*>\s*/, "");
  fillLines($("history"), history(sim.timeline, sim.now()));
  // the lock's event log as it wrote it, with the power-up and the seconds since it that the log keeps
  fillLines($("events"), lockEvents(sim.timeline).map((e) => ({ t: e.t, text: `${e.text}  (power-up ${e.entry.powerUp}, +${e.entry.seconds} s)` })));
  fillLines($("console"), sim.timeline.logs());
}

/** the whole run as an SVG file, downloaded */
export function exportSvg(sim: Simulation, title: string, fileName: string): void {
  const blob = new Blob([renderSvg(sim.timeline, { title })], { type: "image/svg+xml" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
