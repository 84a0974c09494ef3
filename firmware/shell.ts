// The shell: what stays in RAM for the life of the lock. It starts the inputs that wake the lock
// (keypad, Program, bolt switches) and keeps the lock's state as plain data. An input wakes the lock:
// `wake` makes the awake lock (engine.ts) from that data, and the engine hands itself back when
// nothing is in progress any more. While the lock sleeps only the inputs' watches and the data are
// in RAM; the code of everything else stays in flash (on a board: awake.ts, made at each wake-up).
//
// On Espruino a closure keeps every local of the call that made it, so the functions below that make
// closures take only what those closures need; the inputs' own handles are not kept.
import type { BoltState, HalInputs, Key } from "../hal/types";
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

interface Core extends LockShell {
  memory: LockShellMemory;
  deliver(event: LockEvent): void;
  /** an input's own pin read threw: the engine stops the motor and carries on */
  fault(err: unknown): void;
  /** powers the lock up: once, after memory.boot is set */
  powerUp(): void;
}

function createCore(wake: WakeLock): Core {
  const memory: LockShellMemory = { lock: null, store: newStoreMemory(), boot: null };
  let engine: LockEngine | undefined;

  function fallAsleep() {
    engine = undefined;
  }

  return {
    memory: memory,
    deliver: function (event) {
      if (!engine) engine = wake(memory, fallAsleep);
      engine.dispatch(event);
    },
    fault: function (err) {
      if (!engine) engine = wake(memory, fallAsleep);
      engine.fault(err);
    },
    powerUp: function () {
      engine = wake(memory, fallAsleep);
      if (engine.idle()) engine = undefined;
    },
    status: function () {
      // asleep: a lock made just to answer, dropped again at once
      return (engine || wake(memory, fallAsleep)).status();
    },
    awake: function () {
      return engine !== undefined;
    },
  };
}

/** the inputs' callbacks: each keeps only what it needs */
function callbacks(deliver: (event: LockEvent) => void, fault: (err: unknown) => void, afterKey?: () => void) {
  return {
    error: fault,
    bolt: function (state: BoltState) {
      deliver({ type: "bolt", state: state });
    },
    program: function (pressed: boolean) {
      deliver({ type: "program", down: pressed });
    },
    key: function (key: Key) {
      deliver({ type: "key", key: key });
      if (afterKey) afterKey();
    },
  };
}

/** `afterKey`, if given, runs after each key press is handled (main checks Espruino's error flags there). */
export function startLock(inputs: HalInputs, wake: WakeLock, afterKey?: () => void): LockShell {
  const core = createCore(wake);
  const on = callbacks(core.deliver, core.fault, afterKey);
  const bolts = inputs.startBoltSensor({ onChange: on.bolt, onError: on.error });
  const button = inputs.startProgramButton({ onChange: on.program });
  core.memory.boot = { bolt: bolts.read(), programHeld: button.read() };
  inputs.startKeypad({ onKey: on.key, onError: on.error });
  core.powerUp();
  return { status: core.status, awake: core.awake };
}
