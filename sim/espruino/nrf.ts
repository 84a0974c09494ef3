// The fake Espruino's `NRF` object for nRF52 boards: records every call an image makes and keeps the radio's
// state as Espruino 2v29 does (libs/bluetooth/jswrap_bluetooth.c): advertising from power-up, off after
// NRF.sleep() (which also drops a connection), advertising again after NRF.wake(), connected while a central
// is connected. A test plays the central with connect()/disconnect(). Security (bonding, passkeys,
// whitelists) is only recorded here. Host code only.
import type { RadioState } from "./power";

export interface NrfCall {
  /** virtual ms */
  at: number;
  name: string;
  args: unknown[];
}

/** what a test sees and does on the radio side */
export interface FakeNrfControl {
  state(): RadioState;
  /** every NRF call the image made, in order */
  calls(): NrfCall[];
  /** the options of the last setAdvertising call, if any */
  advertisingOptions(): Record<string, unknown> | undefined;
  /** a central connects: true when the board was advertising and connectable */
  connect(address?: string): boolean;
  /** the central goes away */
  disconnect(): void;
}

export interface FakeNrf {
  /** the global `NRF` the image sees */
  api: Record<string, Function>;
  control: FakeNrfControl;
}

export interface FakeNrfDeps {
  now(): number;
  /** runs an event handler the image registered, as Espruino runs a callback */
  run(fn: Function, args: unknown[]): void;
  /** the radio is about to change state (the power model accounts the time so far) */
  beforeChange(): void;
}

export function createFakeNrf(deps: FakeNrfDeps): FakeNrf {
  const calls: NrfCall[] = [];
  const handlers: Record<string, Function[]> = {};
  let sleeping = false;
  let connectable = true;
  let central: string | undefined;
  let advertising: Record<string, unknown> | undefined;

  function state(): RadioState {
    return central !== undefined ? "connected" : sleeping ? "off" : "advertising";
  }

  function record(name: string, args: unknown[]) {
    calls.push({ at: deps.now(), name, args });
  }

  function emit(event: string, args: unknown[]) {
    for (const fn of (handlers[event] || []).slice()) deps.run(fn, args);
  }

  function drop(reason: number) {
    if (central === undefined) return;
    deps.beforeChange();
    central = undefined;
    emit("disconnect", [reason]);
  }

  const api: Record<string, Function> = {
    setServices: function (...args: unknown[]) {
      record("setServices", args);
    },
    setSecurity: function (...args: unknown[]) {
      record("setSecurity", args);
    },
    setWhitelist: function (...args: unknown[]) {
      record("setWhitelist", args);
    },
    setAdvertising: function (...args: unknown[]) {
      record("setAdvertising", args);
      const options = args[1];
      advertising = options && typeof options === "object" ? { ...(options as Record<string, unknown>) } : {};
      connectable = advertising.connectable !== false;
    },
    sleep: function () {
      record("sleep", []);
      deps.beforeChange();
      sleeping = true;
      drop(0x16); // local host terminated the connection
    },
    wake: function () {
      record("wake", []);
      deps.beforeChange();
      sleeping = false;
    },
    disconnect: function () {
      record("disconnect", []);
      drop(0x16);
    },
    on: function (event: unknown, fn: unknown) {
      record("on", [event]);
      if (typeof event !== "string" || typeof fn !== "function") throw new Error("NRF.on needs an event name and a function");
      (handlers[event] = handlers[event] || []).push(fn);
    },
  };

  const control: FakeNrfControl = {
    state,
    calls: () => calls.slice(),
    advertisingOptions: () => (advertising ? { ...advertising } : undefined),
    connect: function (address = "aa:bb:cc:dd:ee:ff public") {
      if (state() !== "advertising" || !connectable) return false;
      deps.beforeChange();
      central = address;
      emit("connect", [address]);
      return true;
    },
    disconnect: function () {
      drop(0x13); // remote user terminated the connection
    },
  };
  return { api, control };
}
