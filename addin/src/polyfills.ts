/**
 * The few built-ins newer than the pane's oldest webview: EdgeHTML 18 (Microsoft Edge Legacy), which
 * Office 2016 and 2019 retail on Windows use when WebView2 is not installed (see addin/README.md).
 * The build lowers syntax to that target, not library functions; the pane's code and its libraries
 * (zod, yaml) call these. Each is installed only where missing. Imported first by main.ts.
 * test/addin/taskpane.test.ts removes them all in Chromium and runs the pane.
 */

/* eslint-disable no-extend-native */
function define(target: object, name: string, value: unknown): void {
  if (!(name in target)) Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
}

// globalThis (ES2020): `self` is the window in a page.
if (typeof globalThis === 'undefined') define(self, 'globalThis', self);

define(Object, 'fromEntries', function fromEntries(entries: Iterable<readonly [PropertyKey, unknown]>) {
  const out: Record<PropertyKey, unknown> = {};
  for (const [k, v] of entries) out[k] = v;
  return out;
});
define(Object, 'hasOwn', function hasOwn(o: object, key: PropertyKey) {
  return Object.prototype.hasOwnProperty.call(o, key);
});

function flatten(list: unknown[], depth: number, out: unknown[]): unknown[] {
  for (const item of list) {
    if (Array.isArray(item) && depth > 0) flatten(item, depth - 1, out);
    else out.push(item);
  }
  return out;
}
define(Array.prototype, 'flat', function flat(this: unknown[], depth = 1) {
  return flatten(this, depth, []);
});
define(Array.prototype, 'flatMap', function flatMap(this: unknown[], fn: (v: unknown, i: number, a: unknown[]) => unknown, thisArg?: unknown) {
  return flatten(this.map(fn, thisArg), 1, []);
});
define(Array.prototype, 'at', function at(this: unknown[], i: number) {
  const n = Math.trunc(i) || 0;
  return this[n < 0 ? this.length + n : n];
});

define(String.prototype, 'trimEnd', String.prototype.trimRight);
define(String.prototype, 'trimStart', String.prototype.trimLeft);
define(String.prototype, 'matchAll', function* matchAll(this: string, re: RegExp) {
  const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  for (let m = global.exec(this); m; m = global.exec(this)) {
    yield m;
    if (m[0] === '') global.lastIndex++;
  }
});
define(String.prototype, 'replaceAll', function replaceAll(this: string, find: string | RegExp, by: string) {
  if (find instanceof RegExp) return this.replace(find, by);
  return this.split(find).join(by);
});

define(Element.prototype, 'replaceChildren', function replaceChildren(this: Element, ...nodes: (Node | string)[]) {
  this.textContent = '';
  this.append(...nodes);
});
