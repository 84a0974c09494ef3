// Runs a firmware image against the fake Espruino in a Node `vm` context whose globals are exactly the
// fake's: the language built-ins of a fresh context, fake.globals, and Espruino's `global` (the global
// object itself); nothing of Node's (no real process, require, setImmediate, Buffer, timers or console).
// Errors at the image's top level propagate to the caller; errors in its callbacks end up in
// fake.uncaught(). Host code only; the browser bench swaps in an iframe realm with the same openRealm.
import * as vm from "vm";
import type { FakeEspruino } from "./fake";
import type { ImageRealm } from "./realm";

export function runImage(code: string, fake: FakeEspruino, filename?: string): vm.Context {
  const sandbox: Record<string, unknown> = {};
  for (const name of Object.keys(fake.globals)) sandbox[name] = fake.globals[name];
  const context = vm.createContext(sandbox);
  // Espruino's `global` is its global object (the build reaches require as global.require)
  sandbox.global = vm.runInContext("globalThis", context);
  // what a device types at the console runs here (a radio's UART, when the console is on it)
  fake.bindConsole(function (text) {
    vm.runInContext(text, context);
  });
  vm.runInContext(code, context, { filename: filename || "firmware.js" });
  return context;
}

/** the image running in a context of its own, for the simulator's engine */
export function openRealm(code: string, fake: FakeEspruino, filename?: string): ImageRealm {
  const context: vm.Context = runImage(code, fake, filename);
  let open = true;
  return {
    context,
    evaluate(expression) {
      if (!open) throw new Error("the image has stopped");
      return vm.runInContext(expression, context);
    },
    dispose() {
      open = false;
    },
  };
}
