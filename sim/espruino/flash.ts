// A model of Espruino 2v29's `require("Storage")` for host tests and the simulator, ported from its
// src/jsflash.c (commit c5ff787) onto a model of the chip's NOR flash (./nor-flash.ts): the same
// on-flash layout, file chain walk, delete marks, allocation, compaction, and the check Espruino runs
// at the first boot after power-on (src/jsinteractive.c, jsiSemiInit), which erases ALL of Storage,
// the image `.bootcde` included, when it finds Storage corrupt. Host-only: never in the image.
//
// Layout (as jsflash.c): a chain of files from the start of the area, each a 32-byte header
// (uint32 size | flags<<24, then a 28-byte zero-padded name) and its data padded to 4 bytes.
// Deleting a file zeroes the first 4 name bytes (the file becomes trash until compaction).
// Rewriting a file with different content deletes it, then writes a new header (with the full
// length) and then the data. `write(name, data, offset, size)` with offset > 0 writes into a file
// that exists (only over erased bytes); offset 0 with a size creates a file of that size.
//
// Flash steps and power cuts are those of the chip model: one step per 4-byte word programmed
// (a header is 8 words, a delete mark 1) and per page erased; a cut tears the step it lands on
// (see nor-flash.ts). `powerOn()` after a cut is a power-up: it runs Espruino's Storage check and,
// when Storage is corrupt, prints nothing but counts it and erases all of Storage, as 2v29 does.
//
// Deliberate differences from Espruino: a name over 28 characters or an empty name throws (Espruino
// silently truncates the name); StorageFile (`open`) and `list`'s filter are not modelled (the lock
// uses neither); the FILENAME_TABLE that only the Linux build keeps (ESPR_STORAGE_FILENAME_TABLE) is not
// modelled; writeJSON writes 1e21 as "1e+21" (Espruino: "10e+20").
import { espruinoJSON, parseEspruinoJSON } from "./espruino-json";
import { CutMode, createNorFlash, NorFlash, NorFlashSnapshot } from "./nor-flash";

export { PowerCut } from "./nor-flash";
export type { CutMode } from "./nor-flash";
export { espruinoJSON, parseEspruinoJSON } from "./espruino-json";

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
  /** power-ups that found Storage corrupt and erased all of it */
  storageResets: number;
}

export interface FlashSnapshot {
  readonly chip: NorFlashSnapshot;
  readonly files: Record<string, FileWear>;
  readonly flash: FlashWear;
}

export interface FlashStorage extends StorageLib {
  /** Let the next `step` flash steps happen, then cut power during the one after (0 = the very next), or before it. */
  cutPowerAt(step: number, mode?: CutMode): void;
  /** Disarm a pending cut. */
  cancelPowerCut(): void;
  /** Power returns after a cut: the first boot runs Espruino's Storage check (erase-all when corrupt). */
  powerOn(): void;
  isPoweredOff(): boolean;
  /** Flash steps performed since creation (monotonic): run an operation once to count its steps. */
  steps(): number;
  /** Wear per file name. */
  stats(): Record<string, FileWear>;
  flashWear(): FlashWear;
  snapshot(): FlashSnapshot;
  /** Put back flash content and wear from a snapshot; disarms any cut and powers on (no check). */
  restore(snapshot: FlashSnapshot): void;
  /** A copy of the Storage area's bytes. */
  raw(): Uint8Array;
  /** jsfIsStorageValid(JSFSTT_NORMAL), Espruino's power-up test: false = it would erase everything */
  isValid(): boolean;
  /** require("Storage").eraseAll() (jsfEraseAll) */
  eraseAll(): void;
  /** the chip under this Storage (shared with the raw Flash model) */
  readonly chip: NorFlash;
  /** first and one-past-last address of the Storage area */
  readonly start: number;
  readonly end: number;
}

export interface FlashOptions {
  /** size of the Storage area in bytes (default 16384); a multiple of pageSize */
  sizeBytes?: number;
  /** erase page size in bytes (default 4096, or sizeBytes if smaller) */
  pageSize?: number;
  /** Storage on this chip instead of a chip of its own, from `start` for `sizeBytes` bytes */
  chip?: NorFlash;
  start?: number;
  /** seeds the torn bits of cuts (own chip only) */
  seed?: number;
}

const HEADER = 32;
const NAME_BYTES = 28;
const ALIGN = 4;
const UNSET = 0xffffffff;
/** where a Storage with a chip of its own starts (any address but 0, which jsflash.c reads as "none") */
const BASE = 0x10000;
const GET_EMPTY = 0;
const GET_ALL = 1;
const FLAG_STORAGEFILE = 64;
const FLAG_COMPRESSED = 128;

/** JsfFileHeader as read from flash: the raw size word, the first name word and all 28 name bytes */
interface Header {
  size: number;
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

/** What JSV_GET_AS_CHAR_ARRAY makes of write()'s data: strings, arrays and typed arrays as bytes */
export function dataBytes(data: unknown): number[] {
  if (typeof data === "string") return toBytes(data);
  if (data instanceof ArrayBuffer) return Array.prototype.slice.call(new Uint8Array(data)) as number[];
  if (ArrayBuffer.isView(data)) {
    return Array.prototype.slice.call(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) as number[];
  }
  if (Array.isArray(data)) return data.map((b) => Number(b) & 0xff);
  if (data !== null && typeof data === "object") return toBytes(JSON.stringify(data));
  return toBytes(String(data));
}

export function bytesToString(bytes: Uint8Array): string {
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

function wordBytes(w: number): number[] {
  return [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, (w >>> 24) & 0xff];
}

/**
 * jshFlashWriteAligned (src/jshardware_common.c): a write at any address and length as whole words; an
 * unaligned head or tail word is read, the new bytes copied in, and the word written back.
 */
export function writeAligned(chip: NorFlash, addr: number, data: ArrayLike<number>): void {
  let i = 0;
  let len = data.length;
  const head = addr & 3;
  if (head && len) {
    const word = chip.read(addr - head, 4);
    const n = Math.min(4 - head, len);
    for (let k = 0; k < n; k++) word[head + k] = data[k];
    chip.program(addr - head, word);
    i = n;
    addr += n;
    len -= n;
  }
  const body = len - (len & 3);
  if (body) {
    const words = new Uint8Array(body);
    for (let k = 0; k < body; k++) words[k] = data[i + k];
    chip.program(addr, words);
  }
  i += body;
  addr += body;
  len -= body;
  if (len) {
    const word = chip.read(addr, 4);
    for (let k = 0; k < len; k++) word[k] = data[i + k];
    chip.program(addr, word);
  }
}

export function createFlashStorage(options?: FlashOptions): FlashStorage {
  const size = (options && options.sizeBytes) || 16384;
  const pageSize = (options && options.pageSize) || Math.min(4096, size);
  const START = options && options.chip ? (options.start as number) : BASE;
  const END = START + size;
  if (size % pageSize !== 0 || pageSize % ALIGN !== 0 || pageSize < 2 * HEADER) {
    throw new Error("flash model: sizeBytes must be a multiple of pageSize (>= 64, multiple of 4)");
  }
  const chip =
    (options && options.chip) ||
    createNorFlash({ runs: [{ addr: BASE, pageSize, count: size / pageSize }], seed: options && options.seed });
  if (!chip.covers(START, size)) throw new Error("flash model: the Storage area is not on the chip");
  let files: Record<string, FileWear> = {};
  let flash: FlashWear = { pageErases: 0, compactions: 0, storageResets: 0 };

  function wearOf(name: string): FileWear {
    if (!files[name]) files[name] = { writes: 0, erases: 0, bytesWritten: 0 };
    return files[name];
  }

  // -- jshFlash* primitives, restricted to this Storage area as jsfGetBankEndAddress is --
  function getPage(addr: number): { addr: number; len: number } | null {
    if (addr < START || addr >= END) return null;
    const p = chip.getPage(addr);
    return p ? { addr: p.addr, len: p.length } : null;
  }
  function erasePage(addr: number): void {
    flash.pageErases++;
    chip.erasePage(addr);
  }
  /** jshFlashErasePages: whole pages from the one holding addr, while below addr + len */
  function erasePages(addr: number, len: number): void {
    let p = getPage(addr);
    while (p && p.addr < addr + len) {
      erasePage(p.addr);
      p = getPage(p.addr + p.len);
    }
  }

  // -- jsflash.c, ported --
  /** jsfGetFileHeader: reads into h (always the size and first name word; the name only if full) */
  function readHeader(addr: number, h: Header, full: boolean): boolean {
    if (!addr) return false;
    const bytes = chip.read(addr, full ? HEADER : 8);
    h.size = (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0;
    h.firstChars = (bytes[4] | (bytes[5] << 8) | (bytes[6] << 16) | (bytes[7] << 24)) >>> 0;
    if (full) h.name = bytes.slice(4, HEADER);
    return h.size !== UNSET && h.size !== 0 && addr + HEADER + fileSize(h) <= END;
  }
  function newHeader(): Header {
    return { size: 0, firstChars: 0, name: new Uint8Array(NAME_BYTES) };
  }
  function getHeader(addr: number): Header | null {
    const h = newHeader();
    return readHeader(addr, h, true) ? h : null;
  }
  /** jsfGetAddressOfNextPage */
  function nextPage(addr: number): number {
    const p = getPage(addr);
    if (!p) return 0;
    const next = p.addr + p.len;
    return next >= END ? 0 : next;
  }
  /** jsfGetSpaceLeftInPage */
  function spaceLeftInPage(addr: number): number {
    const p = getPage(addr);
    if (!p) return 0;
    let nextStart = p.addr + p.len;
    if (nextStart < END && !getHeader(nextStart)) nextStart = END;
    return nextStart - addr;
  }
  /** jsfGetNextFileHeader: at.h is overwritten by whatever was read, valid or not, as in C */
  function nextHeader(at: { addr: number; h: Header }, type: number): boolean {
    const old = at.addr;
    at.addr = 0;
    let n = align(old + fileSize(at.h) + HEADER);
    if (n < old) return false;
    if (n + HEADER > END) return false;
    at.addr = n;
    let valid = readHeader(n, at.h, true);
    if (type === GET_ALL && !valid) {
      n = nextPage(n);
      at.addr = n;
      if (!n) return false;
      valid = readHeader(n, at.h, true);
    }
    return valid;
  }
  /** every header in the chain, as jsfGetNextFileHeader(GET_ALL) walks it */
  function walk(fn: (addr: number, h: Header) => boolean | void): void {
    const first = getHeader(START);
    if (!first) return;
    const at = { addr: START, h: first };
    do {
      if (fn(at.addr, at.h) === true) return;
    } while (nextHeader(at, GET_ALL));
  }
  /** jsfIsRealFile: not deleted, and a plain, StorageFile or compressed file */
  function isRealFile(h: Header): boolean {
    const f = fileFlags(h);
    return h.firstChars !== 0 && (f === 0 || f === FLAG_STORAGEFILE || f === FLAG_COMPRESSED);
  }
  function findFile(name: Uint8Array): { addr: number; h: Header } | null {
    let found: { addr: number; h: Header } | null = null;
    walk((addr, h) => {
      if (h.firstChars !== 0 && sameName(h.name, name)) {
        found = { addr: addr + HEADER, h: { size: h.size, firstChars: h.firstChars, name: h.name.slice() } };
        return true;
      }
      return false;
    });
    return found;
  }
  function isErased(addr: number, len: number): boolean {
    const bytes = chip.read(addr, len);
    for (let k = 0; k < len; k++) if (bytes[k] !== 0xff) return false;
    return true;
  }
  function isEqual(addr: number, data: number[]): boolean {
    const bytes = chip.read(addr, data.length);
    for (let k = 0; k < data.length; k++) if (bytes[k] !== data[k]) return false;
    return true;
  }
  /** jsfEraseFileInternal: zero the first name word (one word write) */
  function markDeleted(dataAddr: number, name: string): void {
    wearOf(name).erases++;
    chip.program(dataAddr - HEADER + 4, [0, 0, 0, 0]);
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
  /** jsfGetStorageStats(START, true) */
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

  /** jsfIsBankStorageValid(START, JSFSTT_NORMAL): the power-up check */
  function isStorageValid(): boolean {
    let addr = START;
    let oldAddr = addr;
    const h = newHeader();
    const valid = readHeader(addr, h, true);
    if (valid) {
      const at = { addr, h };
      while (nextHeader(at, GET_ALL)) oldAddr = at.addr;
      addr = at.addr;
      if (!addr) {
        // may have stopped only because Storage is full
        const n = align(oldAddr + fileSize(h) + HEADER);
        if (n < oldAddr) return false;
        if (n <= END && n + HEADER > END) return true;
      }
    }
    // h holds the last header read (the invalid one that ended the walk, or the last valid one when
    // the walk stopped at the end of the area), as the C code's `header` does
    let allFF = h.size === UNSET;
    for (let i = 0; i < NAME_BYTES && allFF; i++) if (h.name[i] !== 0xff) allFF = false;
    if (allFF && addr === START) return isErased(addr, END - addr);
    return allFF;
  }

  function compactWriteBuffer(st: { write: number; used: number; tail: number }, readAddress: number, buf: Uint8Array): void {
    let nextFlashPage = nextPage(st.write) || END;
    while (st.used) {
      let s = st.used;
      if (s + st.tail > buf.length) s = buf.length - st.tail;
      if (s + st.write > nextFlashPage) s = nextFlashPage - st.write;
      if (readAddress < nextFlashPage) return; // still reading from the page we would write
      const p = getPage(st.write);
      if (p && p.addr === st.write) erasePage(st.write);
      chip.program(st.write, buf.subarray(st.tail, st.tail + s));
      st.write += s;
      nextFlashPage = nextPage(st.write) || END;
      st.tail = (st.tail + s) % buf.length;
      st.used -= s;
    }
  }

  /** jsfCompactInternal: files copied down through a RAM buffer while the pages under them are erased */
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
          push(chip.read(at.addr, HEADER));
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
            buf.set(chip.read(ptr, s), head);
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

  /** jsfBankCompact: the buffer holds up to one page plus a header */
  function compactAll(): boolean {
    const s = storageStats();
    if (!s.trashBytes) return false;
    flash.compactions++;
    const first = getPage(START) as { addr: number; len: number };
    let bufSize = Math.min(s.fileBytes, first.len + HEADER);
    if (bufSize === 0) bufSize = ALIGN; // nothing to copy; only pages to erase
    return compactFrom(s.firstPageWithErasedFiles, new Uint8Array(bufSize));
  }

  /** jsfCreateFile: returns the data address, or 0 when there is no room even after compaction */
  function createFile(name: Uint8Array, fileLen: number, flags: number): number {
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
    header.set(wordBytes((fileLen | (flags << 24)) >>> 0), 0);
    header.set(name, 4);
    chip.program(freeAddr, header);
    return freeAddr + HEADER;
  }

  /** jsfWriteFile (flags JSFF_NONE, as Storage.write uses it) */
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
    const flags = found ? fileFlags(found.h) : 0;
    if ((!found && offset === 0) || (found && offset === 0 && (flags !== 0 || len !== fileLen || !isErased(addr, fileLen)))) {
      if (found && flags === 0 && len === fileLen && data.length === fileLen && isEqual(addr, data)) return true;
      if (found) markDeleted(addr, label);
      addr = createFile(name, fileLen, 0);
      len = fileLen;
    }
    if (!addr) throw new Error("Unable to find or create file");
    if (offset + data.length > len) throw new Error("Too much data for file size");
    if (!isErased(addr + offset, data.length)) throw new Error("File already written with different data");
    const wear = wearOf(label);
    wear.writes++;
    wear.bytesWritten += data.length;
    writeAligned(chip, addr + offset, data);
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
    return bytesToString(chip.read(found.addr + off, len));
  }

  function alive(): void {
    chip.alive();
  }

  const storage: FlashStorage = {
    chip,
    start: START,
    end: END,
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
    eraseAll(): void {
      alive();
      erasePages(START, size);
    },
    isValid(): boolean {
      return isStorageValid();
    },

    cutPowerAt(n: number, mode?: CutMode): void {
      chip.cutPowerAt(n, mode);
    },
    cancelPowerCut(): void {
      chip.cancelPowerCut();
    },
    powerOn(): void {
      chip.powerOn();
      // jsiSemiInit at the first boot: "Storage is corrupt." then jsfResetStorage (jsfEraseAll)
      if (!isStorageValid()) {
        flash.storageResets++;
        erasePages(START, size);
      }
    },
    isPoweredOff(): boolean {
      return chip.isPoweredOff();
    },
    steps(): number {
      return chip.steps();
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
      return { chip: chip.snapshot(), files: storage.stats(), flash: { ...flash } };
    },
    restore(snap: FlashSnapshot): void {
      chip.restore(snap.chip);
      files = {};
      for (const k of Object.keys(snap.files)) files[k] = { ...snap.files[k] };
      flash = { ...snap.flash };
    },
    raw(): Uint8Array {
      return chip.read(START, size);
    },
  };
  return storage;
}
