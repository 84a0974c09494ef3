// Latchkey.status() in words, whatever fields the firmware gives: "mode ready", "battery.level OK", ... and
// wrapped over as many lines as it takes, never cut (the terminal view and the browser bench).

/** "mode ready", "battery.level OK", ...: every field of the status, numbers to 2 decimals */
export function statusItems(status: unknown, prefix = ""): string[] {
  if (typeof status === "string") return [prefix ? `${prefix} ${status}` : status];
  if (status === null || status === undefined) return [prefix ? `${prefix} -` : "-"];
  if (typeof status !== "object") {
    const v = typeof status === "number" ? `${+status.toFixed(2)}` : typeof status === "boolean" ? (status ? "yes" : "no") : String(status);
    return [prefix ? `${prefix} ${v}` : v];
  }
  const items: string[] = [];
  for (const [key, value] of Object.entries(status as Record<string, unknown>)) items.push(...statusItems(value, prefix ? `${prefix}.${key}` : key));
  return items;
}

/** items joined by " | " into as many lines as it takes, none wider than `width`: nothing is cut */
export function wrapItems(first: string, items: string[], width: number): string[] {
  const lines: string[] = [];
  let line = first;
  for (const item of items) {
    const piece = line === first ? item : ` | ${item}`;
    if (line !== first && line.length + piece.length > width) {
      lines.push(line);
      line = `${" ".repeat(first.length)}${item}`;
    } else line += piece;
  }
  lines.push(line);
  // an item wider than the line on its own is broken, not cut
  return lines.flatMap((l) => (l.length <= width ? [l] : l.match(new RegExp(`.{1,${width}}`, "g")) ?? [l]));
}
