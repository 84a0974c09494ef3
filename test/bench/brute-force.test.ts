import { strict as assert } from "assert";
import { DEFAULT_CONFIG } from "../../firmware/config";
import { bruteForceTime, lockoutSchedule } from "../../tools/bench/brute-force";

describe("brute force at the keypad", () => {
  it("three wrong codes lock the keypad for 60 s, and each further one doubles it up to 960 s", () => {
    assert.deepEqual(
      lockoutSchedule(DEFAULT_CONFIG, 9).map((ms) => ms / 1000),
      [0, 0, 60, 120, 240, 480, 960, 960, 960],
    );
  });

  it("a person slower than one code every 30 s never makes three within 60 s, so is never locked out", () => {
    assert.ok(lockoutSchedule(DEFAULT_CONFIG, 20, 30).every((ms) => ms === 0));
    assert.equal(lockoutSchedule(DEFAULT_CONFIG, 3, 29)[2], 60000);
  });

  it("on ten one-digit codes, the average over where the right one sits, worked by hand", () => {
    // T(n) = 3n + lockouts before attempt n: 3, 6, 9, 72, 195, 438, 921, 1884, 2847, 3810
    const r = bruteForceTime(DEFAULT_CONFIG, 1);
    assert.equal(r.expectedAttempts, 5.5);
    assert.equal(r.expectedSeconds, 10185 / 10);
    assert.equal(r.worstSeconds, 3810);
  });

  it("a 4-digit code takes 5000.5 attempts and about 55.7 days on average at 3 s an attempt", () => {
    const r = bruteForceTime(DEFAULT_CONFIG, 4);
    const N = 10000;
    // closed form: a(N+1)/2 + (1/N) * sum over n of the lockouts before attempt n
    // = 3(N+1)/2 + (660 + 900(N-6) + 960(N-7)(N-6)/2) / N
    const closed = (3 * (N + 1)) / 2 + (660 + 900 * (N - 6) + (960 * (N - 7) * (N - 6)) / 2) / N;
    assert.equal(r.expectedAttempts, 5000.5);
    assert.ok(Math.abs(r.expectedSeconds - closed) < 1e-6, `${r.expectedSeconds} vs ${closed}`);
    assert.equal((r.expectedSeconds / 86400).toFixed(1), "55.7");
  });
});
