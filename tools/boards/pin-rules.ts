// What each pin of a board is used for, and whether the chip allows it: a pin exists, is free, is used once,
// reads analog where it must, does PWM for the buzzer, drives outputs only where it can, and can be watched.
import type { BoardWiring } from "../../hal/board";
import { CHIP_POWER } from "../../sim/espruino/chip-power";
import { ChipInfo, pinNumber } from "./chips";

/** watched: a pulled input under setWatch; output: driven; analog: read with analogRead */
export type PinUse = "watched" | "output" | "analog";

export interface PinRole {
  /** where the pin is in the board file, as "keypad.rows[2]" */
  field: string;
  pin: string;
  use: PinUse;
  /** sounded with analogWrite(pin, v, {freq}) */
  pwm: boolean;
}

/** the roles of the parts given (a board file with a broken part still has its other pins checked) */
export function pinRoles(w: Partial<BoardWiring<string>>): PinRole[] {
  const roles: PinRole[] = [];
  const add = (field: string, pin: string, use: PinUse, pwm = false) => roles.push({ field, pin, use, pwm });
  if (w.keypad?.type === "matrix") {
    w.keypad.rows.forEach((pin, i) => add("keypad.rows[" + i + "]", pin, "watched"));
    w.keypad.cols.forEach((pin, i) => add("keypad.cols[" + i + "]", pin, "output"));
  } else if (w.keypad) {
    w.keypad.pins.forEach((pin, i) => add("keypad.pins[" + i + "]", pin, "watched"));
  }
  if (w.programButton) add("programButton.pin", w.programButton.pin, "watched");
  if (w.motor) {
    add("motor.in1", w.motor.in1, "output");
    add("motor.in2", w.motor.in2, "output");
  }
  if (w.bolt) {
    add("bolt.retracted", w.bolt.retracted, "watched");
    add("bolt.extended", w.bolt.extended, "watched");
  }
  if (w.current) add("current.pin", w.current.pin, "analog");
  if (w.battery) add("battery.pin", w.battery.pin, "analog");
  if (w.leds) {
    add("leds.red", w.leds.red, "output");
    add("leds.green", w.leds.green, "output");
  }
  if (w.buzzer) add("buzzer.pin", w.buzzer.pin, "output", true);
  return roles;
}

function list(pins: ReadonlySet<string>): string {
  return [...pins].join(", ");
}

/** the first thing the chip does not allow about one role, or undefined */
function roleProblem(role: PinRole, seen: PinRole[], chipName: string, chip: ChipInfo): string | undefined {
  const { pin } = role;
  if (!chip.pins.has(pin)) return 'unknown pin "' + pin + '" for chip ' + chipName;
  const reason = chip.reserved[pin];
  if (reason) return pin + " is reserved on " + chipName + ": " + reason;
  const twin = seen.find((other) => other.pin === pin);
  if (twin) return "pin " + pin + " is also used by " + twin.field;
  if (role.use === "analog" && !chip.adc.has(pin)) {
    return pin + " cannot read analog on " + chipName + " (ADC pins: " + list(chip.adc) + ")";
  }
  if (role.pwm && !chip.pwm.has(pin)) {
    return pin + " cannot do hardware PWM on " + chipName + ", which the buzzer needs (PWM pins: " + list(chip.pwm) + ")";
  }
  if (role.use === "output" && chip.inputOnly.has(pin)) {
    return pin + " is input-only on " + chipName + " and cannot be driven as an output";
  }
  if (role.use === "watched") {
    const power = CHIP_POWER[chipName];
    if (power && power.unwakeablePinNumbers.includes(pinNumber(pin))) {
      return pin + " cannot wake " + chipName + " from deep sleep: Espruino takes the interrupt line of pin number " +
        pinNumber(pin) + " for its USB sense pin while the chip sleeps deeply, so a watch there misses its edges";
    }
    if (chip.noPull.has(pin)) return pin + " has no internal pull resistor on " + chipName + ", so a watched input there would float";
    if (chip.watchNumbersMustDiffer) {
      const clash = seen.find((other) => other.use === "watched" && pinNumber(other.pin) === pinNumber(pin));
      if (clash) {
        return pin + " and " + clash.pin + " (" + clash.field + ") share pin number " + pinNumber(pin) +
          ": " + chipName + " cannot watch two pins with the same number";
      }
    }
  }
  return undefined;
}

/** reports through `report` each role the chip does not allow (one fault per role), and too many watches once */
export function checkPinRoles(
  roles: PinRole[],
  chipName: string,
  chip: ChipInfo,
  report: (field: string, problem: string) => void,
): void {
  const seen: PinRole[] = [];
  let watches = 0;
  for (const role of roles) {
    const problem = roleProblem(role, seen, chipName, chip);
    if (problem) report(role.field, problem);
    if (role.use === "watched") {
      watches++;
      if (watches === chip.maxWatches + 1) {
        report(role.field, "makes " + watches + " watched pins, but " + chipName + " can watch at most " + chip.maxWatches);
      }
    }
    if (!problem) seen.push(role);
  }
}
