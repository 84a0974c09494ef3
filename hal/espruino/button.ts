// The program button: one input, watched on both edges with debounce; onChange(pressed) per real edge.
import type { Button, ButtonOptions } from "../types";
import { isActive, setupInput, unwatch } from "./input";

export interface ButtonWiring {
  pin: Pin;
  activeLow: boolean;
  debounceMs: number;
}

export function startButton(wiring: ButtonWiring, options: ButtonOptions): Button {
  const pin = wiring.pin;
  let open = true;

  function onEdge(e: WatchEvent) {
    // a debounce timeout still pending at close() can fire after it: ignore it
    if (open) options.onChange(e.state !== wiring.activeLow);
  }

  setupInput(pin, wiring.activeLow);
  let watch: number | undefined = setWatch(onEdge, pin, { repeat: true, edge: "both", debounce: wiring.debounceMs });

  return {
    read: function () {
      return isActive(pin, wiring.activeLow);
    },
    close: function () {
      open = false;
      unwatch(watch);
      watch = undefined;
    },
  };
}
