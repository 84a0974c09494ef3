// Which declaration each identifier refers to, and whether a function boundary lies between them.
// Enough scope analysis for the ordering rules (no hoisting, loop closures) and for telling globals
// apart from locals; it follows ES2015 block scoping, which is what esbuild's output relies on.
import type { Identifier, Pattern } from "acorn";
import { type Node, isFunction, isReferencePosition, walk } from "./walk";

export type ScopeKind = "function" | "block" | "loop";
export type DeclarationKind = "var" | "let" | "const" | "class" | "function" | "param" | "catch" | "self";

export interface Scope {
  node: Node;
  kind: ScopeKind;
  parent: Scope | null;
  names: Map<string, Declaration>;
}

export interface Declaration {
  name: string;
  kind: DeclarationKind;
  id: Identifier;
  scope: Scope;
  /** Where the binding starts to hold its value: code running at an earlier position sees no value. */
  readyAt: number;
  /** The function this binding holds, when it is a function declaration or `const f = () => ...`. */
  fn: Node | null;
}

export interface Reference {
  id: Identifier;
  ancestors: readonly Node[];
  /** null: a global */
  decl: Declaration | null;
  /** the reference sits inside a function nested in the declaring scope, so it runs later (or never) */
  crossesFunction: boolean;
}

export interface ScopeAnalysis {
  references: Reference[];
  declarations: Declaration[];
}

function patternIdentifiers(pattern: Pattern | null | undefined, out: Identifier[] = []): Identifier[] {
  if (!pattern) return out;
  switch (pattern.type) {
    case "Identifier":
      out.push(pattern);
      break;
    case "ObjectPattern":
      for (const p of pattern.properties) patternIdentifiers(p.type === "RestElement" ? p : (p.value as Pattern), out);
      break;
    case "ArrayPattern":
      for (const e of pattern.elements) patternIdentifiers(e, out);
      break;
    case "RestElement":
      patternIdentifiers(pattern.argument, out);
      break;
    case "AssignmentPattern":
      patternIdentifiers(pattern.left, out);
      break;
    default:
      break; // MemberExpression targets declare nothing
  }
  return out;
}

function createsScope(node: Node, parent: Node | undefined, key: string): ScopeKind | null {
  if (node.type === "Program" || isFunction(node)) return "function";
  if (node.type === "ForStatement" || node.type === "ForInStatement" || node.type === "ForOfStatement") return "loop";
  if (node.type === "BlockStatement") return parent && isFunction(parent) && key === "body" ? null : "block";
  if (node.type === "SwitchStatement" || node.type === "CatchClause" || node.type === "StaticBlock") return "block";
  return null;
}

function functionValue(node: Node | null | undefined): Node | null {
  return node && (node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression") ? node : null;
}

export function analyzeScopes(program: Node): ScopeAnalysis {
  const scopeOf = new Map<Node, Scope>();
  const declarations: Declaration[] = [];
  const declaringIds = new Set<Node>();

  const nearestScope = (ancestors: readonly Node[], self?: Node): Scope => {
    if (self && scopeOf.has(self)) return scopeOf.get(self)!;
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const s = scopeOf.get(ancestors[i]);
      if (s) return s;
    }
    throw new Error("no scope");
  };
  const functionScope = (scope: Scope): Scope => {
    let s = scope;
    while (s.kind !== "function" && s.parent) s = s.parent;
    return s;
  };
  const declare = (id: Identifier, kind: DeclarationKind, scope: Scope, readyAt: number, fn: Node | null): void => {
    const decl: Declaration = { name: id.name, kind, id, scope, readyAt, fn };
    declaringIds.add(id);
    declarations.push(decl);
    if (!scope.names.has(id.name) || kind !== "var") scope.names.set(id.name, decl);
  };

  walk(program, (node, ancestors, key) => {
    const parent = ancestors[ancestors.length - 1];
    const kind = createsScope(node, parent, key);
    if (kind) {
      const outer = ancestors.length ? nearestScope(ancestors) : null;
      scopeOf.set(node, { node, kind, parent: outer, names: new Map() });
    }
    switch (node.type) {
      case "VariableDeclaration": {
        const here = nearestScope(ancestors);
        const scope = node.kind === "var" ? functionScope(here) : here;
        const kind: DeclarationKind = node.kind === "var" || node.kind === "let" ? node.kind : "const";
        for (const d of node.declarations) {
          const fn = functionValue(d.init);
          for (const id of patternIdentifiers(d.id)) {
            declare(id, kind, scope, kind === "var" ? id.start : d.end, fn);
          }
        }
        break;
      }
      case "FunctionDeclaration": {
        if (node.id) declare(node.id, "function", nearestScope(ancestors), node.start, node);
        const own = scopeOf.get(node)!;
        for (const p of node.params) for (const id of patternIdentifiers(p)) declare(id, "param", own, node.start, null);
        break;
      }
      case "ClassDeclaration":
        if (node.id) declare(node.id, "class", nearestScope(ancestors), node.end, null);
        break;
      case "FunctionExpression":
      case "ArrowFunctionExpression": {
        const own = scopeOf.get(node)!;
        if (node.type === "FunctionExpression" && node.id) declare(node.id, "self", own, node.start, node);
        for (const p of node.params) for (const id of patternIdentifiers(p)) declare(id, "param", own, node.start, null);
        break;
      }
      case "CatchClause":
        for (const id of patternIdentifiers(node.param)) declare(id, "catch", scopeOf.get(node)!, node.start, null);
        break;
      default:
        break;
    }
  });

  const references: Reference[] = [];
  walk(program, (node, ancestors, key) => {
    if (node.type !== "Identifier" || declaringIds.has(node)) return;
    if (!isReferencePosition(ancestors[ancestors.length - 1], key)) return;
    let scope: Scope | null = nearestScope(ancestors);
    let crossesFunction = false;
    let decl: Declaration | null = null;
    while (scope) {
      const found = scope.names.get(node.name);
      if (found) {
        decl = found;
        break;
      }
      if (scope.kind === "function") crossesFunction = true;
      scope = scope.parent;
    }
    references.push({ id: node, ancestors: ancestors.slice(), decl, crossesFunction: decl ? crossesFunction : false });
  });

  return { references, declarations };
}
