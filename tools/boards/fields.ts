// Typed reads from parsed JSON. A wrong value is a fault naming the file and the field; every fault is kept, so
// that a board file with several mistakes is refused with all of them at once (`attempt` goes on after one).
import { BoardError } from "./board-error";

export type JsonObject = Record<string, unknown>;

export interface Fields {
  /** records a fault and abandons the read under way (up to the nearest `attempt`) */
  fail(field: string, problem: string): never;
  /** records a fault and goes on */
  report(field: string, problem: string): void;
  /** runs one independent read; after a fault in it, undefined */
  attempt<T>(read: () => T): T | undefined;
  /** the faults so far, in the order found */
  faults(): BoardError[];
  /** a plain object with no fields outside `known` (`where` names the list in messages when it is long) */
  object(value: unknown, field: string, known: readonly string[], where?: string): JsonObject;
  /** the value of a field that must be present */
  required(obj: JsonObject, key: string, parent: string): unknown;
  string(value: unknown, field: string): string;
  boolean(value: unknown, field: string): boolean;
  /** a finite number, at least `min` (or above it when `exclusive`) */
  number(value: unknown, field: string, min: number, exclusive: boolean): number;
  integer(value: unknown, field: string, min: number): number;
  array(value: unknown, field: string): unknown[];
}

/** "keypad" + "rows" -> "keypad.rows"; "" + "chip" -> "chip" */
export function childField(parent: string, key: string): string {
  return parent === "" ? key : parent + "." + key;
}

/** a short rendering of a wrong value for a message */
export function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value);
  return text.length > 40 ? text.slice(0, 37) + "..." : text;
}

/** the known name a typo most likely meant: same letters ignoring case, or at most 2 edits away */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function fieldsOf(file: string): Fields {
  const found: BoardError[] = [];
  /** "programButton" -> the fault of the misspelt "programButon": a field that is missing because it was misspelt */
  const misspelt = new Map<string, BoardError>();

  function report(field: string, problem: string): void {
    found.push(new BoardError(file, field, problem));
  }

  function fail(field: string, problem: string): never {
    report(field, problem);
    throw found[found.length - 1];
  }

  function attempt<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch (e) {
      if (found.includes(e as BoardError)) return undefined;
      throw e;
    }
  }

  /** unknown fields are reported and the object is still read: they are ignored */
  function object(value: unknown, field: string, known: readonly string[], where?: string): JsonObject {
    if (!isPlainObject(value)) fail(field, "must be an object, got " + describe(value));
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const near = closest(key, known);
      const hint = near ? "did you mean " + near + "?" : "expected one of " + (where || known.join(", "));
      report(childField(field, key), "unknown field (" + hint + ")");
      if (near) misspelt.set(childField(field, near), found[found.length - 1]);
    }
    return value;
  }

  function required(obj: JsonObject, key: string, parent: string): unknown {
    const field = childField(parent, key);
    const typo = misspelt.get(field);
    if (typo && (!(key in obj) || obj[key] === undefined)) throw typo; // already said: "did you mean <key>?"
    if (!(key in obj) || obj[key] === undefined) fail(field, "missing");
    return obj[key];
  }

  function string(value: unknown, field: string): string {
    if (typeof value !== "string") fail(field, "must be a string, got " + describe(value));
    return value;
  }

  function boolean(value: unknown, field: string): boolean {
    if (typeof value !== "boolean") fail(field, "must be true or false, got " + describe(value));
    return value;
  }

  function number(value: unknown, field: string, min: number, exclusive: boolean): number {
    const rule = "must be a number " + (exclusive ? "> " : ">= ") + min;
    if (typeof value !== "number" || !Number.isFinite(value)) fail(field, rule + ", got " + describe(value));
    if (exclusive ? value <= min : value < min) fail(field, rule + ", got " + describe(value));
    return value;
  }

  function integer(value: unknown, field: string, min: number): number {
    const n = number(value, field, min, false);
    if (!Number.isInteger(n)) fail(field, "must be a whole number >= " + min + ", got " + describe(value));
    return n;
  }

  function array(value: unknown, field: string): unknown[] {
    if (!Array.isArray(value)) fail(field, "must be an array, got " + describe(value));
    return value;
  }

  return { fail, report, attempt, faults: () => found.slice(), object, required, string, boolean, number, integer, array };
}
