// Seed and run count of the property tests: fixed by default so CI is repeatable, printed so a failure
// can be replayed; LATCHKEY_SEED, LATCHKEY_RUNS (and LATCHKEY_PATH, from a failure report) override.
import type { Parameters } from "fast-check";

export const DEFAULT_SEED = 20261115;
export const DEFAULT_RUNS = 1000;

function fromEnv(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === "") return undefined;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, got "${text}"`);
  return n;
}

/** fast-check parameters for one property; prints how to replay it */
export function runSettings<T>(name: string): Parameters<T> {
  const seed = fromEnv("LATCHKEY_SEED") ?? DEFAULT_SEED;
  const numRuns = fromEnv("LATCHKEY_RUNS") ?? DEFAULT_RUNS;
  const path = process.env.LATCHKEY_PATH || undefined;
  console.log(`      ${name}: seed ${seed}, ${numRuns} runs${path ? `, path ${path}` : ""} (replay: LATCHKEY_SEED=${seed} LATCHKEY_RUNS=${numRuns}, and LATCHKEY_PATH from a failure)`);
  return { seed, numRuns, path, endOnFailure: false };
}
