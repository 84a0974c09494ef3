// A Kv in memory for host tests: what was written, how often, and a switch to make writes fail.
import type { Kv } from "../types";

export interface MemoryKv extends Kv {
  data: Record<string, string>;
  /** successful writes so far */
  writes: number;
  /** while true every write fails (flash full) and changes nothing */
  failWrites: boolean;
}

export function createMemoryKv(initial: Record<string, string> = {}): MemoryKv {
  const kv: MemoryKv = {
    data: { ...initial },
    writes: 0,
    failWrites: false,
    read: (name) => (Object.prototype.hasOwnProperty.call(kv.data, name) ? kv.data[name] : undefined),
    write(name, value) {
      if (kv.failWrites) return false;
      kv.data[name] = value;
      kv.writes++;
      return true;
    },
  };
  return kv;
}
