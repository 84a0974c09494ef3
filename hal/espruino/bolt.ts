// The bolt's two end-of-travel switches: inputs watched on both edges with debounce; after any real
// edge onChange gets both switches read together.
import type { BoltSensor, BoltSensorOptions, BoltState } from "../types";
import { isActive, setupInput, unwatch } from "./input";

export interface BoltWiring {
  retracted: Pin;
  extended: Pin;
  activeLow: boolean;
  debounceMs: number;
}

export function startBoltSensor(wiring: BoltWiring, options: BoltSensorOptions): BoltSensor {
  let open = true;

  function read(): BoltState {
    return { retracted: isActive(wiring.retracted, wiring.activeLow), extended: isActive(wiring.extended, wiring.activeLow) };
  }

  function onEdge() {
    if (!open) return;
    let state: BoltState;
    try {
      state = read();
    } catch (err) {
      if (!options.onError) throw err;
      options.onError(err);
      return;
    }
    options.onChange(state);
  }

  const watchOptions: WatchOptions = { repeat: true, edge: "both", debounce: wiring.debounceMs };
  setupInput(wiring.retracted, wiring.activeLow);
  setupInput(wiring.extended, wiring.activeLow);
  let watches: Array<number | undefined> = [
    setWatch(onEdge, wiring.retracted, watchOptions),
    setWatch(onEdge, wiring.extended, watchOptions),
  ];

  return {
    read: read,
    close: function () {
      open = false;
      for (let i = 0; i < watches.length; i++) unwatch(watches[i]);
      watches = [];
    },
  };
}
