// The lock's config as the host tests see it. On a board the build writes every CFG.x and BOARD.x in place
// (tools/boards/image-defines.ts); on the host the firmware reads global objects instead. Every test
// starts from the defaults (a mocha root hook); a test that needs other numbers calls useConfig, one that
// needs a board with a radio calls useRadio.
import { DEFAULT_CONFIG } from "../../firmware/config";
import type { LockConfig } from "../../firmware/config";

/** Installs the defaults with `overrides` as the config the firmware reads; returns it. */
export function useConfig(overrides: Partial<LockConfig> = {}): LockConfig {
  const config = { ...DEFAULT_CONFIG, ...overrides, defaults: { ...DEFAULT_CONFIG.defaults, ...(overrides.defaults || {}) } };
  (globalThis as unknown as { CFG: LockConfig }).CFG = config;
  return config;
}

/** The board's radio setting the host firmware sees (the machine reads BOARD.radio; default: no radio). The
 * journal's layout (BOARD.journal), which the HAL double installs at a power-up, is kept. */
export function useRadio(radio: typeof BOARD.radio): void {
  const g = globalThis as unknown as { BOARD?: Partial<typeof BOARD> };
  g.BOARD = { ...g.BOARD, radio };
}

useConfig();
useRadio("none");

export const mochaHooks = {
  beforeEach() {
    useConfig();
    useRadio("none");
  },
};
