// Property names the minified image may shorten. Espruino keeps every property name in RAM (a name
// over 4 characters costs extra JsVars) and in the image, so the minified build renames the
// firmware's own property names (config keys, effect fields, module methods) to one or two letters.
// Left alone: every name Espruino or JavaScript itself defines (all members declared in
// types/espruino/*.d.ts), the keys of the persisted record (flash written by one build is read by the
// next), and what the console and the simulator read (`Latchkey.status()`).
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "..");
const SOURCES = ["firmware", "hal/espruino", "hal/types.ts", "hal/board.ts"];
const ESPRUINO_DECLARATIONS = ["types/espruino/lib.d.ts", "types/espruino/device.d.ts"];


/** kept in flash across firmware updates (firmware/record.ts) */
const PERSISTED = ["codes", "master", "settings", "lockout", "handing", "autoLock", "audio", "oneTouch", "statusLed", "active", "lastMs", "extend", "extendMs", "retractMs", "passkey"];
/** read at the console and by the simulator (firmware/main.ts, firmware/machine.ts LockStatus) */
const CONSOLE = ["status", "battery", "mode", "locked", "handed", "lockedOut", "level", "rest", "loaded", "require"];
/** compared on errors (hal/espruino/kv.ts), which are not ours */
const FOREIGN = ["name"];

function files(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (fs.statSync(full).isFile()) return [full];
  return fs
    .readdirSync(full)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(full, f));
}

/** every property-like name a file declares or uses; `enumMembers` collects the members of its enums */
function propertyNames(file: string, enumMembers?: Set<string>): Set<string> {
  const names = new Set<string>();
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node) => {
    if (
      (ts.isPropertySignature(node) || ts.isMethodSignature(node) || ts.isPropertyAssignment(node) ||
        ts.isMethodDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isGetAccessor(node)) &&
      node.name && ts.isIdentifier(node.name)
    ) names.add(node.name.text);
    if (ts.isShorthandPropertyAssignment(node)) names.add(node.name.text);
    if (ts.isEnumMember(node) && ts.isIdentifier(node.name) && enumMembers) enumMembers.add(node.name.text);
    if (ts.isPropertyAccessExpression(node)) names.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** The names to mangle, as the regular expression esbuild's `mangleProps` takes. */
export function mangleablePropsPattern(): RegExp {
  const reserved = new Set<string>([...PERSISTED, ...CONSOLE, ...FOREIGN]);
  for (const file of ESPRUINO_DECLARATIONS) for (const n of propertyNames(path.join(ROOT, file))) reserved.add(n);
  const ours = new Set<string>();
  // esbuild writes a const enum's values in place, unless a member's name is to be mangled: then it
  // keeps the enum as an object whose members it fails to rename (Mode.READY reads undefined)
  const enumMembers = new Set<string>();
  for (const entry of SOURCES) for (const file of files(entry)) for (const n of propertyNames(file, enumMembers)) ours.add(n);
  const mangle = [...ours].filter((n) => !reserved.has(n) && !enumMembers.has(n)).sort();
  return new RegExp(`^(${mangle.join("|")})$`);
}
