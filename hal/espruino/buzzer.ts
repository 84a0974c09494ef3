// A piezo: PWM at half duty sounds it, a low output silences it. No pinMode here on purpose: on a pin
// set by pinMode, Espruino's digitalWrite does not stop a running PWM, so the buzzer would not stop.
import type { Buzzer } from "../types";

export function createBuzzer(pin: Pin, freq: number): Buzzer {
  const pwm = { freq: freq };
  digitalWrite(pin, 0);
  return {
    write: function (on: boolean) {
      if (on) analogWrite(pin, 0.5, pwm);
      else digitalWrite(pin, 0);
    },
  };
}
