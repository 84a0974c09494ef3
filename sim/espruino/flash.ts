// A byte-level model of Espruino's `require("Storage")` for host tests and the simulator, ported from
// Espruino's src/jsflash.c (2v29, commit c5ff787): the same on-flash layout, file chain walk, delete
// marks, allocation and compaction, so a power cut at any flash step leaves exactly what a board's
// flash would hold. Host-only code: it never goes into the image.
//
// Layout (as jsflash.c): a chain of files from the start of the area, each a 32-byte header
// (uint32 size | flags<<24, then a 28-byte zero-padded name) and its data padded to 4 bytes.
// Deleting a file zeroes the first 4 name bytes (the file becomes trash until compaction).
// Rewriting a file with different content deletes it, then writes a new header (with the full
// length) and then the data; so a cut in between leaves no file, and a cut during the data leaves a
// file of full length whose unwritten tail reads back as 0xFF.
//
// Power cuts: the model counts flash steps. A step is one delete mark, one file header, one data
// byte, or (in compaction) one page erase or one copied byte. `cutPowerAt(n)` lets the next n steps
// happen and cuts power instead of the one after: it throws `PowerCut`, and from then on every call
// throws `PowerCut` (the CPU is off) until `powerOn()` or `restore()`.
//
// Deliberate differences from Espruino: a name over 28 characters or an empty name throws (Espruino
// silently truncates the name); StorageFile (`open`) and `list`'s filter are not modelled; writeJSON
// formats numbers to 11 significant digits but writes 1e21 as "1e+21" (Espruino: "10e+20").

/** Thrown at the instant of a power cut armed with `cutPowerAt`, and by every call until power returns. */
export class PowerCut extends Error {
  constructor() {
    super("power cut");
    this.name = "PowerCut";
  }
}

/** Wear of one file name since creation (or since the restored snapshot). */
export interface FileWear {
  /** writes that programmed flash (an identical rewrite is not counted) */
  writes: number;
  /** times a file of this name was marked deleted (erase, or a rewrite with different content) */
  erases: number;
  /** data bytes programmed for this name (headers excluded) */
  bytesWritten: number;
}

/** Wear of the whole area. */
export interface FlashWear {
  pageErases: number;
  compactions: number;
}

export interface FlashSnapshot {
  readonly bytes: Uint8Array;
  readonly files: Record<string, FileWear>;
  readonly flash: FlashWear;
}

export interface FlashStorage extends StorageLib {
  /** Let the next `step` flash steps happen, then cut power instead of the one after (0 = the very next). */
  cutPowerAt(step: number): void;
  /** Disarm a pending cut. */
  cancelPowerCut(): void;
  /** After a cut: power returns (a reboot; the flash keeps what the cut left). */
  powerOn(): void;
  isPoweredOff(): boolean;
  /** Flash steps performed since creation (monotonic): run an operation once to count its steps. */
  steps(): number;
  /** Wear per file name. */
  stats(): Record<string, FileWear>;
  flashWear(): FlashWear;
  snapshot(): FlashSnapshot;
  /** Put back flash content and wear from a snapshot; disarms any cut and powers on. */
  restore(snapshot: FlashSnapshot): void;
  /** A copy of the raw flash bytes. */
  raw(): Uint8Array;
}

export interface FlashOptions {
  /** size of the Storage area in bytes (default 16384); a multiple of pageSize */
  sizeBytes?: number;
  /** erase page size in bytes (default 4096, or sizeBytes if smaller) */
  pageSize?: number;
}

const HEADER = 32;
const NAME_BYTES = 28;
const ALIGN = 4;
const UNSET = 0xffffffff;
/** flash addresses start here so that 0 means "none", as in jsflash.c */
const BASE = 0x10000;
const GET_EMPTY = 0;
const GET_ALL = 1;

interface Header {
  size: number;
  /** first 4 name bytes as one word: 0 = deleted */
  firstChars: number;
  name: Uint8Array;
}

function align(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}

function fileSize(h: Header): number {
  return h.size & 0x00ffffff;
}

function fileFlags(h: Header): number {
  return h.size >>> 24;
}

function toBytes(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c <= 0xff) out.push(c);
    else for (const b of new TextEncoder().encode(ch)) out.push(b);
  }
  return out;
}

function dataBytes(data: unknown): number[] {
  if (typeof data === "string") return toBytes(data);
  if (data instanceof ArrayBuffer) return Array.prototype.slice.call(new Uint8Array(data)) as number[];
  if (ArrayBuffer.isView(data)) {
    return Array.prototype.slice.call(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) as number[];
  }
  if (Array.isArray(data)) return data.map((b) => Number(b) & 0xff);
  if (data !== null && typeof data === "object") return toBytes(JSON.stringify(data));
  return toBytes(String(data));
}

function bytesToString(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 4096) {
    s += String.fromCharCode.apply(null, Array.prototype.slice.call(bytes.subarray(i, i + 4096)) as number[]);
  }
  return s;
}

function nameBytes(name: unknown): Uint8Array {
  const text = String(name);
  const bytes = toBytes(text);
  if (bytes.length === 0) throw new Error("Storage: empty file name");
  if (bytes.length > NAME_BYTES) throw new Error("Storage: file name longer than 28 characters: " + text);
  const out = new Uint8Array(NAME_BYTES);
  out.set(bytes);
  return out;
}

function sameName(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < NAME_BYTES; i++) if (a[i] !== b[i]) return false;
  return true;
}

function nameText(name: Uint8Array): string {
  let end = name.indexOf(0);
  if (end < 0) end = NAME_BYTES;
  return bytesToString(name.subarray(0, end));
}

// ---- Espruino-style JSON (writeJSON / readJSON) ----

function isIdentifier(key: string): boolean {
  if (key.length === 0 || key.length >= 63) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
    const digit = c >= 48 && c <= 57;
    if (!(letter || (digit && i > 0))) return false;
  }
  return true;
}

function isIntegerish(key: string): boolean {
  return key.length > 0 && key.length < 10 && String(Number(key)) === key && Number(key) >= 0;
}

function espruinoNumber(n: number): string {
  if (!Number.isFinite(n)) return "null";
  if (Number.isInteger(n) && Math.abs(n) < 2147483648) return String(n);
  return String(Number(n.toPrecision(11)));
}

/** JSON as Espruino's writeJSON writes it: keys unquoted where they are identifiers or integers. */
export function espruinoJSON(value: unknown): string | undefined {
  if (value === null) return "null";
  if (typeof value === "undefined" || typeof value === "function") return undefined;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return espruinoNumber(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return espruinoJSON((value as { toJSON: () => unknown }).toJSON());
  }
  if (Array.isArray(value)) {
    return "[" + value.map((v) => { const s = espruinoJSON(v); return s === undefined ? "null" : s; }).join(",") + "]";
  }
  if (ArrayBuffer.isView(value)) return espruinoJSON(Array.prototype.slice.call(value));
  const parts: string[] = [];
  for (const key of Object.keys(value as object)) {
    const s = espruinoJSON((value as Record<string, unknown>)[key]);
    if (s === undefined) continue;
    parts.push((isIdentifier(key) || isIntegerish(key) ? key : JSON.stringify(key)) + ":" + s);
  }
  return "{" + parts.join(",") + "}";
}

/** Espruino's liberal JSON parse (readJSON): JSON plus unquoted keys. Throws SyntaxError on bad input. */
export function parseEspruinoJSON(text: string): unknown {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError("Got " + (i < text.length ? JSON.stringify(text[i]) : "EOF") + " at " + i + " in JSON");
  };
  const space = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const word = (): string => {
    const start = i;
    while (i < text.length && /[A-Za-z0-9_$]/.test(text[i])) i++;
    return text.slice(start, i);
  };
  const str = (): string => {
    const quote = text[i++];
    let out = "";
    while (i < text.length && text[i] !== quote) {
      let c = text[i++];
      if (c === "\\") {
        c = text[i++];
        if (c === "n") c = "\n";
        else if (c === "t") c = "\t";
        else if (c === "r") c = "\r";
        else if (c === "b") c = "\b";
        else if (c === "f") c = "\f";
        else if (c === "0") c = "\0";
        else if (c === "x" || c === "u") {
          const len = c === "x" ? 2 : 4;
          const hex = text.slice(i, i + len);
          if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) fail();
          c = String.fromCharCode(parseInt(hex, 16));
          i += len;
        } else if (c === undefined) fail();
      }
      out += c;
    }
    if (i >= text.length) fail();
    i++;
    return out;
  };
  const value = (): unknown => {
    space();
    const c = text[i];
    if (c === "{") {
      i++;
      const obj: Record<string, unknown> = {};
      space();
      if (text[i] === "}") { i++; return obj; }
      for (;;) {
        space();
        let key: string;
        if (text[i] === '"' || text[i] === "'") key = str();
        else {
          key = word();
          if (key === "") fail();
        }
        space();
        if (text[i] !== ":") fail();
        i++;
        obj[key] = value();
        space();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "}") { i++; return obj; }
        fail();
      }
    }
    if (c === "[") {
      i++;
      const arr: unknown[] = [];
      space();
      if (text[i] === "]") { i++; return arr; }
      for (;;) {
        arr.push(value());
        space();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "]") { i++; return arr; }
        fail();
      }
    }
    if (c === '"' || c === "'") return str();
    const m = /^-?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)/.exec(text.slice(i));
    if (m) { i += m[0].length; return Number(m[0]); }
    const w = word();
    if (w === "true") return true;
    if (w === "false") return false;
    if (w === "null") return null;
    if (w === "undefined") return undefined;
    return fail();
  };
  const result = value();
  space();
  if (i !== text.length) fail();
  return result;
}

// ---- the flash model ----

export function createFlashStorage(options?: FlashOptions): FlashStorage {
  const size = (options && options.sizeBytes) || 16384;
  const pageSize = (options && options.pageSize) || Math.min(4096, size);
  if (size % pageSize !== 0 || pageSize % ALIGN !== 0 || pageSize < 2 * HEADER) {
    throw new Error("flash model: sizeBytes must be a multiple of pageSize (>= 64, multiple of 4)");
  }
  const START = BASE;
  const END = BASE + size;
  let mem = new Uint8Array(size).fill(0xff);
  let files: Record<string, FileWear> = {};
  let flash: FlashWear = { pageErases: 0, compactions: 0 };
  let stepCount = 0;
  let cutAfter = -1;
  let poweredOff = false;

  function alive(): void {
    if (poweredOff) throw new PowerCut();
  }

  function step(): void {
    if (cutAfter === 0) {
      cutAfter = -1;
      poweredOff = true;
      throw new PowerCut();
    }
    if (cutAfter > 0) cutAfter--;
    stepCount++;
  }

  function wearOf(name: string): FileWear {
    if (!files[name]) files[name] = { writes: 0, erases: 0, bytesWritten: 0 };
    return files[name];
  }

  // -- jshFlash* primitives --
  function readWord(addr: number): number {
    const o = addr - BASE;
    return (mem[o] | (mem[o + 1] << 8) | (mem[o + 2] << 16) | (mem[o + 3] << 24)) >>> 0;
  }
  /** programming only clears bits, as NOR flash does */
  function program(addr: number, bytes: ArrayLike<number>): void {
    const o = addr - BASE;
    for (let k = 0; k < bytes.length; k++) mem[o + k] &= bytes[k];
  }
  function getPage(addr: number): { addr: number; len: number } | null {
    if (addr < START || addr >= END) return null;
    return { addr: START + Math.floor((addr - START) / pageSize) * pageSize, len: pageSize };
  }
  function erasePage(addr: number): void {
    step();
    const p = getPage(addr) as { addr: number; len: number };
    mem.fill(0xff, p.addr - BASE, p.addr - BASE + p.len);
    flash.pageErases++;
  }
  function erasePages(addr: number, len: number): void {
    let p = getPage(addr);
    while (p && p.addr < addr + len) {
      erasePage(p.addr);
      p = getPage(p.addr + p.len);
    }
  }

  // -- jsflash.c, ported --
  function getHeader(addr: number): Header | null {
    if (!addr) return null;
    const h: Header = {
      size: readWord(addr),
      firstChars: readWord(addr + 4),
      name: mem.slice(addr - BASE + 4, addr - BASE + HEADER),
    };
    const valid = h.size !== UNSET && h.size !== 0 && addr + HEADER + fileSize(h) <= END;
    return valid ? h : null;
  }
  function nextPage(addr: number): number {
    const p = getPage(addr);
    if (!p) return 0;
    const next = p.addr + p.len;
    return next >= END ? 0 : next;
  }
  function spaceLeftInPage(addr: number): number {
    const p = getPage(addr);
    if (!p) return 0;
    let nextStart = p.addr + p.len;
    if (nextStart < END && !getHeader(nextStart)) nextStart = END;
    return nextStart - addr;
  }
  /** jsfGetNextFileHeader: the header after `at`, or addr 0 / header null at the end */
  function nextHeader(at: { addr: number; h: Header }, type: number): boolean {
    const old = at.addr;
    at.addr = 0;
    let n = align(old + fileSize(at.h) + HEADER);
    if (n < old) return false;
    if (n + HEADER > END) return false;
    at.addr = n;
    let h = getHeader(n);
    if (type === GET_ALL && !h) {
      n = nextPage(n);
      at.addr = n;
      if (!n) return false;
      h = getHeader(n);
    }
    if (h) at.h = h;
    return h !== null;
  }
  /** every header in the chain, as jsfGetNextFileHeader(GET_ALL) walks it */
  function walk(fn: (addr: number, h: Header) => boolean | void): number {
    const first = getHeader(START);
    if (!first) return START;
    const at = { addr: START, h: first };
    do {
      if (fn(at.addr, at.h) === true) return at.addr;
    } while (nextHeader(at, GET_ALL));
    return at.addr;
  }
  function isRealFile(h: Header): boolean {
    return h.firstChars !== 0 && fileFlags(h) === 0;
  }
  function findFile(name: Uint8Array): { addr: number; h: Header } | null {
    let found: { addr: number; h: Header } | null = null;
    walk((addr, h) => {
      if (h.firstChars !== 0 && sameName(h.name, name)) {
        found = { addr: addr + HEADER, h };
        return true;
      }
      return false;
    });
    return found;
  }
  function isErased(addr: number, len: number): boolean {
    const o = addr - BASE;
    for (let k = 0; k < len; k++) if (mem[o + k] !== 0xff) return false;
    return true;
  }
  function isEqual(addr: number, data: number[]): boolean {
    const o = addr - BASE;
    for (let k = 0; k < data.length; k++) if (mem[o + k] !== data[k]) return false;
    return true;
  }
  function markDeleted(dataAddr: number, name: string): void {
    step();
    program(dataAddr - HEADER + 4, [0, 0, 0, 0]);
    wearOf(name).erases++;
  }

  interface Stats {
    fileBytes: number;
    fileCount: number;
    trashBytes: number;
    trashCount: number;
    total: number;
    free: number;
    firstPageWithErasedFiles: number;
  }
  function storageStats(): Stats {
    const s: Stats = { fileBytes: 0, fileCount: 0, trashBytes: 0, trashCount: 0, total: size, free: 0, firstPageWithErasedFiles: 0 };
    let lastAddr = START;
    let lastUnbrokenPageStart = START;
    const first = getHeader(START);
    if (first) {
      const at = { addr: START, h: first };
      do {
        const p = getPage(at.addr);
        if (p && p.addr === at.addr) lastUnbrokenPageStart = p.addr;
        const bytes = align(fileSize(at.h)) + HEADER;
        lastAddr = at.addr + bytes;
        if (at.h.firstChars !== 0) {
          s.fileBytes += bytes;
          s.fileCount++;
        } else {
          s.trashBytes += bytes;
          s.trashCount++;
          if (!s.firstPageWithErasedFiles) s.firstPageWithErasedFiles = lastUnbrokenPageStart;
        }
      } while (nextHeader(at, GET_ALL));
    }
    s.free = END - lastAddr;
    return s;
  }

  function compactWriteBuffer(
    st: { write: number; used: number; tail: number },
    readAddress: number,
    buf: Uint8Array,
  ): void {
    let nextFlashPage = nextPage(st.write) || END;
    while (st.used) {
      let s = st.used;
      if (s + st.tail > buf.length) s = buf.length - st.tail;
      if (s + st.write > nextFlashPage) s = nextFlashPage - st.write;
      if (readAddress < nextFlashPage) return; // still reading from the page we would write
      const p = getPage(st.write);
      if (p && p.addr === st.write) erasePage(st.write);
      for (let k = 0; k < s; k++) {
        step();
        program(st.write + k, [buf[st.tail + k]]);
      }
      st.write += s;
      nextFlashPage = nextPage(st.write) || END;
      st.tail = (st.tail + s) % buf.length;
      st.used -= s;
    }
  }

  function compactFrom(startAddress: number, buf: Uint8Array): boolean {
    const st = { write: startAddress, used: 0, tail: 0 };
    let head = 0;
    const push = (bytes: ArrayLike<number>) => {
      for (let k = 0; k < bytes.length; k++) {
        buf[head] = bytes[k];
        head = (head + 1) % buf.length;
      }
    };
    let addr = startAddress;
    const first = getHeader(addr);
    if (first) {
      const at = { addr, h: first };
      do {
        if (isRealFile(at.h)) {
          push(mem.subarray(at.addr - BASE, at.addr - BASE + HEADER));
          st.used += HEADER;
          let remaining = align(fileSize(at.h));
          let ptr = at.addr + HEADER;
          compactWriteBuffer(st, ptr, buf);
          while (remaining) {
            let s = buf.length - st.used;
            if (s > buf.length - head) s = buf.length - head;
            if (st.tail > head && s > st.tail - head) s = st.tail - head;
            if (s === 0) return false;
            if (s > remaining) s = remaining;
            buf.set(mem.subarray(ptr - BASE, ptr - BASE + s), head);
            remaining -= s;
            ptr += s;
            st.used += s;
            head = (head + s) % buf.length;
            compactWriteBuffer(st, ptr, buf);
          }
        }
      } while (nextHeader(at, GET_ALL));
      addr = at.addr;
    }
    compactWriteBuffer(st, END, buf);
    let write = st.write;
    if (write !== startAddress) write = nextPage(write - 1);
    if (write) {
      if (!addr) addr = END;
      erasePages(write, addr - write);
    }
    return true;
  }

  function compactAll(): boolean {
    const s = storageStats();
    if (!s.trashBytes) return false;
    flash.compactions++;
    let bufSize = Math.min(s.fileBytes, pageSize + HEADER);
    if (bufSize === 0) bufSize = ALIGN; // nothing to copy; only pages to erase
    return compactFrom(s.firstPageWithErasedFiles, new Uint8Array(bufSize));
  }

  /** jsfCreateFile: returns the data address, or 0 when there is no room even after compaction */
  function createFile(name: Uint8Array, fileLen: number): number {
    const required = align(fileLen) + HEADER;
    let compacted = false;
    let freeAddr = 0;
    while (!freeAddr) {
      let addr = START;
      let freeSpace = 0;
      let trashSpace = 0;
      do {
        const h = getHeader(addr);
        if (h) {
          const at = { addr, h };
          do {
            if (at.h.firstChars === 0) trashSpace += fileSize(at.h);
          } while (nextHeader(at, GET_EMPTY));
          addr = at.addr;
        }
        const space = spaceLeftInPage(addr);
        freeSpace += space;
        if (space < required) addr = nextPage(addr);
        else freeAddr = addr;
      } while (addr && !freeAddr);
      if (!freeAddr) {
        if (!compacted && required < freeSpace + trashSpace) {
          compacted = true;
          if (!compactAll()) return 0;
        } else {
          return 0;
        }
      }
    }
    const header = new Uint8Array(HEADER);
    header[0] = fileLen & 0xff;
    header[1] = (fileLen >>> 8) & 0xff;
    header[2] = (fileLen >>> 16) & 0xff;
    header[3] = 0; // flags: a normal file
    header.set(name, 4);
    step();
    program(freeAddr, header);
    return freeAddr + HEADER;
  }

  function writeFile(nameArg: string, data: number[], offset: number, sizeArg: number): boolean {
    const name = nameBytes(nameArg);
    const label = nameText(name);
    if (offset < 0 || sizeArg < 0) return false;
    let fileLen = sizeArg;
    if (fileLen === 0) fileLen = data.length;
    if (!fileLen) throw new Error("Can't create zero length file");
    const found = findFile(name);
    let addr = found ? found.addr : 0;
    let len = found ? fileSize(found.h) : 0;
    if ((!found && offset === 0) || (found && offset === 0 && (len !== fileLen || !isErased(addr, fileLen)))) {
      if (found && len === fileLen && data.length === fileLen && isEqual(addr, data)) return true;
      if (found) markDeleted(addr, label);
      addr = createFile(name, fileLen);
      len = fileLen;
    }
    if (!addr) throw new Error("Unable to find or create file");
    if (offset + data.length > len) throw new Error("Too much data for file size");
    if (!isErased(addr + offset, data.length)) throw new Error("File already written with different data");
    const wear = wearOf(label);
    wear.writes++;
    for (let k = 0; k < data.length; k++) {
      step();
      program(addr + offset + k, [data[k]]);
      wear.bytesWritten++;
    }
    return true;
  }

  function readFile(name: string, offset?: number, length?: number): string | undefined {
    const found = findFile(nameBytes(name));
    if (!found) return undefined;
    const fileLen = fileSize(found.h);
    let off = offset && offset > 0 ? Math.floor(offset) : 0;
    let len = length && length > 0 ? Math.floor(length) : fileLen;
    if (off > fileLen) off = fileLen;
    if (off + len > fileLen) len = fileLen - off;
    if (len <= 0) return "";
    const o = found.addr - BASE + off;
    return bytesToString(mem.subarray(o, o + len));
  }

  const storage: FlashStorage = {
    read(name: string, offset?: number, length?: number): string | undefined {
      alive();
      return readFile(name, offset, length);
    },
    readJSON(name: string, noExceptions?: boolean): any {
      alive();
      const text = readFile(name);
      if (text === undefined) return undefined;
      try {
        return parseEspruinoJSON(text);
      } catch (e) {
        if (noExceptions) return undefined;
        throw e;
      }
    },
    write(name: string, data: any, offset?: number, fileSizeArg?: number): boolean {
      alive();
      const isObject = data !== null && typeof data === "object" && !Array.isArray(data) && !ArrayBuffer.isView(data) && !(data instanceof ArrayBuffer);
      if (isObject) return writeFile(name, dataBytes(JSON.stringify(data)), 0, 0);
      return writeFile(name, dataBytes(data), Math.floor(offset || 0), Math.floor(fileSizeArg || 0));
    },
    writeJSON(name: string, data: any): boolean {
      alive();
      return writeFile(name, dataBytes(espruinoJSON(data) || ""), 0, 0);
    },
    erase(name: string): void {
      alive();
      const found = findFile(nameBytes(name));
      if (found) markDeleted(found.addr, nameText(found.h.name));
    },
    list(regex?: any): string[] {
      alive();
      const names: string[] = [];
      walk((_addr, h) => {
        if (!isRealFile(h)) return;
        const n = nameText(h.name);
        if (regex === undefined || regex === null || n.match(regex)) names.push(n);
      });
      return names;
    },
    getFree(): number {
      alive();
      return storageStats().free;
    },
    getStats() {
      alive();
      const s = storageStats();
      return {
        totalBytes: s.total,
        freeBytes: s.free,
        fileBytes: s.fileBytes,
        fileCount: s.fileCount,
        trashBytes: s.trashBytes,
        trashCount: s.trashCount,
      };
    },
    compact(): void {
      alive();
      compactAll();
    },

    cutPowerAt(n: number): void {
      if (!(n >= 0) || Math.floor(n) !== n) throw new Error("cutPowerAt: a step count >= 0");
      cutAfter = n;
    },
    cancelPowerCut(): void {
      cutAfter = -1;
    },
    powerOn(): void {
      poweredOff = false;
    },
    isPoweredOff(): boolean {
      return poweredOff;
    },
    steps(): number {
      return stepCount;
    },
    stats(): Record<string, FileWear> {
      const copy: Record<string, FileWear> = {};
      for (const k of Object.keys(files)) copy[k] = { ...files[k] };
      return copy;
    },
    flashWear(): FlashWear {
      return { ...flash };
    },
    snapshot(): FlashSnapshot {
      return { bytes: mem.slice(), files: storage.stats(), flash: { ...flash } };
    },
    restore(snap: FlashSnapshot): void {
      if (snap.bytes.length !== size) throw new Error("restore: snapshot of a different flash size");
      mem = snap.bytes.slice();
      files = {};
      for (const k of Object.keys(snap.files)) files[k] = { ...snap.files[k] };
      flash = { ...snap.flash };
      cutAfter = -1;
      poweredOff = false;
    },
    raw(): Uint8Array {
      return mem.slice();
    },
  };
  return storage;
}
