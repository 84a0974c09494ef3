// What each chip allows, as Espruino's build for it sees it: which pin names exist, which can read analog
// voltages, which can sound the buzzer, and the limits a board file must respect. Sources: Espruino's
// boards/PICO_R1_3.py, MDBT42Q.py, ESP32.py and pins/stm32f401*.csv, and targets/*/jshardware.c (2v29).

export interface ChipInfo {
  /** the Espruino board build these facts are read from */
  espruinoBuild: string;
  /** every pin name Espruino accepts on this chip */
  pins: ReadonlySet<string>;
  /** pins analogRead works on */
  adc: ReadonlySet<string>;
  /** pins `analogWrite(pin, v, {freq})` works on without {soft: true} */
  pwm: ReadonlySet<string>;
  /** pins that cannot drive an output */
  inputOnly: ReadonlySet<string>;
  /** pins without internal pull-up/pull-down: a watched input there floats */
  noPull: ReadonlySet<string>;
  /** pins a board must not use, with the reason */
  reserved: Readonly<Record<string, string>>;
  /** true where two watched pins may not share a number (STM32 EXTI lines: A0 and B0 conflict) */
  watchNumbersMustDiffer: boolean;
  /** how many pins setWatch can watch at once */
  maxWatches: number;
  /** false where E.getAnalogVRef() is NaN, so a board must give vref */
  hasAnalogVRef: boolean;
  /** largest E.enableWatchdog timeout Espruino accepts */
  maxWatchdogSeconds: number;
  /** JsVars this build has in total */
  jsVars: number;
  /** bytes of flash Storage (where .bootcde lives) */
  storageBytes: number;
  /** the board file's `radio` values this chip's Espruino can honour (none: no radio); the first is the default */
  radioModes: readonly RadioSetting[];
  /** why a radio value is missing from radioModes, for the build's error */
  radioLimit?: string;
}

/** A board file's `radio`: who can reach the console over the air (docs/security.md). */
export type RadioSetting = "off" | "paired" | "open";

function pinRange(port: string, from: number, to: number): string[] {
  const names: string[] = [];
  for (let n = from; n <= to; n++) names.push(port + n);
  return names;
}

function set(...groups: (string | string[])[]): ReadonlySet<string> {
  return new Set(groups.flat());
}

// STM32F401CDU6 (UQFN48) on the Espruino Pico: the package has no B11 and only C13-C15 of port C.
const picoPins = set(pinRange("A", 0, 15), pinRange("B", 0, 10), pinRange("B", 12, 15), "C13", "C14", "C15", "H0", "H1");

const stm32f401: ChipInfo = {
  espruinoBuild: "PICO_R1_3",
  pins: picoPins,
  // ADC1_IN0-9
  adc: set(pinRange("A", 0, 7), "B0", "B1"),
  // pins with a timer channel (TIMx_CHy or its negated CHyN, which Espruino also drives); A4, A12-A14, B2,
  // B12, C13-C15, H0, H1 have none
  pwm: set("A0", "A1", "A2", "A3", "A5", "A6", "A7", "A8", "A9", "A10", "A11", "A15",
    "B0", "B1", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B10", "B13", "B14", "B15"),
  inputOnly: set(),
  noPull: set(),
  reserved: {
    C13: "the Pico's BTN1: holding it at power-up makes Espruino skip the saved code",
    A9: "connected directly to USB 5V on the Pico",
    A11: "USB D- on the Pico",
    A12: "USB D+ on the Pico",
    B6: "the Pico's serial console TX when USB is disconnected",
    B7: "the Pico's serial console RX when USB is disconnected",
    C14: "the Pico's 32 kHz RTC crystal pads",
    C15: "the Pico's 32 kHz RTC crystal pads",
    H0: "the Pico's main crystal",
    H1: "the Pico's main crystal",
  },
  watchNumbersMustDiffer: true,
  maxWatches: 16,
  hasAnalogVRef: true,
  // IWDG reload is 12 bits at LSI/256, and Espruino assumes a 40 kHz LSI: 4095 * 256 / 40000 s
  maxWatchdogSeconds: 26,
  jsVars: 5100,
  storageBytes: 3 * 16384,
  radioModes: [],
};

// nRF52832 as on the MDBT42Q module: any pin can carry a hardware PWM channel (3 PWM blocks route anywhere).
const nrf52832: ChipInfo = {
  espruinoBuild: "MDBT42Q",
  pins: set(pinRange("D", 0, 31)),
  adc: set("D2", "D3", "D4", "D5", "D28", "D29", "D30", "D31"),
  pwm: set(pinRange("D", 0, 31)),
  inputOnly: set(),
  noPull: set(),
  reserved: {
    D0: "the MDBT42Q's BTN1: holding it at power-up makes Espruino skip the saved code",
    D6: "the MDBT42Q's serial console TX (enabled when D8 is high at power-up)",
    D8: "the MDBT42Q's serial console RX: high at power-up turns the console on and keeps the fast clock running",
    D9: "NFC antenna pin, configured for NFC by Espruino",
    D10: "NFC antenna pin, configured for NFC by Espruino",
    D21: "the nRF52832's reset pin",
  },
  watchNumbersMustDiffer: false,
  // Espruino's nRF52 builds allocate 8 GPIOTE events for watches
  maxWatches: 8,
  hasAnalogVRef: true,
  // the hardware allows far more (CRV counts 32 kHz ticks in 32 bits): an hour is a sanity bound
  maxWatchdogSeconds: 3600,
  jsVars: 2950,
  storageBytes: 10 * 4096,
  // Bluetooth LE, open by default in Espruino (advertising, the Nordic UART console); NRF.setSecurity bonds
  radioModes: ["off", "paired", "open"],
};

// ESP32 (WROOM-32 module): GPIO20, 24 and 28-31 do not exist; ADC2 is unsupported by Espruino, so only ADC1
// (D32-D39) reads analog; D34-D39 are input-only and have no pull resistors; LEDC PWM on any output pin.
const esp32Pins = set(pinRange("D", 0, 19), pinRange("D", 21, 23), pinRange("D", 25, 27), pinRange("D", 32, 39));
const esp32InputOnly = set(pinRange("D", 34, 39));

const esp32: ChipInfo = {
  espruinoBuild: "ESP32",
  pins: esp32Pins,
  adc: set(pinRange("D", 32, 39)),
  pwm: set([...esp32Pins].filter((p) => !esp32InputOnly.has(p))),
  inputOnly: esp32InputOnly,
  noPull: esp32InputOnly,
  reserved: {
    D0: "Espruino's BTN1 on ESP32, defined inverted (reads and pulls are negated), and a boot strapping pin",
    D1: "UART0 TX, Espruino's serial console",
    D3: "UART0 RX, Espruino's serial console",
    D6: "connected to the module's SPI flash",
    D7: "connected to the module's SPI flash",
    D8: "connected to the module's SPI flash",
    D9: "connected to the module's SPI flash",
    D10: "connected to the module's SPI flash",
    D11: "connected to the module's SPI flash",
  },
  watchNumbersMustDiffer: false,
  maxWatches: 40,
  // E.getAnalogVRef() returns NaN on ESP32
  hasAnalogVRef: false,
  // the task watchdog takes whole seconds with no small limit: an hour is a sanity bound
  maxWatchdogSeconds: 3600,
  jsVars: 16383,
  storageBytes: 224 * 4096,
  // Bluetooth LE (on by default in Espruino's ESP32 build, with the UART console) and WiFi (Telnet console)
  radioModes: ["off", "open"],
  radioLimit: "Espruino 2v29 has no NRF.setSecurity on ESP32, so no bonded, encrypted console can be had",
};

export const CHIPS: Readonly<Record<string, ChipInfo>> = { stm32f401, nrf52832, esp32 };

/** the number in a pin name ("B13" -> 13) */
export function pinNumber(pin: string): number {
  let i = 0;
  while (i < pin.length && (pin[i] < "0" || pin[i] > "9")) i++;
  return Number(pin.slice(i));
}
