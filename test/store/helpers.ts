// Shared by the store tests: records to save, a lock "reboot" over the same flash, slot texts
// built independently of firmware/store.ts, and a seeded random source.
import type { LockConfig } from "../../firmware/config";
import type { Kv } from "../../hal/types";
import { defaultRecord } from "../../firmware/record";
import type { LockRecord } from "../../firmware/record";
import { storeLoad, storeSave, storeUse } from "../../firmware/store";
import { FlashStorage, PowerCut } from "../../sim/espruino/flash";
import { useConfig } from "../support/config";
import { flashKv } from "../support/flash-kv";

export interface RecordStore {
  load(): LockRecord;
  /** true when it wrote (a record that is already in flash is not written again) */
  save(record: LockRecord): boolean;
  defaultRecord(): LockRecord;
}

/** The store as the lock builds it at power-up, over the flash as it is now. */
export function bootStore(flash: FlashStorage, config?: LockConfig): RecordStore {
  if (config) useConfig(config);
  let writes = 0;
  const kv = flashKv(flash);
  const counted: Kv = {
    read: kv.read,
    write(name, value) {
      writes++;
      return kv.write(name, value);
    },
  };
  storeUse(counted);
  return {
    load() {
      storeUse(counted);
      return storeLoad();
    },
    save(record) {
      storeUse(counted);
      const before = writes;
      return storeSave(record) && writes > before;
    },
    defaultRecord,
  };
}

/** Power returns after a cut: a fresh store over what the flash holds, loaded. */
export function rebootAndLoad(flash: FlashStorage, config?: LockConfig): LockRecord {
  flash.powerOn();
  return bootStore(flash, config).load();
}

/** Runs fn; a power cut is expected at any point and is swallowed. True when power was cut. */
export function runUntilCut(flash: FlashStorage, fn: () => void): boolean {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof PowerCut)) throw e;
  }
  return flash.isPoweredOff();
}

/** A different, valid record for each n (codes, settings, lockout and handing all vary). */
export function sampleRecord(n: number): LockRecord {
  const master = n % 3 === 0 ? "" : String(900000 + n).slice(0, 6);
  const codes: string[] = [];
  for (let i = 0; i < (n % 7) + 1; i++) {
    const code = (String(n * 7919 + i * 104729) + "31415926").slice(0, 4 + ((n + i) % 5));
    if (code !== master && !codes.includes(code)) codes.push(code);
  }
  return {
    codes,
    master,
    settings: (n % 2 === 0 ? 1 : 0) | (n % 3 !== 0 ? 2 : 0) | (n % 4 !== 1 ? 4 : 0) | (n % 5 === 0 ? 8 : 0),
    lockout: { active: n % 4 === 2, lastMs: n % 4 === 2 ? 60000 * ((n % 3) + 1) : 0 },
    handing: n % 5 === 4 ? null : { extend: n % 2 ? "A" : "B", extendMs: 800 + n, retractMs: 900 + n },
  };
}

/** A record as flash keeps it in JSON: the settings by name (menu order), not as bits. */
export function stored(r: LockRecord): object {
  const names = ["autoLock", "audio", "oneTouch", "statusLed"];
  const settings: Record<string, boolean> = {};
  names.forEach((name, i) => (settings[name] = (r.settings & (1 << i)) !== 0));
  return { ...r, settings };
}

/** Adler-32 written out again here, so the tests check the documented slot format, not the store against itself. */
export function adler32(text: string): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    a = (a + text.charCodeAt(i)) % 65521;
    b = (b + a) % 65521;
  }
  return b * 65536 + a;
}

/** A slot text with a valid checksum around any JSON text: `<seq>:<adler32 of "<seq>:" + json>:<json>`. */
export function slotText(seq: number, json: string): string {
  return seq + ":" + adler32(seq + ":" + json) + ":" + json;
}

/** mulberry32: a small seeded generator, so "random" cut points are the same on every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
