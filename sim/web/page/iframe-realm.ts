// Where the image runs in the browser bench: a hidden iframe of its own, its global object given the fake
// Espruino's globals (pins, digitalWrite, setTimeout over virtual time, require("Storage"), E, console, ...) and
// Espruino's `global`. The image runs there as a script, as on the device: its top-level names and the
// `Latchkey` it leaves are globals of that frame, which the console evaluates in. Dropped when the batteries
// come out. The bench's bundler puts this in place of sim/espruino/vm.ts (same openRealm).
import type { FakeEspruino } from "../../espruino/fake";
import type { ImageRealm } from "../../espruino/realm";

type FrameWindow = Window & { eval(code: string): unknown };

export function openRealm(code: string, fake: FakeEspruino, filename?: string): ImageRealm {
  const frame = document.createElement("iframe");
  frame.style.display = "none";
  frame.setAttribute("aria-hidden", "true");
  document.body.appendChild(frame);
  const realm = frame.contentWindow as FrameWindow;
  const globals: Record<string, unknown> = { ...fake.globals, global: realm };
  for (const name of Object.keys(globals)) {
    // a plain data property, replacing the browser's own where they share a name (setTimeout, console, print)
    Object.defineProperty(realm, name, { value: globals[name], writable: true, configurable: true, enumerable: true });
  }
  let open = true;
  const handle: ImageRealm = {
    evaluate(expression) {
      if (!open) throw new Error("the image has stopped");
      return realm.eval(expression);
    },
    dispose() {
      open = false;
      frame.remove();
    },
  };
  try {
    // indirect eval: the image's top level is the frame's global scope
    realm.eval(`${code}\n//# sourceURL=${filename || "firmware.js"}`);
  } catch (err) {
    // Espruino prints the error and carries on with whatever the image had set up (so the frame stays);
    // the engine reports it. An error made in the frame is of the frame's realm: pass its message on.
    throw new Error((err as Error)?.message ?? String(err));
  }
  return handle;
}
