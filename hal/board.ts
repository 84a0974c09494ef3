// What a board gives the HAL: its pins and electrical facts. In a board file (boards/*.json) pins are
// names ("B13"); in the built image they are Espruino's pin globals (B13), put there by the build.

export interface MatrixKeypadWiring<P> {
  type: "matrix";
  /** inputs with pull-up, watched; a pressed key pulls its row low */
  rows: P[];
  /** outputs held low while waiting for a key */
  cols: P[];
  /** key legends row by row ("123456789*0#"): `*` is CLEAR, `#` is LOCK */
  keys: string;
  debounceMs: number;
}

export interface PinPerKeyWiring<P> {
  type: "pins";
  /** one input per key, pull-up, pressed = low; pins[i] carries keys[i] */
  pins: P[];
  keys: string;
  debounceMs: number;
}

export interface BoardWiring<P> {
  name: string;
  keypad: MatrixKeypadWiring<P> | PinPerKeyWiring<P>;
  programButton: { pin: P; activeLow: boolean; debounceMs: number };
  motor: { in1: P; in2: P };
  bolt: { retracted: P; extended: P; activeLow: boolean; debounceMs: number };
  /** amps = analogRead * vref / voltsPerAmp; absent on boards without current sense */
  current?: { pin: P; voltsPerAmp: number };
  /** pack volts = analogRead * vref * dividerRatio */
  battery: { pin: P; dividerRatio: number };
  /** ADC reference in volts; null = ask E.getAnalogVRef(), using 3.3 where that is not a number */
  vref: number | null;
  leds: { red: P; green: P; activeHigh: boolean };
  buzzer: { pin: P; freq: number };
  /** 0 = the board has no watchdog worth enabling */
  watchdogSeconds: number;
}
