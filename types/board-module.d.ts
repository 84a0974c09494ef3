// The board and the config the image is built for. In the image the build writes every `BOARD.x.y`
// and `CFG.x` in place as a literal (tools/boards/image-defines.ts): they take no RAM on the board,
// and a reference to `BOARD` or `CFG` as a whole is a build error. Host tests install objects of
// these shapes as globals (test/support/config.ts).

declare const CFG: import("../firmware/config").LockConfig;

declare const BOARD: {
  name: string;
  /** who can reach the console over the air (docs/security.md); "none" on a chip without a radio */
  radio: "off" | "paired" | "open" | "none";
  keypad: {
    type: "matrix" | "pins";
    /** matrix: inputs with pull-up, watched; a pressed key pulls its row low */
    rows: Pin[];
    /** matrix: open-drain outputs, all low while waiting for a key */
    cols: Pin[];
    /** one pin per key: inputs with pull-up, pressed = low */
    pins: Pin[];
    /** legends in key order ("123456789*0#"): `*` is CLEAR, `#` is LOCK */
    keys: string;
    debounceMs: number;
  };
  programButton: { pin: Pin; activeLow: boolean; debounceMs: number };
  motor: { in1: Pin; in2: Pin };
  bolt: { retracted: Pin; extended: Pin; activeLow: boolean; debounceMs: number };
  /** amps = analogRead * vref / voltsPerAmp; false on a board without current sense */
  current: false | { pin: Pin; voltsPerAmp: number };
  /** pack volts = analogRead * vref * dividerRatio */
  battery: { pin: Pin; dividerRatio: number };
  /** ADC reference in volts; null = ask E.getAnalogVRef(), using 3.3 where that is not a number */
  vref: number | null;
  leds: { red: Pin; green: Pin; activeHigh: boolean };
  buzzer: { pin: Pin; freq: number };
  /** 0 = the board has no watchdog worth enabling */
  watchdogSeconds: number;
  /** where firmware/journal.ts keeps the record and the event log (tools/journal/validate.ts JournalConstants) */
  journal: {
    /** the Storage area: first byte, one past the last */
    storage: number;
    storageEnd: number;
    /** the raw region outside Storage: first page, how many, their size (0 pages: none) */
    raw: number;
    rawPages: number;
    rawPage: number;
    /** Storage's page size when the whole pages of the file lk.j are units too; 0: no arena */
    arenaPage: number;
    /** bytes of each page used as one unit */
    unit: number;
  };
  /** the chip has setDeepSleep (STM32): deep sleep is off until the image turns it on */
  deepSleep: boolean;
  /** the name of a pin that reads high while USB power is connected (the Pico's "A9"), where the chip has one */
  usbSense: string | false;
};
