import { NextAttributeComponent } from 'docx';

/**
 * docx builds the attributes of most elements (fonts, sizes, spacing, borders…) in
 * NextAttributeComponent.prepForXml by spreading the object built so far once per attribute: its
 * cost grows with the square of the attributes and made a fifth of the time to write the report.
 * This replaces it with one pass that gives the same object, same keys in the same order, hence
 * the same XML (test/generator/docxSpeed.test.ts compares both on every element of a report).
 */

type Entry = { key: string; value: unknown };
type Prep = (this: { root: Record<string, Entry> }, context?: unknown) => { _attr: Record<string, unknown> };

const proto = NextAttributeComponent.prototype as unknown as { prepForXml: Prep };

/** docx's own implementation, kept for the equivalence test. */
export const originalPrepForXml: Prep = proto.prepForXml;

export const linearPrepForXml: Prep = function (this: { root: Record<string, Entry> }) {
  const attr: Record<string, unknown> = {};
  for (const entry of Object.values(this.root)) {
    if (entry.value !== undefined) attr[entry.key] = entry.value;
  }
  return { _attr: attr };
};

proto.prepForXml = linearPrepForXml;
