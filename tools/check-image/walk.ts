// A plain walk over an acorn tree that tells each visitor where the node sits: its ancestors and the
// key it hangs from in its parent (acorn-walk's callbacks do not say which child a node is).
import type { AnyNode } from "acorn";

export type Node = AnyNode;

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

/** The child nodes of `node`, each with the key it hangs from. */
export function childrenOf(node: Node): Array<{ key: string; child: Node }> {
  const out: Array<{ key: string; child: Node }> = [];
  for (const key of Object.keys(node)) {
    if (key === "loc" || key === "range") continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push({ key, child: item });
    } else if (isNode(value)) {
      out.push({ key, child: value });
    }
  }
  return out;
}

export type Visitor = (node: Node, ancestors: readonly Node[], key: string) => void;

/** Visits every node, parents before children. `ancestors` runs from the root to the parent. */
export function walk(root: Node, visit: Visitor): void {
  const ancestors: Node[] = [];
  const step = (node: Node, key: string): void => {
    visit(node, ancestors, key);
    ancestors.push(node);
    for (const { key: childKey, child } of childrenOf(node)) step(child, childKey);
    ancestors.pop();
  };
  step(root, "");
}

export function isFunction(node: Node): boolean {
  return node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression";
}

/** False for identifiers that name a property, a label or a meta property rather than a binding. */
export function isReferencePosition(parent: Node | undefined, key: string): boolean {
  if (!parent) return true;
  switch (parent.type) {
    case "MemberExpression":
      return key !== "property" || parent.computed;
    case "Property":
    case "MethodDefinition":
    case "PropertyDefinition":
      return key !== "key" || parent.computed;
    case "LabeledStatement":
    case "BreakStatement":
    case "ContinueStatement":
      return false;
    case "MetaProperty":
      return false;
    case "ExportSpecifier":
    case "ImportSpecifier":
    case "ImportDefaultSpecifier":
    case "ImportNamespaceSpecifier":
      return false;
    default:
      return true;
  }
}
