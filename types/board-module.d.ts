// The board the image is built for. tools/build.ts resolves this module for each board: the board
// file's wiring with pin names turned into Espruino pin globals, and its config merged over the defaults.
declare module "latchkey:board" {
  export const board: import("../hal/board").BoardWiring<Pin>;
  /** a new object at each call: the awake lock makes it at each wake-up (firmware/awake.ts) */
  export function config(): import("../firmware/config").LockConfig;
}

