/** A tiny element builder: enough for a task pane, no framework. Text is always set as text. */

type Child = Node | string | false | null | undefined;
type Attrs = Record<string, string | number | boolean | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (name === 'className') el.className = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === false || child === null || child === undefined) continue;
    el.append(child);
  }
  return el;
}

/** "1 lỗi", "12 cảnh báo": Vietnamese nouns do not inflect, numbers use the Vietnamese grouping. */
export function count(n: number, noun: string): string {
  return `${n.toLocaleString('vi-VN')} ${noun}`;
}
