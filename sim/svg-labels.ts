// Placing text labels along a time axis so that none overlaps another: each label goes in the first row where
// it fits; where none has room, it joins the label that ends first ("1234#" + "5678#" -> "1234# 5678#"), so
// every item is still written once, in time order, and nothing is drawn over anything.

export interface LabelItem {
  /** where the item happens, px */
  x: number;
  text: string;
}

export interface PlacedLabel {
  x: number;
  row: number;
  text: string;
  /** the items this label writes */
  items: LabelItem[];
}

export interface LabelStyle {
  /** px per character (a monospace font makes this exact) */
  charWidth: number;
  rows: number;
  /** px kept free between two labels of a row */
  gap: number;
  /** labels start no further right than this (the drawing's right edge, less the text) */
  right: number;
}

export function textWidth(text: string, style: LabelStyle): number {
  return text.length * style.charWidth;
}

export function layoutLabels(items: LabelItem[], style: LabelStyle): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  /** per row, the label drawn last and where it ends */
  const rows: Array<{ label: PlacedLabel; end: number } | undefined> = Array(style.rows).fill(undefined);
  for (const item of [...items].sort((a, b) => a.x - b.x)) {
    const width = textWidth(item.text, style);
    const x = Math.min(item.x, style.right - width);
    const free = rows.findIndex((r) => !r || r.end + style.gap <= x);
    if (free >= 0) {
      const label: PlacedLabel = { x, row: free, text: item.text, items: [item] };
      placed.push(label);
      rows[free] = { label, end: x + width };
      continue;
    }
    // no room: write it after the label that ends first (nothing follows that one in its row yet)
    const row = rows.reduce((best, r, i) => (r!.end < rows[best]!.end ? i : best), 0);
    const last = rows[row]!;
    last.label.text += ` ${item.text}`;
    last.label.items.push(item);
    last.end = last.label.x + textWidth(last.label.text, style);
  }
  return placed;
}
