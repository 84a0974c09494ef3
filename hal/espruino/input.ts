// Shared by the switch inputs: the pull that holds an input inactive, and reading it as pressed/closed.

/** pull-up when the switch pulls the pin low, pull-down when it pulls it high */
export function setupInput(pin: Pin, activeLow: boolean): void {
  pinMode(pin, activeLow ? "input_pullup" : "input_pulldown");
}

/** true while the switch is closed */
export function isActive(pin: Pin, activeLow: boolean): boolean {
  return (digitalRead(pin) ? true : false) !== activeLow;
}

/** clearWatch throws for undefined (a watch Espruino refused), so only a real id is cleared */
export function unwatch(id: number | undefined): void {
  if (id) clearWatch(id);
}
