/**
 * Vietnamese text typed in the pre-Unicode 8-bit encodings TCVN3 (ABC; fonts `.VnTime`, `.VnArial`,
 * `.VnTimeH`…) and VNI (VNI-Windows; fonts `VNI-Times`, `VNI-Helve`…), as it comes out of an .xlsx:
 * every legacy byte stands as the Windows-1252 / Latin-1 character of that byte, so TCVN3
 * "C«ng an tØnh" and VNI "Coâng an tænh" both mean "Công an tỉnh".
 *
 * Tables. Written out below as grids (vowel × tone) and checked entry by entry against two
 * independent public sources for each encoding, which agree with each other and with these grids:
 * - TCVN3: the glibc `TCVN5712-1` converter (`iconv -f TCVN5712-1`; TCVN 5712:1993 VN1, whose
 *   0xA1–0xFE lower-case letters and seven capitals are the ABC/VN3 font layout used here), the
 *   TCVN3_TABLE of khiemdoan/VBKey (Modules/mdlCodeTable.bas) and the TCVN3 array of
 *   duydev/vietnamese-conversion (src/charsets.ts).
 * - VNI: the VNI_WINDOWS_TABLE of khiemdoan/VBKey (Modules/mdlCodeTable.bas) and the VNI array of
 *   duydev/vietnamese-conversion (src/charsets.ts).
 * Only the VN3 (ABC font) layout of TCVN3 is mapped: the VN1-only capitals in 0x80–0x9F, 0xAF–0xB4,
 * 0xBA, 0xBF–0xC5, 0xCD, 0xD9–0xDB, 0xE0, 0xF0 and 0xFF are left as they are, since in .VnTime text
 * those bytes are punctuation (0x80–0x9F) or unused.
 *
 * Capitals. A normal TCVN3 font has only seven capitals (Ă Â Ê Ô Ơ Ư Đ); a capital with a tone is
 * typed in the matching all-capitals font (name ending in "H", e.g. `.VnTimeH`), where the very same
 * bytes, and the ASCII letters, show as capitals: convert, then upper-case (`uppercase` option).
 * VNI has separate upper-case marks ("AÙ" = "Á"); a mark of the other case is accepted too, and the
 * base letter decides the case.
 *
 * Pure: no Node or DOM API. All maps are built once at module load.
 */

export type LegacyEncoding = 'tcvn3' | 'vni';

export interface ConvertLegacyOptions {
  /** The text was typed in an all-capitals TCVN3 font (`.VnTimeH`, `.VnArialH`…): upper-case the result. */
  readonly uppercase?: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Tables. One row per vowel (and đ), columns: no tone, huyền, sắc, hỏi, ngã, nặng.

const TONE_NONE = 0;
const TONE_ACUTE = 2;
const TONE_DOT = 5;

const UNICODE_ROWS: readonly string[] = [
  'a à á ả ã ạ',
  'ă ằ ắ ẳ ẵ ặ',
  'â ầ ấ ẩ ẫ ậ',
  'e è é ẻ ẽ ẹ',
  'ê ề ế ể ễ ệ',
  'i ì í ỉ ĩ ị',
  'o ò ó ỏ õ ọ',
  'ô ồ ố ổ ỗ ộ',
  'ơ ờ ớ ở ỡ ợ',
  'u ù ú ủ ũ ụ',
  'ư ừ ứ ử ữ ự',
  'y ỳ ý ỷ ỹ ỵ',
  'đ',
];

/** TCVN3 (ABC) lower case; each legacy byte written as its Latin-1 character (0xAD, ư, is a soft hyphen). */
const TCVN3_ROWS: readonly string[] = [
  'a µ ¸ ¶ · ¹',
  '¨ » ¾ ¼ ½ Æ',
  '© Ç Ê È É Ë',
  'e Ì Ð Î Ï Ñ',
  'ª Ò Õ Ó Ô Ö',
  'i × Ý Ø Ü Þ',
  'o ß ã á â ä',
  '« å è æ ç é',
  '¬ ê í ë ì î',
  'u ï ó ñ ò ô',
  '\u00AD õ ø ö ÷ ù',
  'y ú ý û ü þ',
  '®',
];

/** The seven capitals of a normal (not "H") TCVN3 font: 0xA1–0xA7. */
const TCVN3_CAPITALS = 'Ă¡ Â¢ Ê£ Ô¤ Ơ¥ Ư¦ Đ§';

/**
 * VNI-Windows lower case. Marks after the base letter: ø huyền, ù sắc, û hỏi, õ ngã, ï nặng,
 * â circumflex, ê breve, à á å ã ä circumflex + tone, è é ú ü ë breve + tone. Single bytes:
 * ô ơ, ö ư, ñ đ, and i's tones ì í æ ó ò, ỵ î. Upper case: the same with every character upper-cased.
 */
const VNI_ROWS: readonly string[] = [
  'a aø aù aû aõ aï',
  'aê aè aé aú aü aë',
  'aâ aà aá aå aã aä',
  'e eø eù eû eõ eï',
  'eâ eà eá eå eã eä',
  'i ì í æ ó ò',
  'o oø où oû oõ oï',
  'oâ oà oá oå oã oä',
  'ô ôø ôù ôû ôõ ôï',
  'u uø uù uû uõ uï',
  'ö öø öù öû öõ öï',
  'y yø yù yû yõ î',
  'ñ',
];

function cells(row: string): string[] {
  return row.split(' ');
}

/** Unicode letter → legacy spelling, for each encoding (plain ASCII vowels left out). */
function buildPairs(encoding: LegacyEncoding): Array<readonly [string, string]> {
  const rows = encoding === 'tcvn3' ? TCVN3_ROWS : VNI_ROWS;
  const pairs: Array<readonly [string, string]> = [];
  UNICODE_ROWS.forEach((row, r) => {
    const uni = cells(row);
    const legacy = cells(rows[r] ?? '');
    if (uni.length !== legacy.length) throw new Error(`legacyEncoding: ${encoding} row ${r} misaligned`);
    uni.forEach((u, t) => {
      const l = legacy[t] as string;
      if (u.charCodeAt(0) < 0x80) return; // a, e, i, o, u, y stand for themselves
      pairs.push([u, l]);
      if (encoding === 'vni') pairs.push([u.toUpperCase(), l.toUpperCase()]);
    });
  });
  if (encoding === 'tcvn3') {
    for (const cell of cells(TCVN3_CAPITALS)) pairs.push([cell.charAt(0), cell.charAt(1)]);
  }
  return pairs;
}

const PAIRS: Readonly<Record<LegacyEncoding, ReadonlyArray<readonly [string, string]>>> = {
  tcvn3: buildPairs('tcvn3'),
  vni: buildPairs('vni'),
};

/**
 * The mapping table of an encoding as [Unicode letter, legacy spelling] pairs: for TCVN3 the 67
 * lower-case letters and the 7 capitals of a normal font, for VNI all 134 letters.
 */
export function legacyMappingTable(encoding: LegacyEncoding): ReadonlyArray<readonly [string, string]> {
  return PAIRS[encoding];
}

// TCVN3: one byte → one letter.
const TCVN3_DECODE: Array<string | undefined> = new Array<string | undefined>(256).fill(undefined);
for (const [uni, legacy] of PAIRS.tcvn3) TCVN3_DECODE[legacy.charCodeAt(0)] = uni;

// VNI: a letter (base) followed by a mark, or a single byte.
const VNI_SINGLE: Array<string | undefined> = new Array<string | undefined>(256).fill(undefined);
const VNI_PAIR: Array<Map<number, string> | undefined> = new Array<Map<number, string> | undefined>(256).fill(
  undefined,
);
function addVniPair(base: number, mark: number, uni: string): void {
  let marks = VNI_PAIR[base];
  if (!marks) VNI_PAIR[base] = marks = new Map<number, string>();
  if (!marks.has(mark)) marks.set(mark, uni);
}
for (const [uni, legacy] of PAIRS.vni) {
  if (legacy.length === 1) {
    VNI_SINGLE[legacy.charCodeAt(0)] = uni;
  } else {
    const base = legacy.charCodeAt(0);
    const mark = legacy.charAt(1);
    addVniPair(base, mark.charCodeAt(0), uni);
  }
}
// Lenient: a mark of the other case than its base ("Aù", "aÙ"); the base decides the case.
for (const [uni, legacy] of PAIRS.vni) {
  if (legacy.length !== 2) continue;
  const mark = legacy.charAt(1);
  const other = mark === mark.toLowerCase() ? mark.toUpperCase() : mark.toLowerCase();
  addVniPair(legacy.charCodeAt(0), other.charCodeAt(0), uni);
}

// ---------------------------------------------------------------------------------------------------
// Conversion.

function hasHighLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xa1 && c <= 0xff) return true;
  }
  return false;
}

function decodeTcvn3(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += (c < 256 ? TCVN3_DECODE[c] : undefined) ?? text.charAt(i);
  }
  return out;
}

function decodeVni(text: string): string {
  let out = '';
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 256) {
      const marks = VNI_PAIR[c];
      if (marks !== undefined && i + 1 < n) {
        const hit = marks.get(text.charCodeAt(i + 1));
        if (hit !== undefined) {
          out += hit;
          i++;
          continue;
        }
      }
      const single = VNI_SINGLE[c];
      if (single !== undefined) {
        out += single;
        continue;
      }
    }
    out += text.charAt(i);
  }
  return out;
}

function decode(text: string, encoding: LegacyEncoding): string {
  return encoding === 'tcvn3' ? decodeTcvn3(text) : decodeVni(text);
}

/** Converts legacy text to Unicode NFC. */
export function convertLegacy(text: string, encoding: LegacyEncoding, options: ConvertLegacyOptions = {}): string {
  let out = hasHighLatin1(text) ? decode(text, encoding) : text;
  if (options.uppercase) out = out.toUpperCase();
  return out.normalize('NFC');
}

/** Which legacy encoding the font name implies (".VnTime", ".VnTimeH", "VNI-Times", case-insensitive), if any. */
export function encodingFromFont(fontName: string | undefined): LegacyEncoding | undefined {
  if (!fontName) return undefined;
  const name = fontName.trim();
  if (/^vni[-_ ]/i.test(name)) return 'vni';
  if (/^\.vn/i.test(name) || /^vn(time|arial|avant|book|century|courier|helvet|souvenir|univers)/i.test(name)) {
    return 'tcvn3';
  }
  return undefined;
}

/** Whether a TCVN3 font name is one of the all-capitals fonts (".VnTimeH", ".VnArialH"…). */
export function isUppercaseLegacyFont(fontName: string | undefined): boolean {
  return fontName !== undefined && encodingFromFont(fontName) === 'tcvn3' && /h$/i.test(fontName.trim());
}

// ---------------------------------------------------------------------------------------------------
// Detection.

/**
 * Characters legacy text can never hold: precomposed Vietnamese letters outside Latin-1
 * (ă đ ĩ ũ ơ ư, U+1EA0–U+1EF9) and combining marks (NFD text).
 */
function hasGenuineVietnamese(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x102) continue;
    if (c >= 0x1ea0 && c <= 0x1ef9) return true;
    if (c >= 0x300 && c <= 0x36f) return true;
    switch (c) {
      case 0x102: case 0x103: case 0x110: case 0x111: case 0x128: case 0x129:
      case 0x168: case 0x169: case 0x1a0: case 0x1a1: case 0x1af: case 0x1b0:
        return true;
    }
  }
  return false;
}

/** Toned vowel → [toneless vowel, tone]. */
const VOWELS = new Map<string, readonly [string, number]>();
UNICODE_ROWS.slice(0, 12).forEach((row) => {
  const vowels = cells(row);
  const base = vowels[0] as string;
  vowels.forEach((v, tone) => VOWELS.set(v, [base, tone]));
});

const OPEN_RHYMES = [
  'a ai ao au ay âu ây e eo ê êu i ia iu iêu o oa oai oao oay oe oeo oi ô ôi ơ ơi',
  'u ua uây uê ui uôi uơ uy uya uyu ư ưa ưi ưu ươi ươu y yêu',
]
  .join(' ')
  .replace(/ /g, '|');
// "oo" (xoong, boong) is left out: only loanwords have it, and it is what VNI "oâ" (ô) reads as in TCVN3.
const CLOSED_NUCLEI = 'a|ă|â|e|ê|i|o|ô|ơ|u|ư|oa|oă|oe|uâ|uê|uy|iê|yê|uô|ươ|uyê';
const INITIALS = 'ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx]';
const SYLLABLE = new RegExp(`^(${INITIALS})?(?:(${OPEN_RHYMES})|(${CLOSED_NUCLEI})(ch|nh|ng|[cmnpt]))$`);
/** Nuclei that take the finals -ch and -nh (sách, lệnh, tính, hoạch, huếch, huỳnh). */
const PALATAL_NUCLEI = new Set(['a', 'ê', 'i', 'oa', 'uê', 'uy']);
/** Nuclei that do not take -ng. */
const NO_NG_NUCLEI = new Set(['ê', 'i', 'uê', 'uy']);
/** Two-vowel open rhymes whose tone may sit on the second vowel (hoà/hòa, thuỷ/thủy, thuế, thuở). */
const TONE_ON_SECOND = new Set(['oa', 'oe', 'uy', 'uê', 'uơ']);

/**
 * A well-formed Vietnamese syllable: initial + rhyme, one tone at most, on the vowel that carries it
 * (either convention for oa, oe, uy), -c -ch -p -t only with sắc or nặng, -ch -nh only after
 * a ê i oa uê uy.
 */
export function isVietnameseSyllable(word: string): boolean {
  const lower = word.toLowerCase();
  let bare = '';
  let tone = TONE_NONE;
  let tonePos = -1;
  for (const ch of lower) {
    const vowel = VOWELS.get(ch);
    if (vowel) {
      if (vowel[1] !== TONE_NONE) {
        if (tone !== TONE_NONE) return false;
        tone = vowel[1];
        tonePos = bare.length;
      }
      bare += vowel[0];
    } else if ((ch >= 'a' && ch <= 'z') || ch === 'đ') {
      bare += ch;
    } else {
      return false;
    }
  }
  const match = SYLLABLE.exec(bare);
  if (!match) return false;
  const initialLength = (match[1] ?? '').length;
  const open = match[2];
  const nucleus = match[3] ?? '';
  const final = match[4];
  if (final === 'ch' || final === 'nh') {
    if (!PALATAL_NUCLEI.has(nucleus)) return false;
  } else if (final === 'ng' && NO_NG_NUCLEI.has(nucleus) && !(match[1] === 'gi' && nucleus === 'ê')) {
    // "giêng" is gi + iêng with the i written once.
    return false;
  }
  if (tone === TONE_NONE) return true;
  const at = tonePos - initialLength;
  if (open !== undefined) {
    if (open.length === 2 && at === 1 && !TONE_ON_SECOND.has(open)) return false;
    if (open.length === 3 && at !== 1) return false;
    return true;
  }
  if (at !== nucleus.length - 1) return false;
  if (final === 'c' || final === 'ch' || final === 'p' || final === 't') {
    return tone === TONE_ACUTE || tone === TONE_DOT;
  }
  return true;
}

const ENCODINGS: readonly LegacyEncoding[] = ['tcvn3', 'vni'];

interface Evidence {
  /** Words the conversion turns from non-Vietnamese into a Vietnamese syllable. */
  good: number;
  /** Words that are Vietnamese syllables as they stand and that the conversion breaks. */
  bad: number;
  /** Words with legacy characters that are Vietnamese neither before nor after. */
  junk: number;
}

/** Upper-case letters only, no vowel: an abbreviation such as "ĐT", "HĐND" (neutral evidence). */
function isAbbreviation(word: string): boolean {
  return /^[B-DF-HJ-NP-TV-XZĐ]+$/.test(word);
}

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xa1 && c <= 0xff);
}

function gatherEvidence(text: string): Record<LegacyEncoding, Evidence> {
  const evidence: Record<LegacyEncoding, Evidence> = {
    tcvn3: { good: 0, bad: 0, junk: 0 },
    vni: { good: 0, bad: 0, junk: 0 },
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let legacy = false;
    while (i < n && isWordChar(text.charCodeAt(i))) {
      if (text.charCodeAt(i) >= 0xa1) legacy = true;
      i++;
    }
    if (!legacy) continue;
    const word = text.slice(start, i);
    const asIs = isVietnameseSyllable(word);
    for (const encoding of ENCODINGS) {
      const e = evidence[encoding];
      const converted = decode(word, encoding);
      if (converted === word) {
        if (!asIs) e.junk += 1;
        continue;
      }
      if (isAbbreviation(converted)) continue;
      const valid = isVietnameseSyllable(converted);
      // A one-letter word ("ë" = ở, "£" = Ê) is weak evidence on its own.
      const weight = converted.length >= 2 ? 1 : 0.25;
      if (valid && !asIs) e.good += weight;
      else if (!valid && asIs) e.bad += weight;
      else if (!valid) e.junk += weight;
    }
  }
  return evidence;
}

function score(e: Evidence): number {
  return e.good - 1.5 * e.bad - 0.5 * e.junk;
}

/**
 * Detects legacy text: by the font when given, else by the text itself. Returns the encoding and the
 * converted Unicode text, or undefined when the text looks like ordinary Unicode (or plain ASCII).
 *
 * A font that implies an encoding decides it (a ".VnTimeH"-style font also upper-cases); any other or
 * no font falls back to the text. Either way, text holding characters no legacy text can hold (ơ ư đ
 * ă ĩ ũ, U+1EA0–U+1EF9, combining marks) or no Latin-1 character from 0xA1 up is left alone. By text,
 * every word holding such a character is read as it stands and converted each way: an encoding
 * wins when its conversion turns words that are not Vietnamese syllables into syllables (good) and
 * the good words clearly outweigh those it breaks (bad) or leaves meaningless (junk); when both
 * encodings qualify, the one with the better balance (more valid syllables) wins, and an exact tie is
 * left undetected. Words valid both ways ("Cã", TCVN3 for "Có", or Unicode "Công") count for
 * neither, so a text made only of such words is not detected.
 */
export function detectLegacy(
  text: string,
  fontName?: string,
): { encoding: LegacyEncoding; converted: string } | undefined {
  if (!hasHighLatin1(text) || hasGenuineVietnamese(text)) return undefined;

  const byFont = encodingFromFont(fontName);
  if (byFont) {
    const converted = convertLegacy(text, byFont, { uppercase: isUppercaseLegacyFont(fontName) });
    return converted === text ? undefined : { encoding: byFont, converted };
  }

  const evidence = gatherEvidence(text);
  const candidates = ENCODINGS.filter((encoding) => evidence[encoding].good >= 1 && score(evidence[encoding]) > 0);
  let best = candidates[0];
  if (best === undefined) return undefined;
  if (candidates.length === 2) {
    const [t, v] = [evidence.tcvn3, evidence.vni];
    const diff = score(t) - score(v) || t.good - v.good;
    if (diff === 0) return undefined; // as good one way as the other ("cö": TCVN3 cử, VNI cư)
    best = diff > 0 ? 'tcvn3' : 'vni';
  }
  return { encoding: best, converted: convertLegacy(text, best) };
}
