import { describe, it, expect } from 'vitest';
import { readParts } from '../../xlsx/readWorkbook.ts';
import { XmlScanner, Token, XmlError, attributeOf } from '../../xlsx/xml.ts';
import { Rejected } from '../../xlsx/messages.ts';
import { SHEETS } from '../../core/workbook/contract.ts';

/** The reader on hand-made parts: what SpreadsheetML allows that our own writer never produces. */

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function parts(sheetData: string, extra: Record<string, string> = {}): Map<string, string> {
  return new Map([
    ['xl/workbook.xml', `<workbook ${NS}><sheets><sheet name="${SHEETS.tasks}" sheetId="1" r:id="rId1"/><sheet name="Nháp" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/></Relationships>'],
    ['xl/styles.xml', `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="[&gt;=100]0;0.0\\%"/></numFmts><fonts count="2"><font><name val="Times New Roman"/></font><font><name val=".VnTime"/></font></fonts><cellXfs count="3"><xf numFmtId="0" fontId="0"/><xf numFmtId="14" fontId="1"/><xf numFmtId="164" fontId="0"/></cellXfs></styleSheet>`],
    ['xl/sharedStrings.xml', `<sst ${NS}><si><t>Một</t></si><si><r><rPr><rFont val="VNI-Times"/></rPr><t>Hai </t></r><r><t>ba</t></r><rPh><t>x</t></rPh></si></sst>`],
    ['xl/worksheets/sheet1.xml', `<worksheet ${NS}><sheetData>${sheetData}</sheetData></worksheet>`],
    ['xl/worksheets/sheet2.xml', `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>nháp</t></is></c></row></sheetData></worksheet>`],
    ...Object.entries(extra),
  ]);
}

const cellsOf = (p: Map<string, string>) => readParts(p).sheets.find((s) => s.name === SHEETS.tasks)!.cells;

describe('xlsx reader', () => {
  it('reads shared, rich and inline strings, dates, numbers by their format, fonts, booleans, errors and formulas', () => {
    const cells = cellsOf(
      parts(
        '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" s="1"><v>44927</v></c><c r="D2" s="2"><v>0.5</v></c>' +
          '<c r="E2" t="b"><v>1</v></c><c r="F2" t="e"><v>#N/A</v></c><c r="G2"><f>1+1</f><v>2</v></c><c r="H2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>' +
          '<c r="I2" t="inlineStr"><is><t xml:space="preserve"> A &amp; B&#x1EA1;\r\nx</t></is></c></row>',
      ),
    );
    const at = (a: string) => cells.find((c) => c.address === a);
    expect(at('A2')).toMatchObject({ value: { t: 'text', v: 'Một' }, font: 'Times New Roman' });
    expect(at('B2')).toMatchObject({ value: { t: 'text', v: 'Hai ba' }, font: 'VNI-Times' });
    expect(at('C2')).toMatchObject({ value: { t: 'date', v: '2023-01-01', serial: 44927 }, numFmt: 'mm-dd-yy' });
    expect(at('C2')!.font).toBeUndefined();
    expect(at('D2')).toMatchObject({ value: { t: 'number', v: 0.5 }, numFmt: '[>=100]0;0.0%' });
    expect(at('E2')!.value).toEqual({ t: 'boolean', v: true });
    expect(at('F2')!.value).toEqual({ t: 'error', v: '#N/A' });
    expect(at('G2')).toMatchObject({ value: { t: 'number', v: 2 }, formula: true });
    expect(at('H2')).toMatchObject({ value: { t: 'text', v: 'ab' }, formula: true });
    expect(at('I2')!.value).toEqual({ t: 'text', v: ' A & Bạ\nx' });
  });

  it('places cells without an r attribute after the previous cell, empty ones included', () => {
    const cells = cellsOf(parts('<row r="3"><c r="B3" s="1"/><c t="inlineStr"><is><t>C</t></is></c><c/><c t="inlineStr"><is><t>E</t></is></c></row><row><c><v>7</v></c></row>'));
    expect(cells.map((c) => `${c.address}=${c.value.t === 'empty' ? '' : String(c.value.v)}`)).toEqual(['C3=C', 'E3=E', 'A4=7']);
  });

  it('lists a sheet the contract does not read, with its state, unread', () => {
    const model = readParts(parts('<row r="1"><c r="A1"><v>1</v></c></row>'));
    expect(model.sheets.find((s) => s.name === 'Nháp')).toEqual({ name: 'Nháp', visibility: 'hidden', cells: [], merges: [], unread: true });
  });

  it('refuses XML that does not parse, naming the part and the sheet', () => {
    for (const bad of ['<row r="1"><c r="A1"><v>1</v></row>', '<row r="1"><c r="A1" t="inlineStr"><is><t>&bogus;</t></is></c></row>', '<row r="1"><c r="A1><v>1</v></c></row>']) {
      expect(() => cellsOf(parts(bad))).toThrow(Rejected);
      try {
        cellsOf(parts(bad));
      } catch (e) {
        expect((e as Error).message).toMatch(/xl\/worksheets\/sheet1\.xml" \(trang "Nhiệm vụ"\) không phải XML hợp lệ/);
      }
    }
  });

  it('refuses a cell reference outside the grid, naming it', () => {
    expect(() => cellsOf(parts('<row r="1"><c r="XFE1"><v>1</v></c></row>'))).toThrow(/ô XFE1: địa chỉ ô không hợp lệ/);
  });
});

describe('xlsx/xml.ts scanner', () => {
  it('decodes attributes as a parser does: references, quotes of either kind, > inside values, whitespace', () => {
    expect(attributeOf(' max="&#50;000" min = \'1\' ', 'max')).toBe('2000');
    expect(attributeOf(' max="&#50;000" min = \'1\' ', 'min')).toBe('1');
    expect(attributeOf(' ref="A1\tB2"', 'ref')).toBe('A1 B2');
    const x = new XmlScanner('<a f="[>=1]0" g=\'x>y\'><b/>t<![CDATA[<raw>]]><!-- c --></a>');
    expect(x.next()).toBe(Token.Open);
    expect([x.name, x.attr('f'), x.attr('g')]).toEqual(['a', '[>=1]0', 'x>y']);
    expect(x.next()).toBe(Token.Open);
    expect([x.name, x.selfClosing]).toEqual(['b', true]);
    expect(x.text()).toBe('t<raw>');
    expect(x.next()).toBe(Token.Close);
    expect(x.next()).toBe(Token.End);
  });

  it('throws XmlError on mismatched or unclosed elements and illegal character references', () => {
    const run = (xml: string) => () => {
      const x = new XmlScanner(xml);
      for (let t = x.next(); t !== Token.End; t = x.next()) if (t === Token.Open && !x.selfClosing && x.name === 'v') x.text();
    };
    expect(run('<a><b></a></b>')).toThrow(XmlError);
    expect(run('<a><b>')).toThrow(XmlError);
    expect(run('<a><v>&#1;</v></a>')).toThrow(XmlError);
    expect(run('<a x="1"')).toThrow(XmlError);
  });
});

describe('xlsx reader: error values are clerk text too', () => {
  it('a bidi override inside <v> of an error cell is removed and flagged', () => {
    const cell = cellsOf(parts('<row r="1"><c r="A1" t="e"><v>#N/A\u202eexe.xls</v></c></row>'))[0]!;
    expect(cell.value).toEqual({ t: 'error', v: '#N/Aexe.xls' });
    expect(cell.sanitized).toBe(true);
  });
});
