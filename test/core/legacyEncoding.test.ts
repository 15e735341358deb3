import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  convertLegacy,
  detectLegacy,
  encodingFromFont,
  isUppercaseLegacyFont,
  isVietnameseSyllable,
  legacyMappingTable,
  type LegacyEncoding,
} from '../../core/text/legacyEncoding.ts';

// --- Test-local inverse (Unicode → legacy), built from the module's table -------------------------

function encoder(encoding: LegacyEncoding): (text: string) => string {
  const inverse = new Map(legacyMappingTable(encoding));
  return (text: string) => {
    let out = '';
    for (const ch of text.normalize('NFC')) {
      if (ch.charCodeAt(0) < 0x80) {
        out += ch;
        continue;
      }
      const legacy = inverse.get(ch);
      if (legacy === undefined) throw new Error(`${encoding} cannot spell ${JSON.stringify(ch)}`);
      out += legacy;
    }
    return out;
  };
}
const toTcvn3 = encoder('tcvn3');
const toVni = encoder('vni');
/** TCVN3 as typed in an all-capitals ".VnTimeH" font: lower-case bytes, shown as capitals. */
const toTcvn3H = (text: string): string => toTcvn3(text.toLowerCase());

// Đề án 06 phrases. TCVN3 in a normal font has no capital with a tone, so those phrases avoid one.
const TCVN3_PHRASES = [
  'Công an tỉnh Quảng Ngãi',
  'Sở Thông tin và Truyền thông',
  'Đã hoàn thành',
  'Khó khăn, vướng mắc',
  'UBND huyện Sơn Tịnh',
  'Cơ sở dữ liệu quốc gia về dân cư',
  'Đang triển khai thực hiện',
  'Chưa hoàn thành',
  'Cấp căn cước công dân gắn chip',
  'Tài khoản định danh điện tử mức độ 2',
  'Dịch vụ công trực tuyến toàn trình',
  'Tổ công tác triển khai Đề án 06',
  'Nhóm tiện ích phục vụ phát triển kinh tế - xã hội',
];

const VNI_PHRASES = [
  'Công an tỉnh Quảng Ngãi',
  'Sở Thông tin và Truyền thông',
  'Đã hoàn thành',
  'Khó khăn, vướng mắc',
  'Ủy ban nhân dân huyện Sơn Tịnh',
  'Cơ sở dữ liệu quốc gia về dân cư',
  'Ứng dụng VNeID',
  'Bộ Công an',
  'Làm sạch dữ liệu dân cư',
  'Ủy ban nhân dân xã Tịnh Ấn Tây',
  'Kết quả thực hiện Đề án 06 tháng 5/2024',
  'Ý kiến đề xuất, kiến nghị',
  'ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI',
];

const H_PHRASES = [
  'ỦY BAN NHÂN DÂN HUYỆN SƠN TỊNH',
  'CÔNG AN TỈNH QUẢNG NGÃI',
  'BÁO CÁO KẾT QUẢ THỰC HIỆN ĐỀ ÁN 06',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
];

describe('mapping tables', () => {
  it('hold every Vietnamese letter: 67 lower case + 7 capitals for TCVN3, all 134 for VNI', () => {
    const tcvn3 = legacyMappingTable('tcvn3');
    const vni = legacyMappingTable('vni');
    expect(tcvn3).toHaveLength(74);
    expect(vni).toHaveLength(134);
    expect(new Set(tcvn3.map(([u]) => u)).size).toBe(74);
    expect(new Set(tcvn3.map(([, l]) => l)).size).toBe(74);
    expect(new Set(vni.map(([u]) => u)).size).toBe(134);
    expect(new Set(vni.map(([, l]) => l)).size).toBe(134);
    for (const [u, l] of [...tcvn3, ...vni]) {
      expect(u).toBe(u.normalize('NFC'));
      expect(u).toHaveLength(1);
      for (const ch of l) expect(ch.charCodeAt(0)).toBeLessThanOrEqual(0xff);
    }
    // Every toned letter in U+1EA0–U+1EF9 is there.
    const vniLetters = new Set(vni.map(([u]) => u));
    for (let c = 0x1ea0; c <= 0x1ef9; c++) expect(vniLetters.has(String.fromCharCode(c))).toBe(true);
  });

  it('TCVN3 byte layout: spot checks against the published code chart', () => {
    const t = new Map(legacyMappingTable('tcvn3'));
    expect(t.get('đ')).toBe('\u00AE');
    expect(t.get('Đ')).toBe('\u00A7');
    expect(t.get('ư')).toBe('\u00AD');
    expect(t.get('à')).toBe('\u00B5');
    expect(t.get('ỵ')).toBe('\u00FE');
  });
});

describe('round trip through the test-local inverse', () => {
  it.each(TCVN3_PHRASES)('TCVN3: %s', (phrase) => {
    const legacy = toTcvn3(phrase);
    expect(legacy).not.toBe(phrase);
    expect(convertLegacy(legacy, 'tcvn3')).toBe(phrase);
    expect(detectLegacy(legacy)).toEqual({ encoding: 'tcvn3', converted: phrase });
    expect(detectLegacy(legacy, '.VnTime')).toEqual({ encoding: 'tcvn3', converted: phrase });
  });

  it.each(VNI_PHRASES)('VNI: %s', (phrase) => {
    const legacy = toVni(phrase);
    expect(legacy).not.toBe(phrase);
    expect(convertLegacy(legacy, 'vni')).toBe(phrase);
    expect(detectLegacy(legacy)).toEqual({ encoding: 'vni', converted: phrase });
    expect(detectLegacy(legacy, 'VNI-Times')).toEqual({ encoding: 'vni', converted: phrase });
  });

  it.each(H_PHRASES)('TCVN3 upper case via .VnTimeH: %s', (phrase) => {
    const legacy = toTcvn3H(phrase);
    expect(convertLegacy(legacy, 'tcvn3', { uppercase: true })).toBe(phrase);
    expect(detectLegacy(legacy, '.VnTimeH')).toEqual({ encoding: 'tcvn3', converted: phrase });
    expect(detectLegacy(legacy, '.VnArialH')).toEqual({ encoding: 'tcvn3', converted: phrase });
    // Without the font, the same bytes read as lower-case TCVN3.
    expect(detectLegacy(legacy)).toEqual({ encoding: 'tcvn3', converted: phrase.toLowerCase() });
  });

  it('any string of Vietnamese letters survives encode → convert (property)', () => {
    const vniLetters = legacyMappingTable('vni').map(([u]) => u);
    const tcvnLetters = legacyMappingTable('tcvn3').map(([u]) => u);
    const ascii = 'abcdefghiklmnopqrstuvxyABCDEGHKLMNOPQRSTUVXY 0123456789,.-/'.split('');
    const text = (letters: string[]) =>
      fc.array(fc.constantFrom(...letters, ...ascii), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(fc.property(text(vniLetters), (s) => convertLegacy(toVni(s), 'vni') === s));
    fc.assert(fc.property(text(tcvnLetters), (s) => convertLegacy(toTcvn3(s), 'tcvn3') === s));
  });
});

// --- Literal legacy strings from other sources (not produced by this module's table) -------------
// Sources: the brief ("C«ng an tØnh", "Coâng an tænh"); duydev/vietnamese-conversion
// tests/helpers/test-data.ts ("Xin chµo c¸c b¹n", "Toâi ñi hoïc"…); Vietnamese government documents
// quoted in public converters' test suites ("Céng hoµ x· héi…", "C¨n cø NghÞ ®Þnh sè 15/CP",
// "Coäng hoøa xaõ hoäi…", "an toaøn saün coù…"); a TCVN3 place-name converter example
// ("B¶o Th¾ng", "M­êng Kh­¬ng", "B¸t X¸t"). TCVN3 ư is byte 0xAD, a soft hyphen, written \u00AD.

const TCVN3_LITERALS: Array<[string, string]> = [
  ['C«ng an tØnh', 'Công an tỉnh'],
  ['Xin chµo c¸c b¹n', 'Xin chào các bạn'],
  ['T«i ®i häc', 'Tôi đi học'],
  ['Céng hoµ x· héi chñ nghÜa ViÖt Nam', 'Cộng hoà xã hội chủ nghĩa Việt Nam'],
  ['§éc lËp - Tù do - H¹nh phóc', 'Độc lập - Tự do - Hạnh phúc'],
  ['C¨n cø NghÞ ®Þnh sè 15/CP', 'Căn cứ Nghị định số 15/CP'],
  ['quyÕt ®Þnh cña Bé tr\u00ADëng Bé Tµi chÝnh', 'quyết định của Bộ trưởng Bộ Tài chính'],
  ['ng\u00ADêi cã c«ng víi c¸ch m¹ng', 'người có công với cách mạng'],
  ['§Ò nghÞ h\u00ADëng trî cÊp mét lÇn', 'Đề nghị hưởng trợ cấp một lần'],
  ['Th«ng t\u00AD h\u00ADíng dÉn thùc hiÖn', 'Thông tư hướng dẫn thực hiện'],
  ['Tæng diÖn tÝch ®· phñ kÝn', 'Tổng diện tích đã phủ kín'],
  ['B¶o Th¾ng', 'Bảo Thắng'],
  ['M\u00ADêng Kh\u00AD¬ng', 'Mường Khương'],
  ['B¸t X¸t', 'Bát Xát'],
  ['Trung ¢u', 'Trung Âu'],
  ['¤ng TrÇn Du', 'Ông Trần Du'],
];

const VNI_LITERALS: Array<[string, string]> = [
  ['Coâng an tænh', 'Công an tỉnh'],
  ['Xin chaøo caùc baïn', 'Xin chào các bạn'],
  ['Toâi ñi hoïc', 'Tôi đi học'],
  ['Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam', 'Cộng hòa xã hội chủ nghĩa Việt Nam'],
  ['Ñoäc laäp - Töï do - Haïnh phuùc', 'Độc lập - Tự do - Hạnh phúc'],
  [
    'an toaøn saün coù cuûa heä thoáng ñieàu haønh maùy tính',
    'an toàn sẵn có của hệ thống điều hành máy tính',
  ],
];

describe('literal legacy text from other sources', () => {
  it.each(TCVN3_LITERALS)('TCVN3 %s', (legacy, unicode) => {
    expect(convertLegacy(legacy, 'tcvn3')).toBe(unicode);
    expect(detectLegacy(legacy)).toEqual({ encoding: 'tcvn3', converted: unicode });
  });

  it.each(VNI_LITERALS)('VNI %s', (legacy, unicode) => {
    expect(convertLegacy(legacy, 'vni')).toBe(unicode);
    expect(detectLegacy(legacy)).toEqual({ encoding: 'vni', converted: unicode });
  });

  it('TCVN3 capitals in a .VnTimeH font', () => {
    expect(detectLegacy('§¡NG Ký KINH DOANH', '.VnTimeH')).toEqual({
      encoding: 'tcvn3',
      converted: 'ĐĂNG KÝ KINH DOANH',
    });
    expect(convertLegacy('§¡NG Ký KINH DOANH', 'tcvn3')).toBe('ĐĂNG Ký KINH DOANH');
  });

  it('VNI capitals with a mark of the other case', () => {
    expect(convertLegacy('UÛy ban', 'vni')).toBe('Ủy ban');
    expect(convertLegacy('Uûy ban', 'vni')).toBe('Ủy ban');
  });

  it('output is NFC', () => {
    for (const [legacy] of TCVN3_LITERALS) {
      const out = convertLegacy(legacy, 'tcvn3');
      expect(out).toBe(out.normalize('NFC'));
    }
  });
});

// --- Must not be detected ------------------------------------------------------------------------

describe('ordinary text is left alone', () => {
  const NOT_LEGACY = [
    '',
    'Công an tỉnh Quảng Ngãi',
    'Cộng hòa xã hội chủ nghĩa Việt Nam, Độc lập - Tự do',
    'Ủy ban nhân dân huyện Sơn Tịnh',
    'Công an',
    'Không',
    'Có',
    'Tên',
    'Phú Yên',
    'Tây Ninh',
    'Kiên Giang',
    'An ordinary English sentence with nothing unusual in it.',
    'Monthly report',
    '12345',
    '1.234.567,89',
    '15/05/2024',
    'nguyenvana@congan.gov.vn',
    'user.name+tag@example.com',
    'Đã hoàn thành'.normalize('NFD'),
    'Công an tỉnh'.normalize('NFD'),
    'café',
    'naïve',
    'Café crème',
    "François a préféré la crème brûlée à côté de l'hôtel présidentiel",
    'Où est le café? À bientôt, garçon.',
    'Señor Muñoz vivía en la mañana con niños pequeños en España',
    'Müller größer Straße über Fußgänger schön wunderschöne Landschaft',
    'Price £100',
    'See § 3',
    '© 2024 Công an tỉnh',
  ];
  it.each(NOT_LEGACY)('%j', (text) => {
    expect(detectLegacy(text)).toBeUndefined();
  });

  it('Unicode text in a cell still formatted with a legacy font is not converted', () => {
    expect(detectLegacy('Công an tỉnh Quảng Ngãi', '.VnTime')).toBeUndefined();
    expect(detectLegacy('Đã hoàn thành', 'VNI-Times')).toBeUndefined();
    expect(detectLegacy('Ho ten', '.VnTimeH')).toBeUndefined();
  });

  it('a word that reads as Vietnamese either way is left to the font', () => {
    expect(detectLegacy('Cã')).toBeUndefined(); // Unicode "cã" is well-formed too
    expect(detectLegacy('Cã', '.VnTime')).toEqual({ encoding: 'tcvn3', converted: 'Có' });
    expect(detectLegacy('cö')).toBeUndefined(); // TCVN3 "cử" or VNI "cư": a tie
    expect(detectLegacy('cö', 'VNI-Times')).toEqual({ encoding: 'vni', converted: 'cư' });
  });

  it('a non-legacy font falls back to the text', () => {
    expect(detectLegacy('Kh«ng', 'Times New Roman')).toEqual({ encoding: 'tcvn3', converted: 'Không' });
    expect(detectLegacy('Không', 'Times New Roman')).toBeUndefined();
  });
});

describe('fonts', () => {
  it('encodingFromFont', () => {
    expect(encodingFromFont('.VnTime')).toBe('tcvn3');
    expect(encodingFromFont('.VnTimeH')).toBe('tcvn3');
    expect(encodingFromFont('.vnarial')).toBe('tcvn3');
    expect(encodingFromFont('.VnArial NarrowH')).toBe('tcvn3');
    expect(encodingFromFont('VNI-Times')).toBe('vni');
    expect(encodingFromFont('vni-helve')).toBe('vni');
    expect(encodingFromFont('VNI-Helve-Condense')).toBe('vni');
    expect(encodingFromFont('Times New Roman')).toBeUndefined();
    expect(encodingFromFont('Arial')).toBeUndefined();
    expect(encodingFromFont('')).toBeUndefined();
    expect(encodingFromFont(undefined)).toBeUndefined();
  });

  it('isUppercaseLegacyFont', () => {
    expect(isUppercaseLegacyFont('.VnTimeH')).toBe(true);
    expect(isUppercaseLegacyFont('.VnArialH')).toBe(true);
    expect(isUppercaseLegacyFont('.VnTime')).toBe(false);
    expect(isUppercaseLegacyFont('VNI-Times')).toBe(false);
    expect(isUppercaseLegacyFont(undefined)).toBe(false);
  });
});

describe('syllable check', () => {
  it('accepts Vietnamese syllables and rejects others', () => {
    const valid = ['người', 'quyết', 'nghiêng', 'khuya', 'giữ', 'gì', 'thuở', 'Ủy', 'tỉnh', 'oanh', 'hoằng', 'yêu'];
    for (const w of valid) {
      expect(isVietnameseSyllable(w), w).toBe(true);
    }
    for (const w of ['café', 'naïve', 'Coõng', 'cả́', 'hello', 'mầc', 'tàt', 'C«ng', 'x', 'quaỷ', 'tổnh', 'tịng']) {
      expect(isVietnameseSyllable(w), w).toBe(false);
    }
  });
});

describe('speed', () => {
  it('detects a short cell in a few microseconds', () => {
    const cells = ['C«ng an tØnh Qu¶ng Ng·i', 'Coâng an tænh', 'Công an tỉnh', 'Monthly report', '12345', 'café'];
    const rounds = 20_000;
    const start = performance.now();
    for (let i = 0; i < rounds; i++) detectLegacy(cells[i % cells.length] as string);
    const perCallUs = ((performance.now() - start) * 1000) / rounds;
    expect(perCallUs).toBeLessThan(50); // generous bound for slow CI; typically a few µs
  });
});
