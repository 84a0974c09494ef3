// The board the image is built for. tools/build.ts resolves this module for each board: the board
// file's wiring with pin names turned into Espruino pin globals, and its config merged over the defaults.
declare module "latchkey:board" {
  export const board: import("../hal/board").BoardWiring<Pin>;
  export const config: import("../firmware/config").LockConfig;
}

// firmware/awake.ts, wrapped by tools/build.ts so that its code is made at each wake-up (see there).
declare module "latchkey:awake" {
  export const wakeLock: typeof import("../firmware/awake").wakeLock;
}
