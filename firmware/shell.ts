// The shell: what stays in RAM for the life of the lock. It starts the inputs that wake the lock
// (keypad, Program, bolt switches) and keeps the lock's state as plain data. An input wakes the lock:
// `wake` makes the awake lock (engine.ts) from that data, and the engine hands itself back when
// nothing is in progress any more. While the lock sleeps only the inputs' watches and the data are
// in RAM; the code of everything else stays in flash (on a board, awake.ts is made again per wake-up).
import type { HalInputs, Key } from "../hal/types";
import type { LockEngine, LockShellMemory } from "./engine";
import type { LockStatus } from "./machine";
import { newStoreMemory } from "./store";
import type { LockEvent } from "./types";

export interface LockShell {
  status(): LockStatus;
  /** true while the lock is awake (something in progress) */
  awake(): boolean;
}

/** Makes the awake lock over the shell's memory; it calls `sleep` whenever nothing is in progress. */
export type WakeLock = (memory: LockShellMemory, sleep: () => void) => LockEngine;

/** `afterKey`, if given, runs after each key press is handled (main checks Espruino's error flags there). */
export function startLock(inputs: HalInputs, wake: WakeLock, afterKey?: () => void): LockShell {
  let engine: LockEngine | undefined;

  function fallAsleep() {
    engine = undefined;
  }

  function deliver(event: LockEvent) {
    if (!engine) engine = wake(memory, fallAsleep);
    engine.dispatch(event);
  }

  const bolts = inputs.startBoltSensor({
    onChange: function (state) {
      deliver({ type: "bolt", state: state });
    },
  });
  const button = inputs.startProgramButton({
    onChange: function (pressed) {
      deliver({ type: "program", down: pressed });
    },
  });
  const memory: LockShellMemory = { lock: null, store: newStoreMemory(), boot: { bolt: bolts.read(), programHeld: button.read() } };
  inputs.startKeypad({
    onKey: function (key: Key) {
      deliver({ type: "key", key: key });
      if (afterKey) afterKey();
    },
  });
  // power-up
  engine = wake(memory, fallAsleep);
  if (engine.idle()) engine = undefined;

  return {
    status: function () {
      const e = engine || wake(memory, fallAsleep);
      return e.status();
    },
    awake: function () {
      return engine !== undefined;
    },
  };
}
