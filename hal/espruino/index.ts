// The HAL for one board over Espruino's APIs, in two halves: the inputs, started once and kept for the
// life of the lock, and the outputs, which the awake lock makes at each wake-up. The Kv (flash) comes
// in from ./kv.ts.
import type { BoardWiring } from "../board";
import type { Button, ButtonOptions, BoltSensor, BoltSensorOptions, Hal, HalInputs, HalOutputs, Keypad, KeypadOptions, Kv } from "../types";
import { analogVref, createBatteryGauge, createCurrentSensor } from "./analog";
import { startBoltSensor } from "./bolt";
import { startButton } from "./button";
import { createBuzzer } from "./buzzer";
import { createClock } from "./clock";
import { startMatrixKeypad } from "./keypad-matrix";
import { startPinKeypad } from "./keypad-pins";
import { createLed } from "./led";
import { createMotor } from "./motor";

/** Sets every output pin to its idle level (motor stopped, LEDs and buzzer off). */
export function createEspruinoOutputs(wiring: BoardWiring<Pin>, kv: Kv): HalOutputs {
  const vref = analogVref(wiring.vref);
  const outputs: HalOutputs = {
    clock: createClock(),
    motor: createMotor(wiring.motor.in1, wiring.motor.in2),
    redLed: createLed(wiring.leds.red, wiring.leds.activeHigh),
    greenLed: createLed(wiring.leds.green, wiring.leds.activeHigh),
    buzzer: createBuzzer(wiring.buzzer.pin, wiring.buzzer.freq),
    battery: createBatteryGauge(wiring.battery.pin, wiring.battery.dividerRatio, vref),
    kv: kv,
  };
  if (wiring.current) outputs.current = createCurrentSensor(wiring.current.pin, wiring.current.voltsPerAmp, vref);
  return outputs;
}

export function createEspruinoInputs(wiring: BoardWiring<Pin>): HalInputs {
  return {
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
}

/** Both halves in one object (the HAL tests use it). */
export function createEspruinoHal(wiring: BoardWiring<Pin>, kv: Kv): Hal {
  const outputs = createEspruinoOutputs(wiring, kv);
  const inputs = createEspruinoInputs(wiring);
  return {
    clock: outputs.clock,
    motor: outputs.motor,
    redLed: outputs.redLed,
    greenLed: outputs.greenLed,
    buzzer: outputs.buzzer,
    battery: outputs.battery,
    current: outputs.current,
    kv: kv,
    startKeypad: inputs.startKeypad,
    startProgramButton: inputs.startProgramButton,
    startBoltSensor: inputs.startBoltSensor,
  };
}
