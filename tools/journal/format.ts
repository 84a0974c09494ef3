// The journal's on-flash format (firmware/journal.ts) as the host reads it: slots, event kinds and how each
// reads. One place for `make log` (tools/log.ts), the simulator's event log (sim/record/events.ts), the
// scenario language (`expect event unlock slot 1`) and the tests. The kinds are firmware/types.ts EventKind.

/** slot tags: 0x80 + EventKind for events */
export const TAG = { EVENT: 0x80, RECORD: 0xc0, LOCKOUT: 0xc1, MARK: 0xc2, UNIT: 0xf0 } as const;

export const EVENT = {
  TIME: 0,
  POWER_UP: 1,
  UNLOCK_CODE: 2,
  UNLOCK_KEY: 3,
  LOCK_ONE_TOUCH: 4,
  LOCK_AUTO: 5,
  LOCK_KEY: 6,
  WRONG_CODE: 7,
  LOCKOUT: 8,
  JAM: 9,
  HANDING_OK: 10,
  HANDING_FAILED: 11,
  BATTERY: 12,
  CODE_ADDED: 13,
  CODE_DELETED: 14,
  SETTING: 15,
  MASTER_SET: 16,
  DELETE_ALL: 17,
  FACTORY_RESET: 18,
  FAULT: 19,
  PASSKEY_SET: 20,
  PAIRING_OPEN: 21,
} as const;

/** the settings by programming-menu digit (firmware/record.ts Setting: bit n is digit n + 1) */
const SETTINGS = ["", "auto-lock", "audio", "one-touch", "status LED"];

/** kind -> its name, and its detail from the arg ("" when the arg says nothing) */
const KINDS: Array<[string, (arg: number) => string]> = [
  ["time set", () => ""],
  ["power-up", () => ""],
  ["unlock", (a) => `slot ${a}`],
  ["unlock", () => "key"],
  ["lock", () => "one-touch"],
  ["lock", () => "auto-lock"],
  ["lock", () => "key"],
  ["wrong code", () => ""],
  ["lockout", (a) => `${a} s`],
  ["jam", (a) => (a ? "locking" : "unlocking")],
  ["handing ok", (a) => `drive ${a ? "B" : "A"} extends`],
  ["handing failed", () => ""],
  ["battery", (a) => ["ok", "low", "critical", "dead"][a] ?? String(a)],
  ["code added", (a) => `slot ${a}`],
  ["code deleted", (a) => `slot ${a}`],
  ["setting", (a) => `${SETTINGS[a >> 1] ?? "digit " + (a >> 1)} ${a & 1 ? "on" : "off"}`],
  ["mastercode set", () => ""],
  ["all codes deleted", () => ""],
  ["factory reset", () => ""],
  ["fault", () => ""],
  ["passkey set", () => ""],
  ["pairing open", () => ""],
];

export function kindName(kind: number): string {
  return KINDS[kind] ? KINDS[kind][0] : `kind ${kind}`;
}

/** "unlock slot 1", "lockout 60 s", "setting audio on": how the log, the SVG and the scenario language say it */
export function eventText(kind: number, arg: number): string {
  const k = KINDS[kind];
  if (!k) return `kind ${kind} arg ${arg}`;
  const detail = k[1](arg);
  return detail ? `${k[0]} ${detail}` : k[0];
}

/** every event text a kind can have, for the scenario parser's messages */
export function eventNames(): string[] {
  return [...new Set(KINDS.map((k) => k[0]))];
}

/** zero bits in len bytes of d from o (the slot's Berger check) */
export function zeros(d: ArrayLike<number>, o: number, len: number): number {
  let z = 0;
  for (let i = 0; i < len; i++) for (let v = d[o + i]; v; v &= v - 1) z--;
  return z + 8 * len;
}

export interface Slot {
  tag: number;
  a: number;
  c: number;
}

/** the slot at d[o] when it checks (a record's text, before it, is not checked here), else undefined */
export function decodeSlot(d: ArrayLike<number>, o = 0): Slot | undefined {
  if (d.length < o + 8 || d[o] < TAG.EVENT || zeros(d, o, 7) !== d[o + 7]) return undefined;
  return { tag: d[o], a: d[o + 1] | (d[o + 2] << 8), c: (d[o + 3] | (d[o + 4] << 8) | (d[o + 5] << 16) | (d[o + 6] << 24)) >>> 0 };
}

/** what a lockout-bearing slot says: RECORD and LOCKOUT keep active + 2 * seconds above the text's zeros */
export function lockoutOf(s: Slot): { active: boolean; seconds: number } | undefined {
  if (s.tag === TAG.EVENT + EVENT.LOCKOUT) return { active: true, seconds: s.a };
  if (s.tag === TAG.RECORD || s.tag === TAG.LOCKOUT) return { active: ((s.c >> 12) & 1) === 1, seconds: s.c >>> 13 };
  return undefined;
}

/** One event as Latchkey.log prints it (`ev <power-up> <c> <kind> <a>`). */
export interface LoggedEvent {
  powerUp: number;
  /** seconds since that power-up (TIME and POWER_UP: 0) */
  seconds: number;
  kind: number;
  arg: number;
  /** TIME and POWER_UP: the Unix time at that power-up's start (0: not known) */
  start?: number;
}

/** The events in console output, oldest first; lines that are not events (echo, prompt, logs) are skipped. */
export function parseLog(output: string): LoggedEvent[] {
  const events: LoggedEvent[] = [];
  for (const line of output.split("\n")) {
    // the CLI prefixes what the board prints ("--] "), the console may add a prompt (">")
    const m = /(?:^|[\s>])ev (\d+) (\d+) (\d+) (\d+)\s*$/.exec(line);
    if (!m) continue;
    const [p, c, kind, a] = [+m[1], +m[2], +m[3], +m[4]];
    events.unshift(kind <= EVENT.POWER_UP ? { powerUp: p, seconds: 0, kind, arg: 0, start: c } : { powerUp: p, seconds: c, kind, arg: a });
  }
  return events;
}
