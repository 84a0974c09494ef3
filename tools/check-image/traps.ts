// Code that parses on Espruino and then misbehaves, or needs a built-in Espruino does not have.
import type { Node } from "./walk";
import { isFunction } from "./walk";
import type { RawFinding } from "./types";

const ABSENT_GLOBALS = new Set(["Map", "Set", "WeakMap", "WeakSet", "WeakRef", "Symbol", "Proxy", "Reflect", "BigInt", "RangeError"]);

const ABSENT_STATICS: Record<string, string[]> = {
  Array: ["from", "of"],
  Object: ["freeze", "seal", "is", "isFrozen", "isSealed", "getOwnPropertySymbols"],
  Math: ["trunc", "imul", "log2", "log10", "hypot", "cbrt", "fround", "clz32"],
  Number: ["isInteger", "isNaN", "isFinite", "isSafeInteger", "parseInt", "parseFloat", "EPSILON"],
  Promise: ["race", "allSettled", "any"],
};

/** Methods Espruino lacks on its arrays, strings and promises. */
const ABSENT_METHODS = new Set(["lastIndexOf", "flat", "flatMap", "trimStart", "trimEnd", "finally", "findLast", "findLastIndex"]);

const BUILTIN_CONSTRUCTORS = new Set([
  "Object", "Array", "String", "Number", "Boolean", "Function", "Date", "Error", "TypeError", "Promise", "RegExp",
  "ArrayBuffer", "DataView", "Uint8Array", "Uint8ClampedArray", "Int8Array", "Uint16Array", "Int16Array",
  "Uint32Array", "Int32Array", "Float32Array", "Float64Array",
]);

const CLEARS = new Set(["clearTimeout", "clearInterval", "clearWatch", "changeInterval"]);

export interface TrapContext {
  code: string;
  /** identifiers that name a global (no declaration in the image) */
  globals: Set<Node>;
}

function globalName(node: Node, ctx: TrapContext): string | null {
  return node.type === "Identifier" && ctx.globals.has(node) ? node.name : null;
}

function memberName(node: Node): string | null {
  if (node.type !== "MemberExpression") return null;
  if (!node.computed && node.property.type === "Identifier") return node.property.name;
  if (node.computed && node.property.type === "Literal" && typeof node.property.value === "string") return node.property.value;
  return null;
}

/** The expression text with whitespace removed, so `a . b` and `a.b` compare equal. */
function compact(text: string): string {
  return text.replace(/\s+/g, "");
}

function mentions(test: Node, text: string, code: string): boolean {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\w$.])${escaped}(?![\\w$])`).test(compact(code.slice(test.start, test.end)));
}

function exits(statement: Node): boolean {
  if (statement.type === "BlockStatement") return statement.body.length === 1 && exits(statement.body[0]);
  return statement.type === "ReturnStatement" || statement.type === "ThrowStatement" || statement.type === "BreakStatement" || statement.type === "ContinueStatement";
}

/** True when an enclosing if / && / ?: (or an earlier `if (...) return`) tests the same expression. */
function isGuarded(call: Node, ancestors: readonly Node[], text: string, code: string): boolean {
  let child: Node = call;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (isFunction(a)) return false;
    if ((a.type === "IfStatement" || a.type === "ConditionalExpression") && child !== a.test && mentions(a.test, text, code)) return true;
    if (a.type === "LogicalExpression" && a.operator === "&&" && child === a.right && mentions(a.left, text, code)) return true;
    if (a.type === "BlockStatement" || a.type === "Program" || a.type === "SwitchCase") {
      const body = (a.type === "SwitchCase" ? a.consequent : a.body) as Node[];
      for (const s of body.slice(0, body.indexOf(child))) {
        if (s.type === "IfStatement" && !s.alternate && exits(s.consequent) && mentions(s.test, text, code)) return true;
      }
    }
    child = a;
  }
  return false;
}

function clearGuard(node: Node, ancestors: readonly Node[], ctx: TrapContext, out: RawFinding[]): void {
  if (node.type !== "CallExpression") return;
  const name = globalName(node.callee, ctx) ?? (node.callee.type === "MemberExpression" && globalName(node.callee.object, ctx) === "global" ? memberName(node.callee) : null);
  if (!name || !CLEARS.has(name)) return;
  const arg = node.arguments[0];
  if (!arg) {
    out.push({ rule: "clear-guard", message: `${name}() with no argument clears every timer or watch`, pos: node.start });
    return;
  }
  if (arg.type === "Literal" && typeof arg.value === "number") return;
  const text = compact(ctx.code.slice(arg.start, arg.end));
  if (isGuarded(node, ancestors, text, ctx.code)) return;
  const call = `${name}(${text}${node.arguments.length > 1 ? ", ..." : ""})`;
  out.push({
    rule: "clear-guard",
    message: `${call} is not guarded: on Espruino it throws when '${text}' is undefined (write 'if (${text}) ${call}')`,
    pos: node.start,
  });
}

export function trapRules(node: Node, ancestors: readonly Node[], ctx: TrapContext): RawFinding[] {
  const out: RawFinding[] = [];
  if (node.type === "Literal" && node.regex) {
    out.push({ rule: "regexp", message: `regular expression /${node.regex.pattern}/: Espruino's regex engine silently mis-matches`, pos: node.start });
  }
  if ((node.type === "CallExpression" || node.type === "NewExpression") && globalName(node.callee, ctx) === "RegExp") {
    out.push({ rule: "regexp", message: "RegExp(...): Espruino's regex engine silently mis-matches", pos: node.start });
  }
  if (node.type === "Identifier" && ctx.globals.has(node) && ABSENT_GLOBALS.has(node.name)) {
    out.push({ rule: "missing-builtin", message: `'${node.name}' does not exist on Espruino`, pos: node.start });
  }
  if (node.type === "MemberExpression") {
    const owner = globalName(node.object, ctx);
    const prop = memberName(node);
    if (owner && prop && ABSENT_STATICS[owner]?.includes(prop)) {
      out.push({ rule: "missing-builtin", message: `${owner}.${prop} does not exist on Espruino`, pos: node.start });
    }
    if (owner && prop === "prototype" && BUILTIN_CONSTRUCTORS.has(owner)) {
      out.push({ rule: "prototype", message: `${owner}.prototype: built-in prototype members read as undefined on Espruino (call the method on a value, e.g. [].slice)`, pos: node.start });
    }
    const parent = ancestors[ancestors.length - 1];
    if (prop && ABSENT_METHODS.has(prop) && parent?.type === "CallExpression" && parent.callee === node) {
      out.push({ rule: "missing-builtin", message: `.${prop}() does not exist on Espruino`, pos: node.property.start });
    }
  }
  if (node.type === "AssignmentExpression" && node.left.type === "MemberExpression" && memberName(node.left) === "length") {
    out.push({ rule: "length-assign", message: "assigning to .length throws on Espruino (use arr.splice(0, arr.length))", pos: node.start });
  }
  clearGuard(node, ancestors, ctx, out);
  return out;
}

