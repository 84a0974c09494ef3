// What each chip's Espruino 2v29 does when it has nothing to do, as far as power goes: which sleep it can
// reach, what keeps it out of the deepest one, and what a deep-sleep round trip costs. Read from Espruino's
// source (espruino/Espruino at c5ff787, the 2v29.277 line) and the chips' datasheets; docs/power.md says
// where each figure comes from. Host code only: used by the fake Espruino (./power.ts) and the bench.

export type ChipFamily = "stm32" | "nrf52" | "esp32";

export interface ChipPowerFacts {
  family: ChipFamily;
  /** the CPU clock Espruino runs it at, for scaling a CPU time measured elsewhere */
  clockMHz: number;
  /** the global setDeepSleep exists (STM32 only); deep sleep is then off until the image turns it on */
  hasSetDeepSleep: boolean;
  /** the image may use the NRF object (nRF52) */
  hasNrf: boolean;
  /**
   * what an idle chip does: "stop" = STM32 STOP mode when setDeepSleep(1) and nothing blocks it, else
   * ordinary sleep; "low-power" = nRF52 System ON idle (everything but the 32 kHz clock off) unless a
   * peripheral needs the fast clock; "sleep" = the CPU idles with its clocks running (ESP32 2v29)
   */
  idle: "stop" | "low-power" | "sleep";
  /** STM32: STOP only when the next timer is further away than this (jshSleep: 32 RTC ticks, about 1 ms) */
  deepSleepThresholdMs: number;
  /** STM32: no STOP until the RTC is set up, 10 SysTicks (about 2 s) after power-up */
  rtcReadyMs: number;
  /** STM32: CPU time at full clock spent entering STOP (switching USB off: a 3 ms busy wait) */
  stopEntryMs: number;
  /** STM32: time from a wake-up event until JavaScript runs (crystal start-up, PLL, USB back on: 3 ms) */
  stopExitMs: number;
  /**
   * where console output goes on battery: a serial port at this baud rate, which keeps the chip out of
   * deep sleep while it sends (STM32: Serial1 at 9600 when USB is not connected); undefined: nowhere that
   * costs anything (nRF52 opens its UART only when RX is high at power-up)
   */
  consoleBaud: number | undefined;
  /** hardware PWM keeps a fast clock running: the chip can only sleep with it on (nRF52 "Sleep with HSE on") */
  pwmKeepsClock: boolean;
  /** internal pull-up resistance (typical), for the current through a pulled-up input held low */
  pullUpOhms: number;
  /** supply voltage of the chip's pins */
  vddVolts: number;
  /** pin numbers no watch can wake the chip from deep sleep on (STM32: EXTI line 9 is taken for USB sense, A9) */
  unwakeablePinNumbers: number[];
  /** the pin that reads high while USB is plugged in (the Pico's A9 is wired to USB 5 V) */
  usbSensePin: string | undefined;
}

const stm32f401: ChipPowerFacts = {
  family: "stm32",
  clockMHz: 84,
  hasSetDeepSleep: true,
  hasNrf: false,
  idle: "stop",
  deepSleepThresholdMs: 1,
  rtcReadyMs: 2000,
  stopEntryMs: 3,
  stopExitMs: 5,
  consoleBaud: 9600,
  pwmKeepsClock: false,
  pullUpOhms: 40000,
  vddVolts: 3.3,
  unwakeablePinNumbers: [9],
  usbSensePin: "A9",
};

const nrf52832: ChipPowerFacts = {
  family: "nrf52",
  clockMHz: 64,
  hasSetDeepSleep: false,
  hasNrf: true,
  idle: "low-power",
  deepSleepThresholdMs: 0,
  rtcReadyMs: 0,
  stopEntryMs: 0,
  stopExitMs: 0,
  consoleBaud: undefined,
  pwmKeepsClock: true,
  pullUpOhms: 13000,
  vddVolts: 3.3,
  unwakeablePinNumbers: [],
  usbSensePin: undefined,
};

const esp32: ChipPowerFacts = {
  family: "esp32",
  clockMHz: 160,
  hasSetDeepSleep: false,
  hasNrf: false,
  idle: "sleep",
  deepSleepThresholdMs: 0,
  rtcReadyMs: 0,
  stopEntryMs: 0,
  stopExitMs: 0,
  consoleBaud: undefined,
  pwmKeepsClock: false,
  pullUpOhms: 45000,
  vddVolts: 3.3,
  unwakeablePinNumbers: [],
  usbSensePin: undefined,
};

/** by the chip names of tools/boards/chips.ts */
export const CHIP_POWER: Readonly<Record<string, ChipPowerFacts>> = { stm32f401, nrf52832, esp32 };
