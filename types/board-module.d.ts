// The board the image is built for. tools/build.ts resolves this module for each board: the board
// file's wiring with pin names turned into Espruino pin globals, and its config merged over the defaults.
declare module "latchkey:board" {
  import type { BoardWiring } from "../hal/board";
  import type { LockConfig } from "../firmware/config";
  export const board: BoardWiring<Pin>;
  export const config: LockConfig;
}
