// Counts the work an image does, so that a test can see CPU time the simulator's virtual clock cannot: the
// image's text with `__work++` put before every statement it runs, at the top of every function body, and in
// every loop's body (a loop's iterations count even when its body is one expression). A global `__work` in the
// image's realm holds the count. Comparisons, and work done inside Espruino's own functions, are not counted:
// two runs with equal counts ran the same statements, loop iterations and calls. Host code only.
import { parse } from "acorn";
import { childrenOf, Node } from "../../tools/check-image/walk";

export const WORK_COUNTER = "__work";

const COUNT = WORK_COUNTER + "++;";
const LOOPS = new Set(["ForStatement", "ForInStatement", "ForOfStatement", "WhileStatement", "DoWhileStatement"]);
/** statement positions that hold one statement, not a list */
const SINGLE: Record<string, string[]> = { IfStatement: ["consequent", "alternate"], LabeledStatement: ["body"] };

interface Insertion {
  at: number;
  text: string;
  /** at one position: closing braces first, then what opens */
  rank: number;
}

function isStatement(node: Node): boolean {
  return /Statement$|Declaration$/.test(node.type);
}

/** `code` with the work counter; throws on code acorn cannot parse */
export function countWork(code: string): string {
  const program = parse(code, { ecmaVersion: "latest", sourceType: "script" }) as Node;
  const at: Insertion[] = [];
  const count = (pos: number) => at.push({ at: pos, text: COUNT, rank: 1 });
  /** one statement made a block that counts first */
  const wrap = (node: Node) => {
    at.push({ at: node.start, text: "{" + COUNT, rank: 1 });
    at.push({ at: node.end, text: "}", rank: 0 });
  };
  const visit = (node: Node) => {
    const children = childrenOf(node);
    for (const { key, child } of children) {
      const list = key === "body" && (node.type === "Program" || node.type === "BlockStatement") || key === "consequent" && node.type === "SwitchCase";
      if (list && isStatement(child)) count(child.start);
      else if ((SINGLE[node.type] || []).includes(key) && child.type !== "BlockStatement") wrap(child);
      else if (LOOPS.has(node.type) && key === "body") {
        if (child.type === "BlockStatement") count(child.start + 1);
        else wrap(child);
      } else if (key === "body" && /Function/.test(node.type)) {
        if (child.type === "BlockStatement") count(child.start + 1);
        else {
          // an arrow function's expression body
          at.push({ at: child.start, text: "(" + WORK_COUNTER + "++, ", rank: 1 });
          at.push({ at: child.end, text: ")", rank: 0 });
        }
      }
      visit(child);
    }
  };
  visit(program);
  at.sort((a, b) => a.at - b.at || a.rank - b.rank);
  let out = "var " + WORK_COUNTER + " = 0;\n";
  let pos = 0;
  for (const i of at) {
    out += code.slice(pos, i.at) + i.text;
    pos = i.at;
  }
  return out + code.slice(pos);
}
