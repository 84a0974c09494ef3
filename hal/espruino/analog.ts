// ADC readings in volts and amps. analogRead gives 0..1 of the ADC reference, which comes from the
// board file, else from E.getAnalogVRef(), else (NaN on ESP32) 3.3 V.
import type { BatteryGauge, CurrentSensor } from "../types";

export function analogVref(configured: number | null): number {
  if (typeof configured === "number" && !isNaN(configured)) return configured;
  const measured = E.getAnalogVRef();
  return typeof measured === "number" && !isNaN(measured) ? measured : 3.3;
}

/** pack volts = analogRead * vref * dividerRatio */
export function createBatteryGauge(pin: Pin, dividerRatio: number, vref: number): BatteryGauge {
  return {
    read: function () {
      return analogRead(pin) * vref * dividerRatio;
    },
  };
}

/** amps = analogRead * vref / voltsPerAmp */
export function createCurrentSensor(pin: Pin, voltsPerAmp: number, vref: number): CurrentSensor {
  return {
    read: function () {
      return (analogRead(pin) * vref) / voltsPerAmp;
    },
  };
}
