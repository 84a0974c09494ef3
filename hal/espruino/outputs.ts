// The outputs: the motor's H-bridge, the two LEDs and the piezo. Pins come from the board file,
// written into the image at build time (BOARD.*). The build also makes the motor pins' low level the
// image's very first statement (tools/boards/image-defines.ts), before anything else is parsed.
import { readBolt } from "./bolt";

/** Sets the output pins to their idle level: motor stopped, LEDs and buzzer off. */
export function startOutputs() {
  pinMode(BOARD.motor.in1, "output");
  pinMode(BOARD.motor.in2, "output");
  motorWrite("stop");
  pinMode(BOARD.leds.red, "output");
  pinMode(BOARD.leds.green, "output");
  outputsWrite(false, false, false);
  digitalWrite(BOARD.buzzer.pin, 0);
}

/** "A" = (IN1, IN2) = (1, 0), "B" = (0, 1), "stop" = (0, 0) coast. */
export function motorWrite(drive: string) {
  // the side going low first, so a change never passes through (1, 1), the brake
  if (drive !== "A") digitalWrite(BOARD.motor.in1, 0);
  if (drive !== "B") digitalWrite(BOARD.motor.in2, 0);
  if (drive === "A") digitalWrite(BOARD.motor.in1, 1);
  if (drive === "B") digitalWrite(BOARD.motor.in2, 1);
  // the bolt switches' pulls: both the normal way while the motor runs, at rest again once it stops. A
  // failing read here must not stop the motor from stopping: the switches' own watches report it
  try {
    readBolt(drive !== "stop");
  } catch (e) {}
}

let buzzing = false;

/**
 * The LEDs, and the piezo: PWM at half duty sounds it. No pinMode on the buzzer pin on purpose: on a
 * pin set by pinMode, Espruino's digitalWrite does not stop a running PWM, so the buzzer would not stop.
 */
export function outputsWrite(red: boolean, green: boolean, buzz: boolean) {
  digitalWrite(BOARD.leds.red, red === BOARD.leds.activeHigh ? 1 : 0);
  digitalWrite(BOARD.leds.green, green === BOARD.leds.activeHigh ? 1 : 0);
  if (buzz === buzzing) return;
  buzzing = buzz;
  if (buzz) analogWrite(BOARD.buzzer.pin, 0.5, { freq: BOARD.buzzer.freq });
  else digitalWrite(BOARD.buzzer.pin, 0);
}
