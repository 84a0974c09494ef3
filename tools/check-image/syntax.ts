// Syntax Espruino 2v2x cannot parse, or parses and then runs wrongly (../shared/ESPRUINO.md).
import type { Node } from "./walk";
import { isFunction } from "./walk";
import type { RawFinding } from "./types";

function syntax(message: string, pos: number): RawFinding {
  return { rule: "syntax", message, pos };
}

const LOGICAL_ASSIGNMENT = new Set(["??=", "||=", "&&="]);

function isPattern(node: Node | null | undefined): boolean {
  return !!node && (node.type === "ObjectPattern" || node.type === "ArrayPattern");
}

/** Findings for one node; called for every node of the image. */
export function syntaxRule(node: Node, ancestors: readonly Node[], code: string): RawFinding[] {
  const out: RawFinding[] = [];
  switch (node.type) {
    case "FunctionDeclaration":
    case "FunctionExpression":
    case "ArrowFunctionExpression":
      if (node.generator) out.push(syntax("generator function", node.start));
      if (node.async) out.push(syntax("async function (Espruino has no async/await)", node.start));
      for (const p of node.params) {
        if (p.type === "AssignmentPattern") out.push(syntax("default parameter", p.start));
        else if (p.type === "RestElement") out.push(syntax("rest parameter", p.start));
        else if (isPattern(p)) out.push(syntax("destructuring parameter", p.start));
      }
      break;
    case "SpreadElement": {
      const parent = ancestors[ancestors.length - 1];
      const where = parent?.type === "ObjectExpression" ? "object" : parent?.type === "ArrayExpression" ? "array" : "call";
      out.push(syntax(`spread in ${where}`, node.start));
      break;
    }
    case "VariableDeclaration":
      if (node.kind !== "var" && node.kind !== "let" && node.kind !== "const") out.push(syntax(`'${node.kind}' declaration`, node.start));
      break;
    case "VariableDeclarator":
      if (isPattern(node.id)) out.push(syntax("destructuring declaration", node.id.start));
      break;
    case "AssignmentExpression":
      if (isPattern(node.left)) out.push(syntax("destructuring assignment", node.left.start));
      if (LOGICAL_ASSIGNMENT.has(node.operator)) out.push(syntax(`logical assignment '${node.operator}'`, node.start));
      if (node.operator === "**=") out.push(syntax("exponent assignment '**='", node.start));
      break;
    case "ForInStatement":
    case "ForOfStatement": {
      const left = node.left.type === "VariableDeclaration" ? node.left.declarations[0].id : node.left;
      if (isPattern(left)) out.push(syntax("destructuring loop variable", left.start));
      if (node.type === "ForOfStatement" && node.await) out.push(syntax("for await", node.start));
      break;
    }
    case "CatchClause":
      if (isPattern(node.param)) out.push(syntax("destructuring catch parameter", node.param!.start));
      break;
    case "Property":
      if (node.computed && ancestors[ancestors.length - 1]?.type === "ObjectExpression") {
        out.push(syntax("computed key in object literal", node.start));
      }
      break;
    case "MethodDefinition":
      if (node.computed) out.push(syntax("computed method name", node.start));
      break;
    case "PropertyDefinition":
      out.push(syntax(node.static ? "static class field" : "class field (use the constructor)", node.start));
      break;
    case "StaticBlock":
      out.push(syntax("class static block", node.start));
      break;
    case "PrivateIdentifier":
      out.push(syntax(`#private name '#${node.name}'`, node.start));
      break;
    case "ChainExpression":
      out.push(syntax("optional chaining '?.'", node.start));
      break;
    case "BinaryExpression":
      if (node.operator === "**") out.push(syntax("exponent operator '**' (use Math.pow)", node.start));
      break;
    case "AwaitExpression":
      out.push(syntax("await", node.start));
      break;
    case "YieldExpression":
      break; // reported on its generator
    case "TaggedTemplateExpression":
      out.push(syntax("tagged template", node.start));
      break;
    case "MetaProperty":
      out.push(syntax(`${node.meta.name}.${node.property.name}`, node.start));
      break;
    case "ImportExpression":
      out.push(syntax("dynamic import()", node.start));
      break;
    case "Super": {
      for (let i = ancestors.length - 1; i >= 0; i--) {
        const a = ancestors[i];
        if (a.type === "ArrowFunctionExpression") {
          out.push(syntax("'super' inside an arrow function", node.start));
          break;
        }
        if (isFunction(a)) break;
      }
      break;
    }
    case "LabeledStatement":
      out.push(syntax(`label '${node.label.name}:' (labelled break/continue misbehave)`, node.start));
      break;
    case "Literal":
      if (node.bigint !== undefined) out.push(syntax("BigInt literal", node.start));
      break;
    case "ReturnStatement":
      returnNewline(node, ancestors, code, out);
      break;
    default:
      break;
  }
  return out;
}

/** `return` then a newline then a value: JavaScript returns undefined, Espruino returns the value. */
function returnNewline(node: Node & { type: "ReturnStatement" }, ancestors: readonly Node[], code: string, out: RawFinding[]): void {
  if (node.argument || code[node.end - 1] === ";") return;
  const parent = ancestors[ancestors.length - 1] as Node & { body?: unknown; consequent?: unknown };
  const siblings = Array.isArray(parent?.body) ? (parent.body as Node[]) : Array.isArray(parent?.consequent) ? (parent.consequent as Node[]) : [];
  const next = siblings[siblings.indexOf(node) + 1];
  if (next && next.type === "ExpressionStatement") {
    out.push({ rule: "return-newline", message: "'return' followed by a newline and a value: Espruino returns that value, JavaScript does not", pos: node.start });
  }
}
