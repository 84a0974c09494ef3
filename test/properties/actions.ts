// What people and the world do to the lock in the property tests, as plain data (so fast-check can
// print and shrink a failing sequence), and the generators for them. Codes are named, not spelled:
// "the user code", "the mastercode", "a code added earlier", so a shrunk sequence still makes sense.
import fc from "fast-check";

export type CodeRef =
  | { ref: "user" }
  | { ref: "master" }
  | { ref: "added"; index: number }
  | { ref: "digits"; digits: string };

/** keys typed one after another: CLEAR first maybe, junk digits, a code, more junk, LOCK maybe */
export interface Entry {
  kind: "entry";
  clearFirst: boolean;
  prefix: string;
  code: CodeRef;
  suffix: string;
  submit: boolean;
  /** release-to-press gap: 150 ms for a person typing, up to 6 s for one who hesitates */
  gapMs: number;
}

export type ProgramOp =
  | { op: "add"; code: CodeRef }
  | { op: "delete"; code: CodeRef; again: CodeRef | "same" }
  | { op: "deleteAll" }
  | { op: "setting"; digit: number }
  | { op: "setMaster"; code: CodeRef; again: CodeRef | "same" }
  /** press Program, then nothing: TIMEOUT */
  | { op: "nothing" }
  /** hold Program longer than a press but shorter than the 5 s hold: nothing happens */
  | { op: "holdOnly"; ms: number };

export interface Program {
  kind: "program";
  op: ProgramOp;
  /** with a mastercode set: type a wrong one first */
  wrongMaster: boolean;
}

/** actions that can run inside a power cut, a flash cut or an ADC glitch */
export type Inner =
  | Entry
  | Program
  | { kind: "lockKey" }
  | { kind: "turnKey"; to: number; overMs: number }
  | { kind: "wait"; ms: number };

export type Reading = "nan" | "zero" | "full" | "throw";

export type Action =
  | Inner
  | { kind: "chord"; keys: string[]; ms: number }
  | { kind: "heldKey"; key: string; ms: number }
  | { kind: "bouncyKey"; key: string; bounces: number[] }
  | { kind: "block"; at: number | null }
  | { kind: "battery"; volts: number; ohms: number | null }
  | { kind: "freshBattery" }
  | { kind: "glitch"; reading: Reading; pin: "battery" | "current" | "both"; delayMs: number; ms: number; during: Inner }
  /** batteries out `afterMs` into `during` (a stroke, a programming dialogue...), back in after offMs */
  | { kind: "powerCut"; afterMs: number; during: Inner; offMs: number; turnWhileOff: { to: number; overMs: number } | null }
  /** power fails at flash step `step` of whatever `during` writes (if it writes that much) */
  | { kind: "flashCut"; step: number; during: Inner; offMs: number }
  /** Program held at power-up, released, pressed again: door handing (SPEC 8) */
  | { kind: "handingByHand" };

export interface Setup {
  hand: "left" | "right";
  /** bolt position when the batteries first go in */
  bolt: number;
  userCode: string;
  /** "" = no mastercode */
  master: string;
}

const digit = fc.constantFrom("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
const digits = (min: number, max: number) => fc.array(digit, { minLength: min, maxLength: max }).map((a) => a.join(""));
const ms = (min: number, max: number) => fc.integer({ min, max });

export const setupArb: fc.Arbitrary<Setup> = fc.record({
  hand: fc.constantFrom("left" as const, "right" as const),
  bolt: fc.constantFrom(0, 1, 0.5, 0.1, 0.9),
  userCode: digits(4, 8),
  master: fc.oneof({ weight: 1, arbitrary: fc.constant("") }, { weight: 1, arbitrary: digits(4, 8) }),
});

const codeRef: fc.Arbitrary<CodeRef> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ ref: "user" as const }) },
  { weight: 1, arbitrary: fc.constant({ ref: "master" as const }) },
  { weight: 2, arbitrary: fc.nat(5).map((index) => ({ ref: "added" as const, index })) },
  { weight: 3, arbitrary: digits(3, 9).map((d) => ({ ref: "digits" as const, digits: d })) },
);

const entry: fc.Arbitrary<Entry> = fc.record({
  kind: fc.constant("entry" as const),
  clearFirst: fc.boolean(),
  // mostly nothing around the code; sometimes enough to run past 8 digits
  prefix: fc.oneof({ weight: 4, arbitrary: fc.constant("") }, { weight: 1, arbitrary: digits(1, 5) }),
  code: codeRef,
  suffix: fc.oneof({ weight: 4, arbitrary: fc.constant("") }, { weight: 1, arbitrary: digits(1, 5) }),
  submit: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  gapMs: fc.oneof({ weight: 6, arbitrary: fc.constant(150) }, { weight: 1, arbitrary: ms(150, 6000) }),
});

const programOp: fc.Arbitrary<ProgramOp> = fc.oneof(
  { weight: 4, arbitrary: codeRef.map((code) => ({ op: "add" as const, code })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ code: codeRef, again: fc.oneof({ weight: 4, arbitrary: fc.constant("same" as const) }, { weight: 1, arbitrary: codeRef }) })
      .map((r) => ({ op: "delete" as const, ...r })),
  },
  { weight: 1, arbitrary: fc.constant({ op: "deleteAll" as const }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 5 }).map((d) => ({ op: "setting" as const, digit: d })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ code: codeRef, again: fc.oneof({ weight: 4, arbitrary: fc.constant("same" as const) }, { weight: 1, arbitrary: codeRef }) })
      .map((r) => ({ op: "setMaster" as const, ...r })),
  },
  { weight: 1, arbitrary: fc.constant({ op: "nothing" as const }) },
  { weight: 1, arbitrary: ms(2100, 4800).map((m) => ({ op: "holdOnly" as const, ms: m })) },
);

const program: fc.Arbitrary<Program> = fc.record({
  kind: fc.constant("program" as const),
  op: programOp,
  wrongMaster: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

const turn = fc.record({
  to: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0, 1) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) }),
  overMs: ms(50, 2000),
});

/** ms to minutes, mostly short */
const wait = fc.oneof(
  { weight: 4, arbitrary: ms(1, 1000) },
  { weight: 4, arbitrary: ms(1000, 12000) },
  { weight: 1, arbitrary: ms(12000, 180000) },
);

const inner: fc.Arbitrary<Inner> = fc.oneof(
  { weight: 6, arbitrary: entry },
  { weight: 3, arbitrary: program },
  { weight: 2, arbitrary: fc.constant({ kind: "lockKey" as const }) },
  { weight: 1, arbitrary: turn.map((t) => ({ kind: "turnKey" as const, ...t })) },
  { weight: 1, arbitrary: wait.map((m) => ({ kind: "wait" as const, ms: m })) },
);

/** what writes flash: programming mostly; wrong codes (a lockout), a valid code after wrong ones */
const fresh = digits(4, 8).map((d) => ({ ref: "digits" as const, digits: d }));
const changing: fc.Arbitrary<ProgramOp> = fc.oneof(
  { weight: 4, arbitrary: fresh.map((code) => ({ op: "add" as const, code })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }).map((d) => ({ op: "setting" as const, digit: d })) },
  { weight: 1, arbitrary: fc.constant({ op: "delete" as const, code: { ref: "user" as const }, again: "same" as const }) },
  { weight: 1, arbitrary: fresh.map((code) => ({ op: "setMaster" as const, code, again: "same" as const })) },
);
const writing: fc.Arbitrary<Inner> = fc.oneof(
  { weight: 6, arbitrary: changing.map((op) => ({ kind: "program" as const, op, wrongMaster: false })) },
  { weight: 1, arbitrary: program },
  { weight: 1, arbitrary: entry },
);

/** what makes the motor run: the user code, LOCK alone (one-touch locking) */
const stroking: fc.Arbitrary<Inner> = fc.oneof(
  { weight: 3, arbitrary: entry.map((e) => ({ ...e, prefix: "", suffix: "", code: { ref: "user" as const }, submit: true })) },
  { weight: 2, arbitrary: fc.constant({ kind: "lockKey" as const }) },
  { weight: 1, arbitrary: inner },
);

const anyKey = fc.constantFrom("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "L", "C");

export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 12, arbitrary: entry },
  { weight: 5, arbitrary: fc.constant({ kind: "lockKey" as const }) },
  { weight: 5, arbitrary: program },
  { weight: 4, arbitrary: wait.map((m) => ({ kind: "wait" as const, ms: m })) },
  { weight: 3, arbitrary: turn.map((t) => ({ kind: "turnKey" as const, ...t })) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("chord" as const), keys: fc.uniqueArray(anyKey, { minLength: 2, maxLength: 3 }), ms: ms(30, 400) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("heldKey" as const), key: anyKey, ms: ms(500, 4000) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("bouncyKey" as const), key: anyKey, bounces: fc.array(ms(1, 6), { minLength: 2, maxLength: 8 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.double({ min: 0.05, max: 0.95, noNaN: true }).map((at) => ({ kind: "block" as const, at })),
      fc.constant({ kind: "block" as const, at: null }),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("battery" as const),
      volts: fc.double({ min: 3.6, max: 6.4, noNaN: true }),
      ohms: fc.option(fc.double({ min: 0.3, max: 6, noNaN: true }), { nil: null }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "freshBattery" as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("glitch" as const),
      reading: fc.constantFrom("nan" as const, "zero" as const, "full" as const, "throw" as const),
      pin: fc.constantFrom("battery" as const, "current" as const, "both" as const),
      delayMs: ms(0, 3000),
      ms: ms(1, 4000),
      during: stroking,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("powerCut" as const),
      afterMs: ms(0, 4000),
      during: inner,
      offMs: ms(0, 5000),
      turnWhileOff: fc.option(turn, { nil: null, freq: 4 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("flashCut" as const), step: ms(0, 260), during: writing, offMs: ms(0, 3000) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "handingByHand" as const }) },
);

/** a short life of the lock: 5 to 15 things happening */
export const actionsArb = fc.array(actionArb, { minLength: 5, maxLength: 15 });

/** a life full of programming and power failures, in flash writes above all */
export const powerLossActionsArb = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("flashCut" as const), step: ms(0, 260), during: writing, offMs: ms(0, 3000) }) },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant("powerCut" as const), afterMs: ms(0, 9000), during: writing, offMs: ms(0, 3000), turnWhileOff: fc.constant(null) }),
    },
    { weight: 3, arbitrary: program },
    { weight: 3, arbitrary: entry },
    { weight: 1, arbitrary: fc.constant({ kind: "lockKey" as const }) },
    { weight: 1, arbitrary: wait.map((m) => ({ kind: "wait" as const, ms: m })) },
  ),
  { minLength: 5, maxLength: 15 },
);
