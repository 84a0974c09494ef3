// The lock's numbers. Every value here is a default of the lock's specification (docs/behaviour.md); a
// board file may override any of them under "config" (validated at build time by tools/boards).
//
// The firmware reads them as `CFG.name` (declared in types/board-module.d.ts). The image build writes
// each one in place as a literal, so on a board the config takes no RAM; host tests install an object as
// `globalThis.CFG` (test/support/config.ts).

export interface Settings {
  autoLock: boolean;
  audio: boolean;
  oneTouch: boolean;
  statusLed: boolean;
}

export interface LockConfig {
  maxUserCodes: number;
  minCodeLength: number;
  maxCodeLength: number;
  /** no key for this long discards a partial entry */
  entryTimeoutMs: number;
  wrongCodesForLockout: number;
  wrongCodeWindowMs: number;
  lockoutMs: number;
  maxLockoutMs: number;
  /** limit between key presses while programming */
  programTimeoutMs: number;
  /** a Program press shorter than this enters programming */
  programShortPressMs: number;
  /** holding Program this long starts setting the mastercode */
  programHoldMs: number;
  autoLockDelayMs: number;
  statusIntervalMs: number;
  strokeLimitMs: number;
  stallCurrentA: number;
  stallMs: number;
  /** motor current is not judged for a stall this long after the motor starts (inrush) */
  stallIgnoreMs: number;
  /** the motor coasts at least this long between one run and the next (never straight into reverse) */
  coastMs: number;
  /** the driver's own stop, independent of the machine: this long past a run's limit at the latest */
  motorGuardMs: number;
  jamRetryDelayMs: number;
  /** ADC sampling period while the motor runs */
  sampleMs: number;
  restSamples: number;
  restIdleMs: number;
  loadIgnoreMs: number;
  lowRestV: number;
  lowLoadV: number;
  criticalRestV: number;
  criticalLoadV: number;
  deadRestV: number;
  deadLoadV: number;
  /** pack readings outside this range cannot come from a real pack through the divider: ignored */
  minPackV: number;
  maxPackV: number;
  levelReadings: number;
  levelHysteresisV: number;
  batteryReplacedJumpV: number;
  /** Program held this long at power-up reaches RESET_READY */
  powerUpResetHoldMs: number;
  /** after the power-up release, the window for the confirming Program press */
  powerUpWindowMs: number;
  defaults: Settings;
}

export const DEFAULT_CONFIG: LockConfig = {
  maxUserCodes: 30,
  minCodeLength: 4,
  maxCodeLength: 8,
  entryTimeoutMs: 5000,
  wrongCodesForLockout: 3,
  wrongCodeWindowMs: 60000,
  lockoutMs: 60000,
  maxLockoutMs: 960000,
  programTimeoutMs: 5000,
  programShortPressMs: 2000,
  programHoldMs: 5000,
  autoLockDelayMs: 30000,
  statusIntervalMs: 6000,
  strokeLimitMs: 3000,
  stallCurrentA: 0.6,
  stallMs: 100,
  stallIgnoreMs: 50,
  coastMs: 50,
  motorGuardMs: 250,
  jamRetryDelayMs: 500,
  sampleMs: 20,
  restSamples: 8,
  restIdleMs: 1000,
  loadIgnoreMs: 50,
  lowRestV: 4.8,
  lowLoadV: 4.4,
  criticalRestV: 4.5,
  criticalLoadV: 4.0,
  deadRestV: 4.2,
  deadLoadV: 3.8,
  minPackV: 2.0,
  maxPackV: 7.0,
  levelReadings: 3,
  levelHysteresisV: 0.2,
  batteryReplacedJumpV: 0.3,
  powerUpResetHoldMs: 30000,
  powerUpWindowMs: 30000,
  defaults: { autoLock: false, audio: true, oneTouch: true, statusLed: false },
};
