// Where an image runs: a global scope of its own holding the fake Espruino's globals. In Node it is a `vm`
// context (./vm.ts); in the browser bench a hidden iframe (sim/web/page/iframe-realm.ts), swapped in by the
// bench's bundler. The engine (sim/engine.ts) sees only this.
export interface ImageRealm {
  /** evaluates an expression in the image's global scope, as typed at Espruino's console */
  evaluate(expression: string): unknown;
  /** the CPU has stopped (batteries out): nothing of the image runs again */
  dispose(): void;
  /** in Node, the vm context itself (make bench walks the image's objects through it) */
  context?: unknown;
}
