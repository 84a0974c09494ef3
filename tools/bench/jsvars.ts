// An estimate of the JsVars (Espruino's fixed-size memory blocks) a graph of JavaScript values would take
// on Espruino. The model follows Espruino 2v29's src/jsvar.h, jsvar.c and jsparse.c, simplified:
//
//   object, array            1, plus one entry per property or element
//   entry (name + value)     the name: 1 var holding up to `nameChars` characters, +1 per `extChars` more
//                            (array indexes: always 1); the value: 0 when it is undefined, or an integer
//                            within +-inlineIntMax (kept inside the name var; for array indexes booleans
//                            too), 1 for any other number, boolean, null or pin, a string's own vars, and
//                            nothing more for an object or function (counted once, where first reached)
//   string                   1 var holding up to `stringChars` characters, +1 per `extChars` more
//   function                 1, +1 per parameter (its name is stored as "\xFF" + name), +2 for its code
//                            (the name "\xFFcod" and a string that points into flash: from .bootcde the
//                            body stays in flash), +1 for a named function expression's own name + its
//                            string, and the link to the scopes it was defined in: none at the top
//                            level, 1 var for one scope, else a copied array: 2 + one var per scope
//   scope                    a function call kept alive by a closure defined in it: 1, plus one entry
//                            per parameter and declared name (var, let, const, function)
//   built-in (native) value  1 var where referenced (E, a pin, Storage, a built-in function)
//
// Strings have no identity in V8, so each occurrence counts (Espruino sometimes shares one). It is an
// estimate: measured against the real interpreter in docs/bench.md.

/** How one Espruino build packs names and strings into its vars (src/jsutils.h). */
export interface VarLayout {
  label: string;
  /** characters a name var holds (JSVAR_DATA_STRING_NAME_LEN) */
  nameChars: number;
  /** characters the first var of a string holds (JSVAR_DATA_STRING_LEN) */
  stringChars: number;
  /** characters each further var of a name or string holds (JSVAR_DATA_STRING_MAX_LEN) */
  extChars: number;
  /** integers within +-this are stored inside a name var (JSVARREF_MIN..MAX) */
  inlineIntMax: number;
}

/** The layout Espruino uses on a 32-bit board with `totalVars` vars (the JSVARREF_BITS ladder). */
export function layoutForVars(totalVars: number): VarLayout {
  // [most vars, ref bits, refcount-pack bits, refcount bits]
  const ladder: Array<[number, number, number, number]> = [
    [254, 8, 8, 6],
    [1023, 10, 2, 6],
    [2047, 11, 0, 4],
    [4095, 12, 0, 8],
    [8191, 13, 0, 4],
    [16383, 14, 0, 8],
    [65535, 16, 0, 8],
  ];
  const row = ladder.find((r) => totalVars <= r[0]) ?? ladder[ladder.length - 1];
  const [, bits, pack, refcount] = row;
  const nameChars = 4;
  return {
    label: `${totalVars} vars, ${bits}-bit refs`,
    nameChars,
    stringChars: nameChars + ((bits * 3 + pack) >> 3),
    extChars: nameChars + ((bits * 3 + pack + refcount) >> 3),
    inlineIntMax: (1 << (bits - 1)) - 1,
  };
}

/** Espruino's Linux build (64-bit, resizable vars, 32-bit refs): what the real-interpreter check runs. */
export const LINUX_64_LAYOUT: VarLayout = {
  label: "Linux 64-bit, 32-bit refs",
  nameChars: 8,
  stringChars: 8 + ((32 * 3) >> 3),
  extChars: 8 + ((32 * 3 + 8) >> 3),
  inlineIntMax: 2147483647,
};

/** What the walker needs to know about a function of the image. */
export interface FunctionMeta {
  params: string[];
  /** the name of a named function expression (`function foo() {}` used as a value) */
  internalName?: string;
}

/** A function call whose locals a closure keeps alive. */
export interface ScopeView {
  /** parameters and declared names, in order */
  names: string[];
  /** their values now (a name missing here is declared but not yet set) */
  values(): Record<string, unknown>;
  /** the scope this function was defined in; null at the top level */
  parent: ScopeView | null;
}

export interface GraphHooks {
  /** a built-in or the runtime's own object (pins, E, Storage, built-in functions): 1 var, not walked */
  isNative(value: object): boolean;
  /** a function's parameters etc.; undefined for an unknown function (costs 1 + code) */
  functionMeta(fn: Function): FunctionMeta | undefined;
  /** the scope a function was defined in: null at the top level, undefined when unknown */
  scopeOf(fn: Function): ScopeView | null | undefined;
}

/** What holds the image's memory alive. */
export type Root =
  | { kind: "global"; name: string; value: unknown }
  /** an armed timer: Espruino keeps {time, cb[, intr]} in its timer list */
  | { kind: "timer"; callback: unknown; interval: boolean }
  /** a watch: Espruino keeps {pin, recur, debounce, edge, cb, state, lastTime} in its watch list */
  | { kind: "watch"; callback: unknown };

export interface JsVarEstimate {
  layout: string;
  total: number;
  /** where the vars go */
  vars: { objects: number; arrays: number; functions: number; scopes: number; strings: number; runtime: number };
  /** how many of each were reached */
  counts: { objects: number; arrays: number; functions: number; scopes: number; strings: number; entries: number; timers: number; watches: number };
}

/** function properties V8 gives every function; Espruino has none of them as vars */
const FUNCTION_OWN = new Set(["length", "name", "prototype", "arguments", "caller"]);

export function estimateJsVars(roots: Root[], layout: VarLayout, hooks: GraphHooks): JsVarEstimate {
  const seen = new Set<object>();
  const seenScopes = new Set<ScopeView>();
  const vars = { objects: 0, arrays: 0, functions: 0, scopes: 0, strings: 0, runtime: 0 };
  const counts = { objects: 0, arrays: 0, functions: 0, scopes: 0, strings: 0, entries: 0, timers: 0, watches: 0 };
  // an explicit stack: image graphs can be deep, and the walk must not overflow
  const pending: Array<() => void> = [];

  const extra = (chars: number, first: number) => (chars > first ? Math.ceil((chars - first) / layout.extChars) : 0);
  const nameVars = (name: string) => 1 + extra(name.length, layout.nameChars);
  const stringVars = (s: string) => 1 + extra(s.length, layout.stringChars);
  const smallInt = (v: unknown) => typeof v === "number" && Number.isInteger(v) && Math.abs(v) <= layout.inlineIntMax;

  /** vars of a value where it is stored (the value's own vars for a string or number); walks objects later */
  function valueVars(value: unknown, inline: boolean): { n: number; part: keyof typeof vars | null } {
    if (value === undefined) return { n: 0, part: null };
    if (typeof value === "string") {
      counts.strings++;
      return { n: stringVars(value), part: "strings" };
    }
    if (inline) return { n: 0, part: null };
    if (value === null || typeof value !== "object" && typeof value !== "function") return { n: 1, part: null };
    if (hooks.isNative(value)) return { n: 1, part: "runtime" };
    const object = value as object;
    if (!seen.has(object)) {
      seen.add(object);
      pending.push(() => (typeof object === "function" ? walkFunction(object as Function) : walkObject(object)));
    }
    return { n: 0, part: null };
  }

  /** one name + value pair; its vars go to `part` (the value's own vars to theirs) */
  function entry(name: string | number, value: unknown, part: keyof typeof vars) {
    counts.entries++;
    const index = typeof name === "number";
    const inline = smallInt(value) || (index && typeof value === "boolean");
    vars[part] += index ? 1 : nameVars(name as string);
    const v = valueVars(value, inline);
    vars[v.part ?? part] += v.n;
  }

  function walkObject(object: object) {
    if (Array.isArray(object)) {
      counts.arrays++;
      vars.arrays += 1;
      object.forEach((element, i) => entry(i, element, "arrays"));
      return;
    }
    counts.objects++;
    vars.objects += 1;
    for (const key of Object.keys(object)) entry(key, (object as Record<string, unknown>)[key], "objects");
  }

  function scopeChain(fn: Function): ScopeView[] {
    const chain: ScopeView[] = [];
    for (let s = hooks.scopeOf(fn); s; s = s.parent) chain.push(s);
    return chain;
  }

  function walkFunction(fn: Function) {
    counts.functions++;
    const meta = hooks.functionMeta(fn);
    let n = 1 + 2; // the function, and its code: "\xFFcod" + a string pointing into flash
    for (const p of meta ? meta.params : []) n += nameVars("\xFF" + p);
    if (meta && meta.internalName) n += nameVars("\xFFnam") + stringVars(meta.internalName);
    const chain = scopeChain(fn);
    if (chain.length === 1) n += nameVars("\xFFsco");
    else if (chain.length > 1) n += nameVars("\xFFsco") + 1 + chain.length;
    vars.functions += n;
    for (const key of Object.keys(fn)) if (!FUNCTION_OWN.has(key)) entry(key, (fn as unknown as Record<string, unknown>)[key], "functions");
    for (const scope of chain) walkScope(scope);
  }

  function walkScope(scope: ScopeView) {
    if (seenScopes.has(scope)) return;
    seenScopes.add(scope);
    counts.scopes++;
    vars.scopes += 1;
    const values = scope.values();
    for (const name of scope.names) entry(name, values[name], "scopes");
  }

  /** Espruino's own record of a timer or watch: a list element, an object, its fields */
  function runtimeRecord(fields: Record<string, unknown>) {
    vars.runtime += 1 + 1; // the element in the timer/watch list, the object
    for (const key of Object.keys(fields)) entry(key, fields[key], "runtime");
  }

  const RUNTIME_TIME = 1.5; // times are stored as floats or large integers: 1 var
  for (const root of roots) {
    if (root.kind === "global") entry(root.name, root.value, "objects");
    else if (root.kind === "timer") {
      counts.timers++;
      runtimeRecord(root.interval ? { time: RUNTIME_TIME, intr: RUNTIME_TIME, cb: root.callback } : { time: RUNTIME_TIME, cb: root.callback });
    } else {
      counts.watches++;
      runtimeRecord({ pin: null, recur: true, debounce: RUNTIME_TIME, edge: -1, cb: root.callback, state: true, lastTime: RUNTIME_TIME });
    }
    while (pending.length) (pending.pop() as () => void)();
  }
  const total = vars.objects + vars.arrays + vars.functions + vars.scopes + vars.strings + vars.runtime;
  return { layout: layout.label, total, vars, counts };
}
