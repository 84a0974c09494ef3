// A board's "config": overrides of LockConfig numbers and of the default settings, merged over
// DEFAULT_CONFIG. Keys and types come from DEFAULT_CONFIG itself, so a new LockConfig field is known here.
import { DEFAULT_CONFIG, LockConfig } from "../../firmware/config";
import { childField, Fields, JsonObject } from "./fields";

/** counts: whole numbers of at least 1 */
const COUNT_KEYS: readonly string[] = [
  "maxUserCodes", "minCodeLength", "maxCodeLength", "wrongCodesForLockout", "restSamples", "levelReadings",
];

/** pairs that must stay in order after merging: [lower, higher, strictly] */
const ORDERED: readonly [keyof LockConfig, keyof LockConfig, boolean][] = [
  ["minCodeLength", "maxCodeLength", false],
  ["lockoutMs", "maxLockoutMs", false],
  ["minPackV", "maxPackV", true],
  ["deadRestV", "criticalRestV", true],
  ["criticalRestV", "lowRestV", true],
  ["deadLoadV", "criticalLoadV", true],
  ["criticalLoadV", "lowLoadV", true],
];

function readLike(example: unknown, value: unknown, field: string, key: string, f: Fields): unknown {
  if (typeof example === "boolean") return f.boolean(value, field);
  if (typeof example === "number") {
    return COUNT_KEYS.includes(key) ? f.integer(value, field, 1) : f.number(value, field, 0, false);
  }
  const defaults = example as JsonObject;
  const given = f.object(value, field, Object.keys(defaults));
  const merged: JsonObject = { ...defaults };
  for (const k of Object.keys(given)) {
    if (!(k in defaults)) continue; // reported by f.object
    const value = f.attempt(() => readLike(defaults[k], given[k], childField(field, k), k, f));
    if (value !== undefined) merged[k] = value;
  }
  return merged;
}

export function mergeConfig(value: unknown, f: Fields): LockConfig {
  const merged = { ...DEFAULT_CONFIG, defaults: { ...DEFAULT_CONFIG.defaults } } as LockConfig;
  if (value === undefined) return merged;
  const given = f.object(value, "config", Object.keys(DEFAULT_CONFIG), "the LockConfig fields of firmware/config.ts");
  const target = merged as unknown as JsonObject;
  const defaults = DEFAULT_CONFIG as unknown as JsonObject;
  const wrong = new Set<string>();
  for (const key of Object.keys(given)) {
    if (!(key in defaults)) continue; // reported by f.object
    const value = f.attempt(() => readLike(defaults[key], given[key], "config." + key, key, f));
    if (value === undefined) wrong.add(key);
    else target[key] = value;
  }

  for (const [low, high, strictly] of ORDERED) {
    if (wrong.has(low) || wrong.has(high)) continue;
    const a = merged[low] as number;
    const b = merged[high] as number;
    if (strictly ? a < b : a <= b) continue;
    const field = "config." + (low in given ? low : high);
    f.report(field, low + " (" + a + ") must be " + (strictly ? "below " : "at most ") + high + " (" + b + ")");
  }
  return merged;
}
