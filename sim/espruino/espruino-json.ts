// JSON as Espruino 2v29 writes and reads it in Storage (writeJSON / readJSON): keys unquoted where they are
// identifiers or integers, numbers to 11 significant digits. Host-only, used by the Storage model (./flash.ts).

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

