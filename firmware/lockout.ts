// Wrong-code counting and keypad lockout (SPEC 3): three wrong codes within 60 s lock the keypad for
// 60 s; after a lockout, each wrong code before a valid one starts the next at once, twice as long, up
// to 960 s. The record keeps the escalation and whether a lockout runs: a lockout costs one write when
// it starts and none when it ends, so after a power cut a lockout whose end was never written starts
// again in full (the conservative side), and an attacker held at 960 s changes nothing more in flash.
import type { LockoutRecord } from "./record";
import { L } from "./state";
import type { LockoutState } from "./state";

/** The lockout as the record leaves it at `now`: a lockout that was running starts again in full. */
export function lockoutFrom(stored: LockoutRecord, now: number): LockoutState {
  return { lastMs: stored.lastMs, until: stored.active && stored.lastMs > 0 ? now + stored.lastMs : 0, wrong: [] };
}

/** A wrong code (or wrong mastercode) now: true when it starts a lockout. */
export function lockoutWrong(): boolean {
  const lo = L.lo;
  const now = L.now;
  if (lo.until) return false;
  let ms = lo.lastMs > 0 ? Math.min(lo.lastMs * 2, CFG.maxLockoutMs) : 0;
  if (!ms) {
    const recent = lo.wrong.filter(function (t) {
      return now - t < CFG.wrongCodeWindowMs;
    });
    recent.push(now);
    lo.wrong = recent;
    if (recent.length < CFG.wrongCodesForLockout) return false;
    ms = CFG.lockoutMs;
  }
  lo.lastMs = ms;
  lo.until = now + ms;
  lo.wrong = [];
  return true;
}
