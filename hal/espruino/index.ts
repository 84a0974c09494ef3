// The HAL for one board over Espruino's APIs. The Kv (flash) comes in from ./kv.ts.
import type { BoardWiring } from "../board";
import type { Button, ButtonOptions, BoltSensor, BoltSensorOptions, Hal, Keypad, KeypadOptions, Kv } from "../types";
import { analogVref, createBatteryGauge, createCurrentSensor } from "./analog";
import { startBoltSensor } from "./bolt";
import { startButton } from "./button";
import { createBuzzer } from "./buzzer";
import { createClock } from "./clock";
import { startMatrixKeypad } from "./keypad-matrix";
import { startPinKeypad } from "./keypad-pins";
import { createLed } from "./led";
import { createMotor } from "./motor";

export function createEspruinoHal(wiring: BoardWiring<Pin>, kv: Kv): Hal {
  const vref = analogVref(wiring.vref);
  const hal: Hal = {
    clock: createClock(),
    motor: createMotor(wiring.motor.in1, wiring.motor.in2),
    redLed: createLed(wiring.leds.red, wiring.leds.activeHigh),
    greenLed: createLed(wiring.leds.green, wiring.leds.activeHigh),
    buzzer: createBuzzer(wiring.buzzer.pin, wiring.buzzer.freq),
    battery: createBatteryGauge(wiring.battery.pin, wiring.battery.dividerRatio, vref),
    kv: kv,
    startKeypad: function (options: KeypadOptions): Keypad {
      const keypad = wiring.keypad;
      return keypad.type === "matrix" ? startMatrixKeypad(keypad, options) : startPinKeypad(keypad, options);
    },
    startProgramButton: function (options: ButtonOptions): Button {
      return startButton(wiring.programButton, options);
    },
    startBoltSensor: function (options: BoltSensorOptions): BoltSensor {
      return startBoltSensor(wiring.bolt, options);
    },
  };
  if (wiring.current) hal.current = createCurrentSensor(wiring.current.pin, wiring.current.voltsPerAmp, vref);
  return hal;
}
