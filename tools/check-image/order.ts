// Espruino runs code strictly top to bottom: it does not hoist function declarations, and closures
// made in `for (let/const ...)` loops all share the last value of the loop variable.
import type { Declaration, Reference, ScopeAnalysis } from "./scope";
import type { RawFinding } from "./types";

function isCallee(ref: Reference): boolean {
  const parent = ref.ancestors[ref.ancestors.length - 1];
  return !!parent && (parent.type === "CallExpression" || parent.type === "NewExpression") && parent.callee === ref.id;
}

/** Bindings that hold no value until their declaration runs (esbuild turns top-level let/const into var). */
function notYetDefined(decl: Declaration): boolean {
  return decl.kind === "function" || decl.kind === "let" || decl.kind === "const" || decl.kind === "class" || decl.kind === "var";
}

/** For each function-valued binding, the same-scope bindings its body uses (at any depth). */
function bodyUses(analysis: ScopeAnalysis): Map<Declaration, Set<Declaration>> {
  const byFunction = new Map<object, Declaration>();
  for (const d of analysis.declarations) if (d.fn && d.kind !== "self") byFunction.set(d.fn, d);
  const uses = new Map<Declaration, Set<Declaration>>();
  for (const ref of analysis.references) {
    const target = ref.decl;
    if (!target || !ref.crossesFunction || !notYetDefined(target)) continue;
    for (const a of ref.ancestors) {
      const holder = byFunction.get(a);
      if (!holder || holder.scope !== target.scope || holder === target) continue;
      if (!uses.has(holder)) uses.set(holder, new Set());
      uses.get(holder)!.add(target);
    }
  }
  return uses;
}

export function orderRules(analysis: ScopeAnalysis): RawFinding[] {
  const findings: RawFinding[] = [];
  const uses = bodyUses(analysis);
  for (const ref of analysis.references) {
    const decl = ref.decl;
    if (!decl) continue;
    const pos = ref.id.start;
    if (!ref.crossesFunction && notYetDefined(decl) && pos < decl.readyAt) {
      findings.push({
        rule: "hoisting",
        message: `'${decl.name}' is used before its ${decl.kind} declaration has run (Espruino does not hoist): define it above this line`,
        pos,
      });
      continue;
    }
    if (!ref.crossesFunction && decl.fn && isCallee(ref)) {
      // the called function may itself use something defined further down
      const seen = new Set<Declaration>([decl]);
      const queue: Declaration[] = [decl];
      while (queue.length) {
        const current = queue.shift()!;
        for (const used of uses.get(current) ?? []) {
          if (seen.has(used)) continue;
          seen.add(used);
          if (used.readyAt > pos) {
            findings.push({
              rule: "hoisting",
              message: `calling '${decl.name}' here runs code that uses '${used.name}', which is defined further down (Espruino does not hoist)`,
              pos,
            });
          }
          queue.push(used);
        }
      }
    }
    if (ref.crossesFunction && decl.scope.kind === "loop" && (decl.kind === "let" || decl.kind === "const")) {
      findings.push({
        rule: "loop-closure",
        message: `a function created inside this 'for (${decl.kind} ${decl.name} ...)' loop uses '${decl.name}': on Espruino every such closure sees its last value (use forEach, or copy it into a let inside the body)`,
        pos,
      });
    }
  }
  return findings;
}
