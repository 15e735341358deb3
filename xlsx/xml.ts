/**
 * A small pull scanner for the XML of a SpreadsheetML package: elements, their attributes and
 * their text, in document order, over one string, with no tree and no per-token object.
 *
 * It decodes what an XML parser decodes (the five predefined entities, decimal and hex character
 * references, CDATA sections, line ends and attribute whitespace), checks that elements nest, and
 * throws `XmlError` on anything it cannot read. DOCTYPE and ENTITY declarations never get here:
 * the zip guard refuses them. Chosen over saxes (measured in bench/run.ts, "tokenizer candidates"):
 * the reader asks for three attributes of a cell and the text of `<v>`, so building every
 * attribute map and text node, as a SAX parser must, is most of the cost.
 */
export class XmlError extends Error {}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQ = 0x3d;
const MAX_DEPTH = 256;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes entity and character references; a malformed or unknown one is an error, as in a parser. */
export function decodeEntities(s: string): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = s.indexOf(';', amp + 1);
    if (semi < 0 || semi - amp > 12) throw new XmlError('bad reference');
    const ref = s.slice(amp + 1, semi);
    let ch: string | undefined;
    if (ref.charCodeAt(0) === 0x23 /* # */) {
      const hex = ref.charCodeAt(1) === 0x78; /* x */
      const digits = ref.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) throw new XmlError('bad character reference');
      const code = parseInt(digits, hex ? 16 : 10);
      // XML 1.0 Char: a reference to anything else is not well-formed.
      if (!(code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff))) {
        throw new XmlError('bad character reference');
      }
      ch = String.fromCodePoint(code);
    } else {
      ch = NAMED[ref];
      if (ch === undefined) throw new XmlError('unknown entity');
    }
    out += s.slice(from, amp) + ch;
    from = semi + 1;
    amp = s.indexOf('&', from);
  }
  return out + s.slice(from);
}

/** Text content as a parser hands it over: CR LF and lone CR become LF, then references decoded. */
export function decodeText(raw: string): string {
  const text = raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
  return decodeEntities(text);
}

/** An attribute value as a parser hands it over: line ends and tabs become spaces, then references decoded. */
export function decodeAttribute(raw: string): string {
  // Most values ("A1", "3", "s") hold nothing to decode: one look at each character says so.
  let plain = true;
  for (let i = 0; i < raw.length && plain; i++) {
    const c = raw.charCodeAt(i);
    plain = c >= 0x20 && c !== 0x26;
  }
  if (plain) return raw;
  const text = /[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw;
  return decodeEntities(text);
}

/**
 * Attributes of a tag's inside (`r="A1" s="3"`), by name. Used by the guard on raw tags too, so
 * that it reads a value exactly as the reader (and any XML parser) will.
 */
export function attributeOf(tag: string, wanted: string, start = 0, end = tag.length): string | undefined {
  const out: (string | undefined)[] = [undefined];
  attributesOf(tag, [wanted], out, start, end);
  return out[0];
}

/**
 * Several attributes in one pass over a tag: `out[i]` gets the decoded value of `wanted[i]`, or
 * undefined. For the three attributes of every cell, a third of the work of three lookups.
 */
export function attributesOf(tag: string, wanted: readonly string[], out: (string | undefined)[], start: number, end: number): void {
  out.fill(undefined);
  let i = start;
  while (i < end) {
    let c = tag.charCodeAt(i);
    while (i < end && isSpace(c)) c = tag.charCodeAt(++i);
    if (i >= end || c === SLASH) return;
    const nameStart = i;
    while (i < end && !isSpace(c) && c !== EQ) c = tag.charCodeAt(++i);
    const nameEnd = i;
    while (i < end && isSpace(c)) c = tag.charCodeAt(++i);
    if (c !== EQ) throw new XmlError('attribute without value');
    c = tag.charCodeAt(++i);
    while (i < end && isSpace(c)) c = tag.charCodeAt(++i);
    if (c !== 0x22 && c !== 0x27) throw new XmlError('unquoted attribute');
    const close = tag.indexOf(c === 0x22 ? '"' : "'", i + 1);
    if (close < 0 || close >= end) throw new XmlError('unterminated attribute');
    for (let k = 0; k < wanted.length; k++) {
      const name = wanted[k]!;
      if (nameEnd - nameStart === name.length && tag.startsWith(name, nameStart)) {
        const raw = tag.slice(i + 1, close);
        if (raw.indexOf('<') >= 0) throw new XmlError('< in attribute');
        out[k] = decodeAttribute(raw);
        break;
      }
    }
    i = close + 1;
  }
}

export const enum Token {
  Open = 1,
  Close = 2,
  End = 3,
}

/**
 * Pull scanner: `next()` moves to the next element tag and returns Open (also for `<x/>`, then
 * `selfClosing` is true and no Close follows) or Close, or End. Text between tags is read on
 * demand with `text()` right after an Open. Comments and processing instructions are skipped.
 */
export class XmlScanner {
  pos = 0;
  name = '';
  selfClosing = false;
  /** Name start, name end, value start, value end (inside the quotes) of each attribute of the open tag. */
  private attrPos = new Int32Array(64);
  private attrCount = 0;
  private readonly stack: string[] = [];

  constructor(private readonly xml: string) {}

  get depth(): number {
    return this.stack.length;
  }

  next(): Token {
    const xml = this.xml;
    for (;;) {
      const lt = xml.indexOf('<', this.pos);
      if (lt < 0) {
        if (this.stack.length > 0) throw new XmlError(`unclosed <${this.stack[this.stack.length - 1]}>`);
        this.pos = xml.length;
        return Token.End;
      }
      const c = xml.charCodeAt(lt + 1);
      if (c === BANG || c === QUESTION) {
        this.pos = this.skipSpecial(lt);
        continue;
      }
      if (c === SLASH) {
        const gt = xml.indexOf('>', lt + 2);
        if (gt < 0) throw new XmlError('unterminated tag');
        let end = gt;
        while (isSpace(xml.charCodeAt(end - 1))) end--;
        // Compared in place: no new string for every end tag.
        const open = this.stack.pop();
        if (open === undefined || end - lt - 2 !== open.length || !xml.startsWith(open, lt + 2)) {
          throw new XmlError(`</${xml.slice(lt + 2, Math.min(end, lt + 40))}> closes <${open ?? ''}>`);
        }
        this.name = open;
        this.selfClosing = false;
        this.pos = gt + 1;
        return Token.Close;
      }
      let nameEnd = lt + 1;
      for (let ch = c; nameEnd < xml.length && !isSpace(ch) && ch !== SLASH && ch !== GT; ch = xml.charCodeAt(++nameEnd));
      if (nameEnd === lt + 1) throw new XmlError('empty tag name');
      const gt = this.readAttributes(nameEnd);
      this.name = xml.slice(lt + 1, nameEnd);
      this.selfClosing = xml.charCodeAt(gt - 1) === SLASH;
      this.pos = gt + 1;
      if (!this.selfClosing) {
        if (this.stack.length >= MAX_DEPTH) throw new XmlError('nesting too deep');
        this.stack.push(this.name);
      }
      return Token.Open;
    }
  }

  /**
   * Reads the attributes of a start tag from `i` (just after its name), once: the positions of each
   * name and value are kept for `attr`, nothing is decoded until asked. Returns the position of the
   * tag's '>' (a '>' inside a quoted value, as in a number format "[>=100]0", is skipped).
   */
  private readAttributes(i: number): number {
    const xml = this.xml;
    const n = xml.length;
    let count = 0;
    for (;;) {
      let c = xml.charCodeAt(i);
      while (i < n && isSpace(c)) c = xml.charCodeAt(++i);
      if (i >= n) throw new XmlError('unterminated tag');
      if (c === GT) break;
      if (c === SLASH) {
        if (xml.charCodeAt(i + 1) !== GT) throw new XmlError('/ in tag');
        i++;
        break;
      }
      const nameStart = i;
      while (i < n && !isSpace(c) && c !== EQ && c !== GT && c !== SLASH && c !== LT) c = xml.charCodeAt(++i);
      const nameEnd = i;
      while (i < n && isSpace(c)) c = xml.charCodeAt(++i);
      if (c !== EQ || nameEnd === nameStart) throw new XmlError('attribute without value');
      c = xml.charCodeAt(++i);
      while (i < n && isSpace(c)) c = xml.charCodeAt(++i);
      if (c !== 0x22 && c !== 0x27) throw new XmlError('unquoted attribute');
      const close = xml.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (close < 0) throw new XmlError('unterminated attribute');
      if (count * 4 + 4 > this.attrPos.length) {
        if (count >= 1024) throw new XmlError('too many attributes');
        const grown = new Int32Array(this.attrPos.length * 2);
        grown.set(this.attrPos);
        this.attrPos = grown;
      }
      const at = count * 4;
      this.attrPos[at] = nameStart;
      this.attrPos[at + 1] = nameEnd;
      this.attrPos[at + 2] = i + 1;
      this.attrPos[at + 3] = close;
      count++;
      i = close + 1;
      c = xml.charCodeAt(i);
      if (!isSpace(c) && c !== GT && c !== SLASH) throw new XmlError('attributes not separated');
    }
    this.attrCount = count;
    return i;
  }

  /** The value of attribute `k` of the open tag, decoded; a '<' in it is not XML. */
  private value(k: number): string {
    const raw = this.xml.slice(this.attrPos[k * 4 + 2]!, this.attrPos[k * 4 + 3]!);
    if (raw.indexOf('<') >= 0) throw new XmlError('< in attribute');
    return decodeAttribute(raw);
  }

  private isName(k: number, name: string): boolean {
    const start = this.attrPos[k * 4]!;
    return this.attrPos[k * 4 + 1]! - start === name.length && this.xml.startsWith(name, start);
  }

  /** An attribute of the element just opened, decoded. */
  attr(name: string): string | undefined {
    for (let k = 0; k < this.attrCount; k++) if (this.isName(k, name)) return this.value(k);
    return undefined;
  }

  /** Several attributes of the element just opened: `out[i]` gets `wanted[i]`'s value or undefined. */
  attrs(wanted: readonly string[], out: (string | undefined)[]): void {
    out.fill(undefined);
    for (let k = 0; k < this.attrCount; k++) {
      for (let w = 0; w < wanted.length; w++) {
        if (this.isName(k, wanted[w]!)) {
          out[w] = this.value(k);
          break;
        }
      }
    }
  }

  /**
   * The text up to the next element tag (CDATA included, comments skipped), decoded; call it right
   * after an Open that is not self-closing.
   */
  text(): string {
    const xml = this.xml;
    let out = '';
    for (;;) {
      const lt = xml.indexOf('<', this.pos);
      if (lt < 0) throw new XmlError('unterminated text');
      if (lt > this.pos) out += decodeText(xml.slice(this.pos, lt));
      this.pos = lt;
      if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) throw new XmlError('unterminated CDATA');
        out += xml.slice(lt + 9, end).replace(/\r\n?/g, '\n');
        this.pos = end + 3;
      } else if (xml.charCodeAt(lt + 1) === BANG || xml.charCodeAt(lt + 1) === QUESTION) {
        this.pos = this.skipSpecial(lt);
      } else {
        return out;
      }
    }
  }

  /** Skips the element just opened and everything inside it. */
  skip(): void {
    if (this.selfClosing) return;
    const depth = this.stack.length;
    while (this.stack.length >= depth) if (this.next() === Token.End) return;
  }

  /** Past a comment, CDATA section, processing instruction or declaration starting at `lt`. */
  private skipSpecial(lt: number): number {
    const xml = this.xml;
    let end: number;
    if (xml.startsWith('<!--', lt)) end = xml.indexOf('-->', lt + 4) + 3;
    else if (xml.startsWith('<![CDATA[', lt)) end = xml.indexOf(']]>', lt + 9) + 3;
    else if (xml.charCodeAt(lt + 1) === QUESTION) end = xml.indexOf('?>', lt + 2) + 2;
    else throw new XmlError('declaration'); // <!DOCTYPE…: the guard refuses these before
    if (end < lt + 3) throw new XmlError('unterminated comment or instruction');
    return end;
  }
}
