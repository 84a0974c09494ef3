// Plays the feedback patterns (SPEC section 2) on the LEDs and the buzzer, one at a time, in the
// order caused, plus the status LED's short flash (SPEC section 5). Pure: time comes in as L.now,
// outputs leave as `out` effects, emitted only when an output changes. L.fb.phase is 0 while
// nothing shows or waits; otherwise L.fb.end is when feedbackTick must come.
import { Pattern, Step, Steps } from "./patterns";
import { L } from "./state";

const enum Phase {
  IDLE = 0,
  STEP_ON = 1,
  STEP_OFF = 2,
  STATUS_ON = 3,
  STATUS_OFF = 4,
}

/** Patterns waiting behind the one playing; a key-press RED_FLASH is the first to go when full. */
const enum Limit {
  MAX_WAITING = 4,
}

/** Sets the outputs, with an effect when any of them changes. */
function showOutputs(red: boolean, green: boolean, buzz: boolean) {
  const fb = L.fb;
  if (red === fb.red && green === fb.green && buzz === fb.buzz) return;
  fb.red = red;
  fb.green = green;
  fb.buzz = buzz;
  L.fx.push({ t: "out", red: red, green: green, buzz: buzz });
}

/** Starts the next step of the playing pattern, else the next waiting pattern, else goes idle. */
function nextStep() {
  const fb = L.fb;
  for (;;) {
    if (fb.repeats > 0) {
      fb.repeats--;
      const s = fb.step;
      const beep = s === "b" || s === "L";
      // beeps only while audio is on
      if (beep && !fb.audio) {
        fb.repeats = 0;
        continue;
      }
      showOutputs(s === "r" || s === "R", s === "g", beep);
      fb.phase = Phase.STEP_ON;
      fb.end = L.now + (s === "b" ? 150 : s === "L" ? 1000 : s === "R" ? 5000 : 200);
      return;
    }
    if (fb.pos < fb.steps.length) {
      // an optional repeat count, then the step letter
      let count = 0;
      let c = fb.steps.charCodeAt(fb.pos);
      while (c >= 48 && c <= 57) {
        count = count * 10 + c - 48;
        c = fb.steps.charCodeAt(++fb.pos);
      }
      fb.step = fb.steps.charAt(fb.pos++);
      fb.repeats = count || 1;
      continue;
    }
    const waiting = fb.queue.shift();
    if (waiting === undefined) {
      fb.steps = "";
      fb.phase = Phase.IDLE;
      return;
    }
    fb.steps = (BOARD.radio === "paired" ? Steps.ALL + Steps.PAIRING : (Steps.ALL as string)).split("|")[waiting >> 1];
    fb.audio = (waiting & 1) === 1;
    fb.pos = 0;
  }
}

/** Queues a pattern; it starts at once when nothing plays. While audio is off its beeps are skipped. */
export function play(pattern: Pattern, audio: boolean) {
  const fb = L.fb;
  if (fb.queue.length >= Limit.MAX_WAITING) {
    // full: the first waiting key-press red flash makes way (a new one is itself dropped)
    let at = -1;
    for (let i = fb.queue.length - 1; i >= 0; i--) if (fb.queue[i] >> 1 === Pattern.RED_FLASH) at = i;
    if (pattern === Pattern.RED_FLASH || at < 0) return;
    fb.queue.splice(at, 1);
  }
  fb.queue.push(pattern * 2 + (audio ? 1 : 0));
  if (fb.phase === Phase.IDLE) nextStep();
}

/** Advances to L.now; call it at L.fb.end (late is fine). */
export function feedbackTick() {
  const fb = L.fb;
  if (fb.phase === Phase.IDLE || L.now < fb.end) return;
  if (fb.phase === Phase.STEP_ON || fb.phase === Phase.STATUS_ON) {
    // the dark phase ends on schedule, or MIN_OFF_MS from now if the tick came late
    showOutputs(false, false, false);
    fb.end = Math.max(fb.end + (fb.phase === Phase.STEP_ON ? Step.OFF_MS : Step.STATUS_MS), L.now + Step.MIN_OFF_MS);
    fb.phase++;
  } else {
    // after a status flash, only waiting patterns
    if (fb.phase === Phase.STATUS_OFF) fb.steps = "";
    nextStep();
  }
}

/** The status LED's short flash; skipped while anything shows. */
export function statusFlash(red: boolean, green: boolean) {
  if (L.fb.phase !== Phase.IDLE || (!red && !green)) return;
  showOutputs(red, green, false);
  L.fb.phase = Phase.STATUS_ON;
  L.fb.end = L.now + Step.STATUS_MS;
}
