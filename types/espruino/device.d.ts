// Espruino's device APIs, exactly those the image may use (../shared/REFERENCE-BOARD.md, "The firmware
// image"). Shared by the firmware typecheck (with lib.d.ts) and the host typecheck (with Node's lib),
// so it declares nothing Node also declares (timers, console, require, process live in lib.d.ts).

/** A pin global such as B13, or its name as a string. */
interface Pin {}
type PinLike = Pin | string;

type PinMode = "input" | "input_pullup" | "input_pulldown" | "output" | "opendrain" | "af_output" | "analog" | "auto";
declare function pinMode(pin: PinLike, mode: PinMode, automatic?: boolean): void;
declare function digitalWrite(pin: PinLike, value: boolean | number): void;
declare function digitalRead(pin: PinLike): number;
declare function analogRead(pin: PinLike): number;
declare function analogWrite(pin: PinLike, value: number, options?: { freq?: number; soft?: boolean; forceSoft?: boolean }): void;

interface WatchEvent {
  state: boolean;
  time: number;
  lastTime: number;
}
interface WatchOptions {
  repeat?: boolean;
  edge?: "rising" | "falling" | "both";
  debounce?: number;
}
declare function setWatch(fn: (e: WatchEvent) => void, pin: PinLike, options?: WatchOptions): number;
declare function clearWatch(id: number): void;
/** STM32 only: let the idle loop enter STOP mode (a reset turns it off again). */
declare function setDeepSleep(on: boolean | number): void;
/** Espruino's console print (no Node equivalent: device-only code). */
declare function print(...data: any[]): void;
/** seconds since power-up, as a float */
declare function getTime(): number;
declare function changeInterval(id: number, ms: number): void;

interface EspruinoE {
  getAnalogVRef(): number;
  enableWatchdog(timeoutSeconds: number, isAuto?: boolean): void;
  kickWatchdog(): void;
  on(event: "init", fn: () => void): void;
  getErrorFlags(): string[];
  /** moves the console to `device` (null: none); `force` keeps it there when USB or a radio connects */
  setConsole(device: "Serial1" | "USB" | "Bluetooth" | null, options?: { force?: boolean }): void;
}
declare var E: EspruinoE;

/** Espruino's Bluetooth security options (NRF.setSecurity), those the image uses */
interface NrfSecurity {
  /** this side can show a passkey: with `passkey` given, the passkey the other side must enter */
  display?: boolean | number;
  mitm?: boolean | number;
  /** LE Secure Connections where the other side has them (pairing then resists eavesdropping) */
  lesc?: boolean | number;
  /** false: refuse every pairing request (bonded devices still reconnect) */
  pair?: boolean;
  /** six digits */
  passkey?: string;
}

/** The radio of an nRF52 board (only there: the board file's `radio` setting, hal/espruino/radio.ts). */
declare var NRF: {
  setServices(data: undefined | object, options: { uart?: boolean }): void;
  setSecurity(options: NrfSecurity): void;
  setAdvertising(data: object, options: { connectable?: boolean }): void;
  sleep(): void;
  wake(): void;
  disconnect(): void;
};

interface StorageLib {
  read(name: string, offset?: number, length?: number): string | undefined;
  readJSON(name: string, noExceptions?: boolean): any;
  write(name: string, data: string, offset?: number, size?: number): boolean;
  writeJSON(name: string, data: any): boolean;
  erase(name: string): void;
  list(regex?: any, filter?: any): string[];
  getFree(): number;
  getStats(): { totalBytes: number; freeBytes: number; fileBytes: number; fileCount: number; trashBytes: number; trashCount: number };
  compact(): void;
}

/** require("Flash") (src/jswrap_flash.c): raw flash, only on a region a board declares and the build validates */
interface FlashLib {
  getFree(): { addr: number; length: number }[];
  getPage(addr: number): { addr: number; length: number } | undefined;
  erasePage(addr: number): void;
  /** any alignment; programming can only clear bits */
  write(data: string | number[] | Uint8Array, addr: number): void;
  read(length: number, addr: number): Uint8Array;
}

// Espruino's process.memory() (declared for the firmware in lib.d.ts). On the host typecheck `process`
// is Node's, which has no `memory`: the device entry (firmware/main.ts) is typechecked there too.
declare namespace NodeJS {
  interface Process {
    memory(gc?: boolean): { free: number; usage: number; total: number };
  }
}
