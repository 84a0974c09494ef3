// The fake Espruino's Bluetooth LE radio: the global `NRF` an image sees on nRF52 boards, and the far side a test
// plays (a central: a phone or an attacker's laptop). It records every call and keeps the radio's state as
// Espruino 2v29 does (libs/bluetooth/jswrap_bluetooth.c, targets/nrf5x/bluetooth.c): advertising and connectable
// from power-up with the Nordic UART service open; NRF.sleep() stops advertising and drops a connection; a
// connection moves an unforced console to Bluetooth.
//
// Security, as far as it decides who reaches the console:
//  - the UART's presence (setServices {uart}) and its protection (setSecurity: mitm, passkey, or encryptUart
//    make it need an encrypted link, MITM-protected with mitm or a passkey) change only when the Bluetooth
//    stack restarts: at once when nothing is connected, else when the central has gone;
//  - writing to the UART needs that protection from the link; a bonded central encrypts the link with its
//    keys by itself (as a phone does on "insufficient authentication"), an unbonded one must pair first;
//  - pairing is refused with setSecurity {pair: false}; with mitm it needs the passkey the board shows (the
//    static `passkey`, else a random one the central cannot know); without mitm it is "Just Works";
//  - bonds are kept in the chip's flash across power-ups (the `bonds` set the caller keeps).
// The whitelist is only recorded: Espruino 2v29 advertises with filter policy "any", so it never stops a
// connection. On ESP32 the same radio has no `NRF` for the image (REFERENCE-BOARD.md allows it only on nRF52).
// Not modelled: link-layer timing (a disconnection takes effect at once here), LESC against legacy pairing.
// Host code only.
import type { ConsoleModel } from "./console";
import type { RadioState } from "./power";

export interface NrfCall {
  /** virtual ms */
  at: number;
  name: string;
  args: unknown[];
}

/** what a central's write to the UART came to */
export type UartWrite = "sent" | "not connected" | "no uart" | "needs an encrypted, MITM-protected link" | "needs an encrypted link";

/** what a pairing attempt came to */
export type Pairing = "bonded" | "paired" | "not connected" | "refused" | "wrong passkey";

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
  /** the connected central pairs, entering `passkey` if the board asks for one */
  pair(passkey?: string): Pairing;
  /** the connected central writes to the UART's RX characteristic (typed at the console when it is there) */
  type(text: string): UartWrite;
  /** the UART service is there now (in the running Bluetooth stack) */
  uart(): boolean;
  /** centrals bonded with this chip */
  bonds(): string[];
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
  console: ConsoleModel;
  /** bonded centrals and whether each bond is MITM-protected, kept in the chip's flash (the caller keeps the
   * map across power-ups) */
  bonds: Map<string, boolean>;
}

/** "none": the UART is open; "enc": it needs an encrypted link; "mitm": encrypted and MITM-protected */
type UartGuard = "none" | "enc" | "mitm";

interface Stack {
  uart: boolean;
  guard: UartGuard;
}

function truthy(v: unknown): boolean {
  return v !== undefined && v !== null && v !== false && v !== 0 && v !== "";
}

export function createFakeNrf(deps: FakeNrfDeps): FakeNrf {
  const calls: NrfCall[] = [];
  const handlers: Record<string, Function[]> = {};
  let sleeping = false;
  let connectable = true;
  let central: { address: string; encrypted: boolean; mitm: boolean } | undefined;
  let advertising: Record<string, unknown> | undefined;
  let security: Record<string, unknown> = {};
  /** what the image asked for, and what the running stack has */
  const wanted: Stack = { uart: true, guard: "none" };
  let live: Stack = { ...wanted };

  function state(): RadioState {
    return central !== undefined ? "connected" : sleeping ? "off" : "advertising";
  }

  function record(name: string, args: unknown[]) {
    calls.push({ at: deps.now(), name, args });
  }

  function emit(event: string, args: unknown[]) {
    for (const fn of (handlers[event] || []).slice()) deps.run(fn, args);
  }

  /** Espruino restarts the Bluetooth stack for a new UART or protection, at once or once disconnected */
  function restartIfIdle() {
    if (central === undefined) live = { ...wanted };
  }

  function drop(reason: number) {
    if (central === undefined) return;
    deps.beforeChange();
    central = undefined;
    deps.console.disconnected("Bluetooth");
    restartIfIdle();
    emit("disconnect", [reason]);
  }

  function guardOf(options: Record<string, unknown>): UartGuard {
    const passkey = typeof options.passkey === "string" && options.passkey !== "";
    if (truthy(options.mitm) || passkey || truthy(options.oob)) return "mitm";
    return truthy(options.encryptUart) ? "enc" : "none";
  }

  const api: Record<string, Function> = {
    setServices: function (...args: unknown[]) {
      record("setServices", args);
      const options = args[1] as Record<string, unknown> | undefined;
      wanted.uart = !(options && options.uart === false);
      restartIfIdle();
    },
    setSecurity: function (...args: unknown[]) {
      record("setSecurity", args);
      const options = args[0];
      security = options && typeof options === "object" ? { ...(options as Record<string, unknown>) } : {};
      wanted.guard = guardOf(security);
      restartIfIdle();
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
      central = { address, encrypted: false, mitm: false };
      if (live.uart) deps.console.connected("Bluetooth");
      emit("connect", [address]);
      return true;
    },
    disconnect: function () {
      drop(0x13); // remote user terminated the connection
    },
    pair: function (passkey?: string) {
      if (!central) return "not connected";
      if (security.pair === false) return "refused";
      const mitm = truthy(security.mitm) || (typeof security.passkey === "string" && security.passkey !== "");
      // with MITM protection the central must enter the passkey the board shows: the static one, or a random
      // one only a display on the board could tell (this board has none)
      if (mitm && (typeof security.passkey !== "string" || passkey !== security.passkey)) return "wrong passkey";
      central.encrypted = true;
      central.mitm = mitm;
      if (security.bond === false) return "paired";
      deps.bonds.set(central.address, mitm);
      return "bonded";
    },
    type: function (text: string) {
      if (!central) return "not connected";
      if (!live.uart) return "no uart";
      const bond = deps.bonds.get(central.address);
      if (live.guard !== "none" && !central.encrypted && bond !== undefined) {
        // a bonded central encrypts with the keys it keeps; MITM-protected if the bond was made so
        central.encrypted = true;
        central.mitm = bond;
      }
      if (live.guard === "mitm" && !(central.encrypted && central.mitm)) return "needs an encrypted, MITM-protected link";
      if (live.guard === "enc" && !central.encrypted) return "needs an encrypted link";
      deps.console.input("Bluetooth", text);
      return "sent";
    },
    uart: () => live.uart,
    bonds: () => [...deps.bonds.keys()],
  };
  return { api, control };
}
