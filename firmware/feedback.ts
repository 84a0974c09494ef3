// Plays the feedback patterns (SPEC section 2) on the LEDs and the buzzer, one at a time, in the
// order caused, plus the status LED's short flash (SPEC section 5). Pure: time comes in as `now`,
// outputs leave as `led`/`buzz` effects, emitted only when an output changes.
import type { Effects } from "./types";
import { patternSteps, Step } from "./patterns";
import type { PatternName } from "./patterns";

export interface Feedback {
  /** Queue a pattern; it starts at once when nothing plays. While `audio` is off its beeps are skipped. */
  play(name: PatternName, audio: boolean, now: number, fx: Effects): void;
  /** Advance to `now`; call it at `deadline()` (late is fine). */
  tick(now: number, fx: Effects): void;
  /** When `tick` must next be called; undefined when nothing shows or waits. */
  deadline(): number | undefined;
  /** True while a pattern or a status flash shows or a pattern waits (deadline() is defined). */
  busy(): boolean;
  /** The status LED's 150 ms flash; skipped while anything shows. */
  statusFlash(red: boolean, green: boolean, now: number, fx: Effects): void;
  /** Everything off at once, nothing waiting. */
  stop(fx: Effects): void;
}

interface Waiting {
  name: PatternName;
  audio: boolean;
}

// Constants are const enums: the build writes their values in place, so they take no RAM on the board.
const enum Limit {
  /** Patterns waiting behind the one playing; a key-press RED_FLASH is the first to go when full. */
  MAX_WAITING = 4,
  STATUS_FLASH_MS = 150, // inside the 100-300 ms of a flash with room for a late timer
  /** A late tick may eat into a dark phase, but never below this (SPEC: off at least 100 ms). */
  MIN_OFF_MS = 100,
}

const enum Phase {
  IDLE = 0,
  STEP_ON = 1,
  STEP_OFF = 2,
  STATUS_ON = 3,
  STATUS_OFF = 4,
}

export function createFeedback(): Feedback {
  // what each step letter of patterns.ts shows (inside the factory: no RAM while the lock sleeps)
  /** How long a step's output stays on. */
  function stepOnMs(step: string): number {
    if (step === "b") return 150;
    if (step === "L") return 1000;
    if (step === "R") return 5000;
    return 200;
  }

  function stepRed(step: string): boolean {
    return step === "r" || step === "R";
  }

  function stepGreen(step: string): boolean {
    return step === "g";
  }

  function stepBeep(step: string): boolean {
    return step === "b" || step === "L";
  }

  // what the outputs show now
  let red = false;
  let green = false;
  let buzz = false;

  let queue: Waiting[] = [];
  // the playing pattern: its step string, the read position, the current step and its repeats left
  let steps = "";
  let pos = 0;
  let repeats = 0;
  let step = "";
  let audio = true;

  let phase = Phase.IDLE;
  let phaseEnd = 0;

  function show(r: boolean, g: boolean, b: boolean, fx: Effects): void {
    if (r !== red || g !== green) {
      red = r;
      green = g;
      fx.push({ t: "led", red: r, green: g });
    }
    if (b !== buzz) {
      buzz = b;
      fx.push({ t: "buzz", on: b });
    }
  }

  /** The next step of the playing pattern ("" at its end); beeps are skipped while audio is off. */
  function nextStep(): string {
    while (true) {
      if (repeats > 0) {
        repeats--;
        if (audio || !stepBeep(step)) return step;
        repeats = 0;
        continue;
      }
      if (pos >= steps.length) return "";
      let count = 0;
      let c = steps.charCodeAt(pos);
      while (c >= 48 && c <= 57) {
        count = count * 10 + c - 48;
        pos++;
        c = steps.charCodeAt(pos);
      }
      step = steps.charAt(pos);
      pos++;
      repeats = count > 0 ? count : 1;
    }
  }

  function startStep(s: string, now: number, fx: Effects): void {
    show(stepRed(s), stepGreen(s), stepBeep(s), fx);
    phase = Phase.STEP_ON;
    phaseEnd = now + stepOnMs(s);
  }

  /** Start the next waiting pattern at `now`, or go idle. */
  function startNextPattern(now: number, fx: Effects): void {
    while (queue.length > 0) {
      let w = queue.shift() as Waiting;
      steps = patternSteps(w.name);
      audio = w.audio;
      pos = 0;
      repeats = 0;
      let s = nextStep();
      if (s !== "") {
        startStep(s, now, fx);
        return;
      }
    }
    steps = "";
    phase = Phase.IDLE;
  }

  /** The dark phase after a lit one ends on schedule, or Limit.MIN_OFF_MS from now if the tick came late. */
  function goDark(darkPhase: number, offMs: number, now: number, fx: Effects): void {
    show(false, false, false, fx);
    phase = darkPhase;
    phaseEnd = Math.max(phaseEnd + offMs, now + Limit.MIN_OFF_MS);
  }

  function tick(now: number, fx: Effects): void {
    if (phase === Phase.IDLE || now < phaseEnd) return;
    if (phase === Phase.STEP_ON) {
      goDark(Phase.STEP_OFF, Step.OFF_MS, now, fx);
    } else if (phase === Phase.STATUS_ON) {
      goDark(Phase.STATUS_OFF, Limit.STATUS_FLASH_MS, now, fx);
    } else {
      // a dark phase ended: the next step starts now, so a late tick never shortens a lit phase
      const s = phase === Phase.STEP_OFF ? nextStep() : "";
      if (s !== "") startStep(s, now, fx);
      else startNextPattern(now, fx);
    }
  }

  function play(name: PatternName, withAudio: boolean, now: number, fx: Effects): void {
    if (queue.length >= Limit.MAX_WAITING) {
      if (name === "RED_FLASH") return;
      let dropped = false;
      for (let i = 0; i < queue.length && !dropped; i++) {
        if (queue[i].name === "RED_FLASH") {
          queue.splice(i, 1);
          dropped = true;
        }
      }
      if (!dropped) return;
    }
    queue.push({ name: name, audio: withAudio });
    if (phase === Phase.IDLE) startNextPattern(now, fx);
  }

  function statusFlash(r: boolean, g: boolean, now: number, fx: Effects): void {
    if (phase !== Phase.IDLE || (!r && !g)) return;
    show(r, g, false, fx);
    phase = Phase.STATUS_ON;
    phaseEnd = now + Limit.STATUS_FLASH_MS;
  }

  function stop(fx: Effects): void {
    queue = [];
    steps = "";
    phase = Phase.IDLE;
    show(false, false, false, fx);
  }

  return {
    play: play,
    tick: tick,
    deadline: function () {
      return phase === Phase.IDLE ? undefined : phaseEnd;
    },
    busy: function () {
      return phase !== Phase.IDLE;
    },
    statusFlash: statusFlash,
    stop: stop,
  };
}
