// The real-interpreter tests run only where Espruino's Linux build is (make espruino); elsewhere they are skipped,
// and the first to skip says why, once for the whole run.
import { findInterpreter } from "../../tools/interpreter/find";

let said = false;

export function skipWithoutInterpreter(context: Mocha.Context): void {
  const found = findInterpreter();
  if (!("missing" in found)) return;
  if (!said) console.log(`    real-interpreter tests skipped: ${found.missing}`);
  said = true;
  context.skip();
}
