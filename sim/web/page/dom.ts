// Small DOM helpers for the bench page.
export function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

/** replaces a list's items with one per line: "  12.3 s  text" (kept scrolled to the end when it was there) */
export function fillLines(list: HTMLElement, lines: Array<{ t: number; text: string }>): void {
  const key = `${lines.length}|${lines.length > 0 ? lines[lines.length - 1].t + lines[lines.length - 1].text : ""}`;
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  const atEnd = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
  list.replaceChildren(
    ...lines.map((line) => {
      const item = document.createElement("li");
      const time = document.createElement("span");
      time.className = "t";
      time.textContent = `${(line.t / 1000).toFixed(3).padStart(9)} `;
      item.append(time, line.text);
      return item;
    }),
  );
  if (atEnd) list.scrollTop = list.scrollHeight;
}
