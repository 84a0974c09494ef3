// Where the fake Espruino's console is, as Espruino 2v29 keeps it (src/jsinteractive.c jsiSetConsoleDevice and
// the idle loop): one device at a time, possibly forced there. A radio connection moves an unforced console to
// itself and its end moves it back (targets/nrf5x/bluetooth.c, BLE_GAP_EVT_CONNECTED/DISCONNECTED). Input is an
// IO event handled when the interpreter is next idle, and runs as code only if it came from the device that is
// the console then; from any other device it is that device's data and never runs. Host code only.

export type ConsoleDevice = "Serial1" | "USB" | "Bluetooth" | "Telnet" | null;

export interface ConsoleCall {
  at: number;
  device: ConsoleDevice;
  force: boolean;
}

/** one piece of input from a device, once the idle loop has handled it */
export interface ConsoleInput {
  at: number;
  from: ConsoleDevice;
  text: string;
  /** it ran as code at the console */
  ran: boolean;
}

export interface ConsoleView {
  device(): ConsoleDevice;
  forced(): boolean;
  /** the image's E.setConsole calls */
  calls(): ConsoleCall[];
  /** input handled so far, in order */
  inputs(): ConsoleInput[];
}

export interface ConsoleModel extends ConsoleView {
  /** E.setConsole(device, {force}) */
  set(device: ConsoleDevice, force: boolean): void;
  /** a connection on `device` takes the console unless it is forced elsewhere */
  connected(device: ConsoleDevice): void;
  /** that connection ended: an unforced console on it goes back to the preferred device */
  disconnected(device: ConsoleDevice): void;
  /** input arrives from `from`: queued as an IO event, handled at the next idle moment */
  input(from: ConsoleDevice, text: string): void;
}

export interface ConsoleDeps {
  now(): number;
  /** queues fn as an IO event (the scheduler's pin-event queue: before any timer) */
  queue(fn: () => void): void;
  /** runs text as code typed at the console; undefined while no image is bound */
  evaluate(): ((text: string) => void) | undefined;
}

export function createConsole(deps: ConsoleDeps, preferred: ConsoleDevice = "Serial1"): ConsoleModel {
  let device: ConsoleDevice = preferred;
  let forced = false;
  const calls: ConsoleCall[] = [];
  const handled: ConsoleInput[] = [];

  return {
    device: () => device,
    forced: () => forced,
    calls: () => calls.slice(),
    inputs: () => handled.slice(),
    set(to, force) {
      calls.push({ at: deps.now(), device: to, force });
      device = to;
      forced = force;
    },
    connected(on) {
      if (!forced) device = on;
    },
    disconnected(on) {
      if (device === on && !forced) device = preferred;
    },
    input(from, text) {
      deps.queue(function () {
        const evaluate = deps.evaluate();
        const ran = from === device && evaluate !== undefined;
        handled.push({ at: deps.now(), from, text, ran });
        if (ran) (evaluate as (text: string) => void)(text);
      });
    },
  };
}
