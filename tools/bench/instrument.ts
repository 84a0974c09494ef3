// Makes an image's closures visible to the RAM estimate. V8 hides a closure's scope from JavaScript (and
// keeps only the variables some closure uses, where Espruino keeps every local of the call), so the bench
// runs a copy of the image where, with insertions only:
//   - every function body starts with `var __bsD = __benchScope(ID, <the scope it was defined in>, probe)`,
//     where probe() returns the current value of each parameter and declared name of that call;
//   - every function value is passed through `__benchTag(fn, <the scope it is defined in>, ID)`.
// The host supplies __benchScope and __benchTag (harness.ts). The copy behaves as the image does; only the
// RAM estimate uses it.
import * as acorn from "acorn";
import * as walk from "acorn-walk";

export interface FunctionInfo {
  id: number;
  /** 1 for a function at the top level of the image */
  depth: number;
  params: string[];
  /** parameters, then var anywhere in the body, top-level let/const and function declarations */
  names: string[];
  /** the name of a named function expression */
  internalName?: string;
  line: number;
}

export interface InstrumentedImage {
  code: string;
  functions: FunctionInfo[];
}

export const SCOPE_HOOK = "__benchScope";
export const TAG_HOOK = "__benchTag";

interface Insertion {
  pos: number;
  /** closers go before openers at one position; openers outer-first, closers inner-first */
  closer: boolean;
  level: number;
  text: () => string;
}

interface FnState {
  info: FunctionInfo;
  names: Set<string>;
  /** function declarations at the top level of the body: tagged at its start (they are hoisted) */
  hoisted: Array<{ name: string; id: number }>;
}

interface WalkState {
  fn: FnState | null;
  /** 0 at the top level of a function body */
  blockDepth: number;
}

type AnyNode = acorn.Node & Record<string, any>;
/** acorn-walk's callback: its typings omit the third argument (the node type to visit as) it takes */
type Callback = (node: AnyNode, st: WalkState, type?: string) => void;
type Visitor = (node: AnyNode, st: WalkState, c: Callback) => void;

const scopeVar = (depth: number) => (depth <= 0 ? "null" : "__bs" + depth);

export function instrumentImage(code: string): InstrumentedImage {
  const ast = acorn.parse(code, { ecmaVersion: "latest", sourceType: "script", locations: true }) as AnyNode;
  const functions: FunctionInfo[] = [];
  const insertions: Insertion[] = [];
  const methods = new Set<acorn.Node>();
  walk.full(ast, (node: AnyNode) => {
    if (node.type === "Property" && (node.method || node.kind !== "init")) methods.add(node.value);
    if (node.type === "MethodDefinition") methods.add(node.value);
  });

  const nested = (st: WalkState): WalkState => ({ fn: st.fn, blockDepth: st.blockDepth + 1 });
  const base = walk.base as unknown as Record<string, Visitor>;
  const inBlock: Visitor = (node, st, c) => base[node.type](node, nested(st), c);

  const visitors: Record<string, Visitor> = {
    BlockStatement: inBlock,
    ForStatement: inBlock,
    ForInStatement: inBlock,
    ForOfStatement: inBlock,
    SwitchStatement: inBlock,
    VariableDeclaration(node, st, c) {
      if (st.fn && (node.kind === "var" || st.blockDepth === 0)) {
        for (const d of node.declarations) if (d.id.type === "Identifier") st.fn.names.add(d.id.name);
      }
      for (const d of node.declarations) {
        c(d.id, st, "Pattern");
        if (d.init) c(d.init, st, "Expression");
      }
    },
    Function(node, st, c) {
      const depth = (st.fn ? st.fn.info.depth : 0) + 1;
      const params: string[] = node.params.filter((p: AnyNode) => p.type === "Identifier").map((p: AnyNode) => p.name);
      const info: FunctionInfo = {
        id: functions.length + 1,
        depth,
        params,
        names: [],
        internalName: node.type === "FunctionExpression" && node.id ? node.id.name : undefined,
        line: node.loc ? node.loc.start.line : 0,
      };
      functions.push(info);
      const own: FnState = { info, names: new Set(params), hoisted: [] };
      const outer = scopeVar(depth - 1);

      if (node.type === "FunctionDeclaration") {
        if (st.fn) {
          st.fn.names.add(node.id.name);
          if (st.blockDepth === 0) st.fn.hoisted.push({ name: node.id.name, id: info.id });
        }
        if (!st.fn || st.blockDepth > 0) {
          const text = `;${TAG_HOOK}(${node.id.name},${outer},${info.id});`;
          insertions.push({ pos: node.end, closer: true, level: 2 * depth, text: () => text });
        }
      } else if (!methods.has(node)) {
        insertions.push({ pos: node.start, closer: false, level: 2 * depth, text: () => TAG_HOOK + "(" });
        insertions.push({ pos: node.end, closer: true, level: 2 * depth, text: () => `,${outer},${info.id})` });
      }

      const probe = () => {
        const reads = info.names.map((n) => `try{__bo.${n}=${n}}catch(__be){}`).join("");
        const tags = own.hoisted.map((h) => `${TAG_HOOK}(${h.name},${scopeVar(depth)},${h.id});`).join("");
        return `var ${scopeVar(depth)}=${SCOPE_HOOK}(${info.id},${outer},function(){var __bo={};${reads}return __bo});${tags}`;
      };
      const inner: WalkState = { fn: own, blockDepth: 0 };
      for (const p of node.params) c(p, inner, "Pattern");
      if (node.body.type === "BlockStatement") {
        insertions.push({ pos: node.body.start + 1, closer: false, level: 2 * depth + 1, text: probe });
        for (const statement of node.body.body) c(statement, inner, "Statement");
      } else {
        const arrow = code.lastIndexOf("=>", node.body.start);
        insertions.push({ pos: arrow + 2, closer: false, level: 2 * depth + 1, text: () => "{" + probe() + "return (" });
        insertions.push({ pos: node.end, closer: true, level: 2 * depth + 1, text: () => ");}" });
        c(node.body, inner, "Expression");
      }
      info.names = [...own.names];
    },
  };
  walk.recursive<WalkState>(ast as acorn.Node as acorn.Program, { fn: null, blockDepth: 0 }, visitors as unknown as walk.RecursiveVisitors<WalkState>);

  insertions.sort((a, b) => {
    if (a.pos !== b.pos) return a.pos - b.pos;
    if (a.closer !== b.closer) return a.closer ? -1 : 1;
    return a.closer ? b.level - a.level : a.level - b.level;
  });
  let out = "";
  let at = 0;
  for (const ins of insertions) {
    out += code.slice(at, ins.pos) + ins.text();
    at = ins.pos;
  }
  out += code.slice(at);
  return { code: out, functions };
}
