// The JavaScript built-ins the firmware image may use: what Espruino 2v2x has (../shared/ESPRUINO.md,
// checked against Espruino's src/jswrap_*.c) AND Node has, since the same firmware runs in the host tests.
// tsconfig.firmware.json uses this instead of TypeScript's lib ("noLib"), so anything missing here
// (Map, Set, Symbol, Array.from, Object.freeze, Math.trunc, Number.isInteger, ...) is a type error.
// Device APIs live in device.d.ts. Rest parameters below are declarations only: the image itself
// may not use rest or spread syntax.

// ---- Types the compiler itself requires ----

interface Object {
  constructor: Function;
  toString(): string;
  valueOf(): Object;
  hasOwnProperty(key: string): boolean;
}

interface ObjectConstructor {
  (value?: any): any;
  new (value?: any): Object;
  readonly prototype: Object;
  assign<T extends {}, U>(target: T, source: U): T & U;
  assign<T extends {}, U, V>(target: T, source1: U, source2: V): T & U & V;
  assign<T extends {}, U, V, W>(target: T, source1: U, source2: V, source3: W): T & U & V & W;
  keys(o: {}): string[];
  values<T>(o: { [key: string]: T } | ArrayLike<T>): T[];
  values(o: {}): any[];
  entries<T>(o: { [key: string]: T } | ArrayLike<T>): [string, T][];
  entries(o: {}): [string, any][];
  fromEntries<T = any>(entries: ReadonlyArray<readonly [string, T]>): { [key: string]: T };
  /** Espruino ignores a second (properties) argument, so there is none. */
  create(o: object | null): any;
  getPrototypeOf(o: any): any;
  setPrototypeOf(o: any, proto: object | null): any;
}
declare var Object: ObjectConstructor;

/** Functions have no `.name` on Espruino. */
interface Function {
  apply(this: Function, thisArg: any, args?: any): any;
  call(this: Function, thisArg: any, ...args: any[]): any;
  bind(this: Function, thisArg: any, ...args: any[]): any;
  prototype: any;
  readonly length: number;
}
interface FunctionConstructor {
  readonly prototype: Function;
}
declare var Function: FunctionConstructor;
interface CallableFunction extends Function {}
interface NewableFunction extends Function {}

interface IArguments {
  [index: number]: any;
  length: number;
}

interface Boolean {
  valueOf(): boolean;
}
interface BooleanConstructor {
  (value?: any): boolean;
  readonly prototype: Boolean;
}
declare var Boolean: BooleanConstructor;

interface Number {
  toString(radix?: number): string;
  toFixed(fractionDigits?: number): string;
  valueOf(): number;
}
/** No Number.isInteger/isNaN/isFinite/parseInt on Espruino: use the globals. */
interface NumberConstructor {
  (value?: any): number;
  readonly prototype: Number;
  readonly NaN: number;
  readonly MAX_VALUE: number;
  readonly MIN_VALUE: number;
  readonly NEGATIVE_INFINITY: number;
  readonly POSITIVE_INFINITY: number;
}
declare var Number: NumberConstructor;

/** The type of regular expression literals. There is no RegExp constructor: firmware uses no regexes. */
interface RegExp {
  test(s: string): boolean;
}

/** No trimStart/trimEnd, lastIndexOf, at, or regex-taking overloads. */
interface String {
  readonly length: number;
  readonly [index: number]: string;
  toString(): string;
  valueOf(): string;
  charAt(pos: number): string;
  charCodeAt(index: number): number;
  indexOf(searchString: string, position?: number): number;
  includes(searchString: string, position?: number): boolean;
  startsWith(searchString: string, position?: number): boolean;
  endsWith(searchString: string, endPosition?: number): boolean;
  split(separator: string, limit?: number): string[];
  substr(from: number, length?: number): string;
  substring(start: number, end?: number): string;
  slice(start?: number, end?: number): string;
  toUpperCase(): string;
  toLowerCase(): string;
  trim(): string;
  padStart(maxLength: number, fillString?: string): string;
  padEnd(maxLength: number, fillString?: string): string;
  repeat(count: number): string;
  concat(...strings: string[]): string;
  /** replaces the first occurrence only */
  replace(searchValue: string, replaceValue: string): string;
}
interface StringConstructor {
  (value?: any): string;
  readonly prototype: String;
  fromCharCode(...codes: number[]): string;
}
declare var String: StringConstructor;

interface TemplateStringsArray extends ReadonlyArray<string> {
  readonly raw: readonly string[];
}

interface ArrayLike<T> {
  readonly length: number;
  readonly [n: number]: T;
}
interface ConcatArray<T> {
  readonly length: number;
  readonly [n: number]: T;
  join(separator?: string): string;
  slice(start?: number, end?: number): T[];
}

/** No lastIndexOf, flat, flatMap, at, findLast, copyWithin, keys/values/entries iterators. */
interface ReadonlyArray<T> {
  readonly length: number;
  readonly [n: number]: T;
  toString(): string;
  indexOf(searchElement: T, fromIndex?: number): number;
  includes(searchElement: T, fromIndex?: number): boolean;
  find<S extends T>(predicate: (value: T, index: number, obj: readonly T[]) => value is S): S | undefined;
  find(predicate: (value: T, index: number, obj: readonly T[]) => unknown): T | undefined;
  findIndex(predicate: (value: T, index: number, obj: readonly T[]) => unknown): number;
  join(separator?: string): string;
  slice(start?: number, end?: number): T[];
  concat(...items: (T | ConcatArray<T>)[]): T[];
  forEach(callbackfn: (value: T, index: number, array: readonly T[]) => void, thisArg?: any): void;
  map<U>(callbackfn: (value: T, index: number, array: readonly T[]) => U, thisArg?: any): U[];
  filter<S extends T>(predicate: (value: T, index: number, array: readonly T[]) => value is S, thisArg?: any): S[];
  filter(predicate: (value: T, index: number, array: readonly T[]) => unknown, thisArg?: any): T[];
  some(predicate: (value: T, index: number, array: readonly T[]) => unknown, thisArg?: any): boolean;
  every(predicate: (value: T, index: number, array: readonly T[]) => unknown, thisArg?: any): boolean;
  reduce(callbackfn: (previousValue: T, currentValue: T, currentIndex: number, array: readonly T[]) => T): T;
  reduce<U>(callbackfn: (previousValue: U, currentValue: T, currentIndex: number, array: readonly T[]) => U, initialValue: U): U;
}

interface Array<T> {
  length: number;
  [n: number]: T;
  toString(): string;
  indexOf(searchElement: T, fromIndex?: number): number;
  includes(searchElement: T, fromIndex?: number): boolean;
  find<S extends T>(predicate: (value: T, index: number, obj: T[]) => value is S): S | undefined;
  find(predicate: (value: T, index: number, obj: T[]) => unknown): T | undefined;
  findIndex(predicate: (value: T, index: number, obj: T[]) => unknown): number;
  fill(value: T, start?: number, end?: number): this;
  join(separator?: string): string;
  slice(start?: number, end?: number): T[];
  concat(...items: (T | ConcatArray<T>)[]): T[];
  forEach(callbackfn: (value: T, index: number, array: T[]) => void, thisArg?: any): void;
  map<U>(callbackfn: (value: T, index: number, array: T[]) => U, thisArg?: any): U[];
  filter<S extends T>(predicate: (value: T, index: number, array: T[]) => value is S, thisArg?: any): S[];
  filter(predicate: (value: T, index: number, array: T[]) => unknown, thisArg?: any): T[];
  some(predicate: (value: T, index: number, array: T[]) => unknown, thisArg?: any): boolean;
  every(predicate: (value: T, index: number, array: T[]) => unknown, thisArg?: any): boolean;
  reduce(callbackfn: (previousValue: T, currentValue: T, currentIndex: number, array: T[]) => T): T;
  reduce<U>(callbackfn: (previousValue: U, currentValue: T, currentIndex: number, array: T[]) => U, initialValue: U): U;
  sort(compareFn?: (a: T, b: T) => number): this;
  reverse(): T[];
  push(...items: T[]): number;
  pop(): T | undefined;
  shift(): T | undefined;
  unshift(...items: T[]): number;
  splice(start: number, deleteCount?: number, ...items: T[]): T[];
}
/** Only Array.isArray: no Array.from / Array.of. */
interface ArrayConstructor {
  new <T = any>(length?: number): T[];
  <T = any>(length?: number): T[];
  isArray(arg: any): arg is any[];
  readonly prototype: any[];
}
declare var Array: ArrayConstructor;

// ---- Utility types ----

type PropertyKey = string | number;
type Partial<T> = { [P in keyof T]?: T[P] };
type Required<T> = { [P in keyof T]-?: T[P] };
type Readonly<T> = { readonly [P in keyof T]: T[P] };
type Pick<T, K extends keyof T> = { [P in K]: T[P] };
type Record<K extends keyof any, T> = { [P in K]: T };
type Exclude<T, U> = T extends U ? never : T;
type Extract<T, U> = T extends U ? T : never;
type Omit<T, K extends keyof any> = Pick<T, Exclude<keyof T, K>>;
type NonNullable<T> = T & {};
type Parameters<T extends (...args: any) => any> = T extends (...args: infer P) => any ? P : never;
type ReturnType<T extends (...args: any) => any> = T extends (...args: any) => infer R ? R : any;
type Awaited<T> = T extends null | undefined
  ? T
  : T extends object & { then(onfulfilled: infer F, ...args: infer _): any }
    ? F extends (value: infer V, ...args: infer _) => any
      ? Awaited<V>
      : never
    : T;

// ---- Values ----

declare var NaN: number;
declare var Infinity: number;
declare function parseInt(string: string, radix?: number): number;
declare function parseFloat(string: string): number;
declare function isNaN(number: number): boolean;
declare function isFinite(number: number): boolean;

interface Math {
  readonly E: number;
  readonly PI: number;
  readonly LN2: number;
  readonly LN10: number;
  readonly LOG2E: number;
  readonly LOG10E: number;
  readonly SQRT2: number;
  readonly SQRT1_2: number;
  abs(x: number): number;
  acos(x: number): number;
  asin(x: number): number;
  atan(x: number): number;
  atan2(y: number, x: number): number;
  ceil(x: number): number;
  cos(x: number): number;
  exp(x: number): number;
  floor(x: number): number;
  log(x: number): number;
  max(...values: number[]): number;
  min(...values: number[]): number;
  pow(x: number, y: number): number;
  random(): number;
  round(x: number): number;
  sign(x: number): number;
  sin(x: number): number;
  sqrt(x: number): number;
  tan(x: number): number;
}
declare var Math: Math;

/** Espruino ignores a replacer and a reviver, so neither is declared. */
interface JSON {
  parse(text: string): any;
  stringify(value: any, replacer?: null, space?: string | number): string;
}
declare var JSON: JSON;

/** `.name` of errors is undefined on Espruino; TypeError is not `instanceof Error`; no RangeError. */
interface Error {
  message: string;
  stack?: string;
}
interface ErrorConstructor {
  new (message?: string): Error;
  (message?: string): Error;
  readonly prototype: Error;
}
declare var Error: ErrorConstructor;
interface TypeError {
  message: string;
  stack?: string;
}
interface TypeErrorConstructor {
  new (message?: string): TypeError;
  (message?: string): TypeError;
  readonly prototype: TypeError;
}
declare var TypeError: TypeErrorConstructor;

interface Date {
  getTime(): number;
  valueOf(): number;
  setTime(time: number): number;
  getFullYear(): number;
  getMonth(): number;
  getDate(): number;
  getDay(): number;
  getHours(): number;
  getMinutes(): number;
  getSeconds(): number;
  getMilliseconds(): number;
  getTimezoneOffset(): number;
  toString(): string;
  toISOString(): string;
}
interface DateConstructor {
  new (): Date;
  new (value: number | string): Date;
  new (year: number, monthIndex: number, date?: number, hours?: number, minutes?: number, seconds?: number, ms?: number): Date;
  readonly prototype: Date;
  now(): number;
  parse(s: string): number;
}
declare var Date: DateConstructor;

// ---- Promise: then, catch, all, resolve, reject (no race/allSettled/any/finally) ----

interface PromiseLike<T> {
  then<TResult1 = T, TResult2 = never>(
    onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: any) => TResult2 | PromiseLike<TResult2>) | null,
  ): PromiseLike<TResult1 | TResult2>;
}
interface Promise<T> {
  then<TResult1 = T, TResult2 = never>(
    onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: any) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2>;
  catch<TResult = never>(onrejected?: ((reason: any) => TResult | PromiseLike<TResult>) | null): Promise<T | TResult>;
}
interface PromiseConstructor {
  readonly prototype: Promise<any>;
  new <T>(executor: (resolve: (value: T | PromiseLike<T>) => void, reject: (reason?: any) => void) => void): Promise<T>;
  all<T>(values: readonly (T | PromiseLike<T>)[]): Promise<Awaited<T>[]>;
  resolve(): Promise<void>;
  resolve<T>(value: T): Promise<Awaited<T>>;
  reject<T = never>(reason?: any): Promise<T>;
}
declare var Promise: PromiseConstructor;

// ---- Typed arrays ----

interface ArrayBuffer {
  readonly byteLength: number;
}
interface ArrayBufferConstructor {
  new (byteLength: number): ArrayBuffer;
  readonly prototype: ArrayBuffer;
}
declare var ArrayBuffer: ArrayBufferConstructor;

/** What every Espruino typed array has (ArrayBufferView in jswrap_arraybuffer.c). */
interface TypedArray<Self> {
  readonly length: number;
  [index: number]: number;
  readonly buffer: ArrayBuffer;
  readonly byteLength: number;
  readonly byteOffset: number;
  set(array: ArrayLike<number>, offset?: number): void;
  subarray(begin?: number, end?: number): Self;
  slice(start?: number, end?: number): Self;
  indexOf(searchElement: number, fromIndex?: number): number;
  includes(searchElement: number, fromIndex?: number): boolean;
  join(separator?: string): string;
  sort(compareFn?: (a: number, b: number) => number): Self;
  reverse(): Self;
  fill(value: number, start?: number, end?: number): Self;
  forEach(callbackfn: (value: number, index: number, array: Self) => void, thisArg?: any): void;
  map(callbackfn: (value: number, index: number, array: Self) => number, thisArg?: any): Self;
  filter(predicate: (value: number, index: number, array: Self) => unknown, thisArg?: any): Self;
  find(predicate: (value: number, index: number, obj: Self) => unknown): number | undefined;
  findIndex(predicate: (value: number, index: number, obj: Self) => unknown): number;
  some(predicate: (value: number, index: number, array: Self) => unknown, thisArg?: any): boolean;
  every(predicate: (value: number, index: number, array: Self) => unknown, thisArg?: any): boolean;
  reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: Self) => number): number;
  reduce<U>(callbackfn: (previousValue: U, currentValue: number, currentIndex: number, array: Self) => U, initialValue: U): U;
}
interface TypedArrayConstructor<A> {
  new (lengthOrData: number | ArrayLike<number> | ArrayBuffer, byteOffset?: number, length?: number): A;
  readonly prototype: A;
  readonly BYTES_PER_ELEMENT: number;
}
interface Uint8Array extends TypedArray<Uint8Array> {}
interface Uint8ClampedArray extends TypedArray<Uint8ClampedArray> {}
interface Int8Array extends TypedArray<Int8Array> {}
interface Uint16Array extends TypedArray<Uint16Array> {}
interface Int16Array extends TypedArray<Int16Array> {}
interface Uint32Array extends TypedArray<Uint32Array> {}
interface Int32Array extends TypedArray<Int32Array> {}
interface Float32Array extends TypedArray<Float32Array> {}
interface Float64Array extends TypedArray<Float64Array> {}
declare var Uint8Array: TypedArrayConstructor<Uint8Array>;
declare var Uint8ClampedArray: TypedArrayConstructor<Uint8ClampedArray>;
declare var Int8Array: TypedArrayConstructor<Int8Array>;
declare var Uint16Array: TypedArrayConstructor<Uint16Array>;
declare var Int16Array: TypedArrayConstructor<Int16Array>;
declare var Uint32Array: TypedArrayConstructor<Uint32Array>;
declare var Int32Array: TypedArrayConstructor<Int32Array>;
declare var Float32Array: TypedArrayConstructor<Float32Array>;
declare var Float64Array: TypedArrayConstructor<Float64Array>;

// ---- Espruino globals the image uses (Node has the same names, so the host tests run the same code) ----

/** Timer ids are numbers. Clearing undefined throws on Espruino, so the clear functions demand a number. */
declare function setTimeout(callback: () => void, ms?: number): number;
declare function clearTimeout(id: number): void;
declare function setInterval(callback: () => void, ms?: number): number;
declare function clearInterval(id: number): void;

interface Console {
  log(...data: any[]): void;
}
declare var console: Console;

declare function require(name: "Storage"): StorageLib;
declare function require(name: "Flash"): FlashLib;

/** process.memory(): counts are in JsVars (blocks). */
interface ProcessMemory {
  free: number;
  usage: number;
  total: number;
  history: number;
  gc?: number;
  gctime?: number;
  stackEndAddress?: number;
  stackFree?: number;
}
interface Process {
  memory(gc?: boolean): ProcessMemory;
  readonly version: string;
}
declare var process: Process;
