// A keypad with one input per key (pull-up, pressed = low), each watched for a debounced falling edge.
// A press counts only if that key is the one key down, so several keys at once give no key.
import type { PinPerKeyWiring } from "../board";
import type { Keypad, KeypadOptions } from "../types";
import { unwatch } from "./input";
import { keyOf } from "./keys";

export function startPinKeypad(wiring: PinPerKeyWiring<Pin>, options: KeypadOptions): Keypad {
  const pins = wiring.pins;
  let watches: Array<number | undefined> = [];
  let open = true;

  function keysDown(): number {
    let count = 0;
    for (let i = 0; i < pins.length; i++) if (!digitalRead(pins[i])) count++;
    return count;
  }

  function pressed(index: number) {
    if (!open) return;
    try {
      if (digitalRead(pins[index]) || keysDown() !== 1) return;
    } catch (err) {
      if (!options.onError) throw err;
      options.onError(err);
      return;
    }
    const key = keyOf(wiring.keys[index]);
    if (key) options.onKey(key);
  }

  const watchOptions: WatchOptions = { repeat: true, edge: "falling", debounce: wiring.debounceMs };
  pins.forEach(function (pin, index) {
    pinMode(pin, "input_pullup");
    watches.push(
      setWatch(function () {
        pressed(index);
      }, pin, watchOptions),
    );
  });

  return {
    close: function () {
      open = false;
      for (let i = 0; i < watches.length; i++) unwatch(watches[i]);
      watches = [];
    },
  };
}
