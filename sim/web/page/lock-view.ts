// The drawn lock: what the lock shows (LEDs, buzzer, the bolt, the digits typed) and the hands of the person at
// the bench (keys clicked or typed, Program pressed or held, the key turned, batteries in and out, their voltage).
import type { Simulation } from "../../engine";
import { digitsTyped } from "../../record/history";
import { statusItems } from "../../record/status-words";
import { $ } from "./dom";

/** what the page needs of the bench to act on the lock */
export interface LockHands {
  /** the lock on the bench now (a new one after "new lock" or a scenario) */
  sim(): Simulation;
  /** runs `fn` once the lock's time has reached `t` (ms) */
  at(t: number, fn: () => void): void;
}

const KEYBOARD: Record<string, string> = { Enter: "#", Backspace: "*", "#": "#", "*": "*" };
const TURN_MS = 500;
/** a click is quicker than any finger: a key or Program is held at least this long (the lock debounces 30-50 ms) */
const MIN_PRESS_MS = 120;
/** keys typed faster than a finger could are pressed one after another, this far apart, not all at once */
const KEY_GAP_MS = 80;

function legendOf(event: KeyboardEvent): string | undefined {
  if (/^[0-9]$/.test(event.key)) return event.key;
  return KEYBOARD[event.key];
}

function typingInAField(event: Event): boolean {
  const target = event.target as HTMLElement | null;
  return !!target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT");
}

export function wireLock(hands: LockHands): void {
  const keyButton = (legend: string) => document.querySelector<HTMLElement>(`.keycap[data-key="${CSS.escape(legend)}"]`);
  const pressedAt = new Map<string, number>();
  /** when the last key typed is let go of, in the lock's time */
  let keysFreeAt = -Infinity;
  /** runs `fn` at `t` in the lock's time, if the lock is still the same one */
  const atTime = (t: number, fn: () => void) => {
    const sim = hands.sim();
    hands.at(t, () => {
      if (hands.sim() === sim) fn();
    });
  };
  /** lets go of a key or Program no sooner than MIN_PRESS_MS after it went down */
  const release = (what: string, fn: () => void) => atTime((pressedAt.get(what) ?? -Infinity) + MIN_PRESS_MS, fn);
  let keysOf: Simulation | undefined;
  const down = (legend: string) => {
    if (keysOf !== hands.sim()) keysFreeAt = -Infinity; // a new lock: its own time
    keysOf = hands.sim();
    const t = Math.max(hands.sim().now(), keysFreeAt + KEY_GAP_MS);
    pressedAt.set(legend, t);
    keysFreeAt = t + MIN_PRESS_MS;
    keyButton(legend)?.classList.add("down");
    atTime(t, () => hands.sim().keyDown(legend));
  };
  const up = (legend: string) => {
    keyButton(legend)?.classList.remove("down");
    release(legend, () => hands.sim().keyUp(legend));
  };
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>(".keycap"))) {
    const legend = button.dataset.key as string;
    let held = false;
    button.addEventListener("pointerdown", (e) => {
      e.preventDefault();
      held = true;
      down(legend);
    });
    const letGo = () => {
      if (held) up(legend);
      held = false;
    };
    button.addEventListener("pointerup", letGo);
    button.addEventListener("pointerleave", letGo);
  }
  const program = $<HTMLButtonElement>("program");
  const holdProgram = $<HTMLInputElement>("hold-program");
  const setProgram = (isDown: boolean) => {
    if (isDown || holdProgram.checked) {
      if (!hands.sim().programHeld()) pressedAt.set("program", hands.sim().now());
      hands.sim().setProgram(true);
    } else release("program", () => hands.sim().setProgram(holdProgram.checked));
  };
  program.addEventListener("pointerdown", (e) => {
    e.preventDefault();
    setProgram(true);
  });
  program.addEventListener("pointerup", () => setProgram(false));
  program.addEventListener("pointerleave", () => setProgram(false));
  holdProgram.addEventListener("change", () => setProgram(false));

  document.addEventListener("keydown", (e) => {
    if (typingInAField(e) || e.repeat || e.ctrlKey || e.metaKey || e.altKey) return;
    const legend = legendOf(e);
    if (legend) {
      e.preventDefault();
      down(legend);
    } else if (e.key === "p") setProgram(true);
    else if (e.key === "k") turnKey();
  });
  document.addEventListener("keyup", (e) => {
    if (typingInAField(e)) return;
    const legend = legendOf(e);
    if (legend) up(legend);
    else if (e.key === "p") setProgram(false);
  });

  const turnKey = () => {
    const sim = hands.sim();
    sim.turnKey(sim.mechanism.position > 0.5 ? 0 : 1, TURN_MS);
  };
  $("turn-key").addEventListener("click", turnKey);
  $<HTMLInputElement>("block").addEventListener("change", (e) => hands.sim().blockBolt((e.target as HTMLInputElement).checked ? 0.5 : null));
  $<HTMLSelectElement>("hand").addEventListener("change", (e) => hands.sim().setHand((e.target as HTMLSelectElement).value as "left" | "right"));
  $("power").addEventListener("click", () => {
    const sim = hands.sim();
    if (sim.powered()) sim.powerOff();
    else sim.powerOn({ holdingProgram: holdProgram.checked });
  });
  const battery = $<HTMLInputElement>("battery");
  battery.addEventListener("input", () => hands.sim().setBatteryVolts(Number(battery.value)));
}

/** draws what the lock shows now */
export function showLock(sim: Simulation, status: unknown): void {
  const out = sim.outputs();
  const lamp = (id: string, on: boolean) => {
    const element = $(id);
    element.classList.toggle("on", on);
    element.dataset.on = String(on);
  };
  lamp("led-red", out.red);
  lamp("led-green", out.green);
  lamp("buzzer", out.buzzer);
  const position = sim.mechanism.position;
  const state = position <= 0.02 ? "retracted" : position >= 0.98 ? "extended" : "between";
  const bolt = $("bolt");
  bolt.style.left = `${position * 50}%`;
  bolt.dataset.state = state;
  bolt.dataset.position = position.toFixed(3);
  $("bolt-words").textContent = `${state} ${Math.round(position * 100)}%`;
  const digits = digitsTyped(sim.timeline, sim.now());
  $("typed").textContent = digits > 0 ? "\u2022".repeat(digits) : "\u00a0";
  $("typed").dataset.digits = String(digits);
  $("program").classList.toggle("down", sim.programHeld());
  $("power").textContent = sim.powered() ? "take the batteries out" : "put the batteries in";
  $("power").dataset.powered = String(sim.powered());
  const amps = sim.mechanism.amps();
  $("meters").textContent =
    `motor ${out.drive === "stop" ? "stop" : `drive ${out.drive}`}  ${amps.toFixed(2)} A   ` +
    `pack ${sim.battery.terminalVolts(amps).toFixed(2)} V (open ${sim.battery.openCircuitVolts().toFixed(2)} V)`;
  $("battery-value").textContent = `${sim.battery.openCircuitVolts().toFixed(2)} V`;
  $("status").textContent = !sim.powered() ? "batteries out" : status === undefined ? "Latchkey.status(): asking..." : `Latchkey.status()\n${statusItems(status).join("\n")}`;
}
