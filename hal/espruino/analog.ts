// ADC readings in volts and amps. analogRead gives 0..1 of the ADC reference, which comes from the
// board file, else from E.getAnalogVRef(), else (NaN on ESP32) 3.3 V.

/** pack volts = analogRead * vref * dividerRatio */
export function batteryVolts(): number {
  const vref = BOARD.vref !== null ? BOARD.vref : E.getAnalogVRef() > 0 ? E.getAnalogVRef() : 3.3;
  return analogRead(BOARD.battery.pin) * vref * BOARD.battery.dividerRatio;
}

/** amps = analogRead * vref / voltsPerAmp; NaN on a board without current sense */
export function motorAmps(): number {
  const vref = BOARD.vref !== null ? BOARD.vref : E.getAnalogVRef() > 0 ? E.getAnalogVRef() : 3.3;
  return BOARD.current ? (analogRead(BOARD.current.pin) * vref) / BOARD.current.voltsPerAmp : NaN;
}
