// An LED on an output pin; starts off.
import type { Led } from "../types";

export function createLed(pin: Pin, activeHigh: boolean): Led {
  function write(on: boolean) {
    digitalWrite(pin, on === activeHigh ? 1 : 0);
  }
  pinMode(pin, "output");
  write(false);
  return { write: write };
}
