import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { afterAll, describe, expect, it } from 'vitest';
import { renderTaskStatusChart, taskStatusSvg } from '../../generator/report/chart.ts';
import { DEFAULT_TEMPLATE, escapeData, escapeMarkdown, renderTemplate, renderTemplateSource, TemplateError } from '../../generator/report/renderTemplate.ts';
import { MARKUP_TEXT, sampleReport } from '../fixtures/sampleReport.ts';

const TEMPLATES = [DEFAULT_TEMPLATE];
const dir = mkdtempSync(join(tmpdir(), 'da06-template-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function templateFile(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

function errorOf(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateError);
    return e as TemplateError;
  }
  throw new Error('no error');
}

/** Node types of a tree, depth first. */
function shape(node: Nodes): string[] {
  return [node.type + ('depth' in node ? node.depth : ''), ...('children' in node ? node.children.flatMap((c) => shape(c as Nodes)) : [])];
}

describe('a mistake in a template names the file, line and column', () => {
  it('an unclosed block: where the block opens', () => {
    const file = templateFile('unclosed.hbs', 'Dòng một\n\n  {{#if previous}}\nKỳ trước\n');
    const e = errorOf(() => renderTemplate(file, sampleReport));
    expect(e.message).toBe(`Lỗi trong mẫu báo cáo ${file}, dòng 3, cột 3: khối "{{#if}}" chưa được đóng (thiếu {{/if}})`);
    expect([e.line, e.column]).toEqual([3, 3]);
  });

  it('a field the data does not have (strict mode)', () => {
    const file = templateFile('unknown-field.hbs', '# I. MỤC\n\n{{#each tasks}}\n- {{tieuDe}}\n{{/each}}\n');
    const e = errorOf(() => renderTemplate(file, sampleReport));
    expect(e.message).toBe(`Lỗi trong mẫu báo cáo ${file}, dòng 4, cột 5: trường "tieuDe" không có trong dữ liệu báo cáo`);
  });

  it('a nested field under a missing one, and a block closed by the wrong name', () => {
    expect(errorOf(() => renderTemplateSource('x\n{{plan.khong.co}}', 'a.hbs', sampleReport)).message).toMatch(/^Lỗi trong mẫu báo cáo a\.hbs, dòng 2, cột \d+: trường "co"/);
    expect(errorOf(() => renderTemplateSource('{{#if previous}}x{{/each}}', 'b.hbs', sampleReport)).message).toBe(
      'Lỗi trong mẫu báo cáo b.hbs, dòng 1, cột 4: khối "if" được đóng bằng "each"',
    );
  });

  it('a helper that is not registered, a bad argument, a syntax error', () => {
    expect(errorOf(() => renderTemplateSource('a\n\n{{tong tasks}}', 'c.hbs', sampleReport)).message).toMatch(/^Lỗi trong mẫu báo cáo c\.hbs, dòng 3, cột 1: hàm "tong" không được hỗ trợ/);
    expect(errorOf(() => renderTemplateSource('a\n {{bang "khong-co"}}', 'd.hbs', sampleReport)).message).toMatch(/^Lỗi trong mẫu báo cáo d\.hbs, dòng 2, cột 2: bảng "khong-co" không có/);
    expect(errorOf(() => renderTemplateSource('{{ngay plan.title}}', 'e.hbs', sampleReport)).message).toMatch(/dòng 1, cột 1: "ngay" cần một ngày/);
    const e = errorOf(() => renderTemplateSource('một\nhai {{so }}}\n', 'f.hbs', sampleReport));
    expect(e.message).toMatch(/^Lỗi trong mẫu báo cáo f\.hbs, dòng 2, cột \d+: cú pháp sai/);
  });

  it('a partial (templates are single files)', () => {
    expect(errorOf(() => renderTemplateSource('a\n{{> dau-trang}}', 'g.hbs', sampleReport)).message).toBe(
      'Lỗi trong mẫu báo cáo g.hbs, dòng 2, cột 1: phần mẫu con "dau-trang" không được dùng: mẫu báo cáo là một tệp duy nhất',
    );
  });

  it('misused built-in blocks: where the block opens, in Vietnamese', () => {
    expect(errorOf(() => renderTemplateSource('a\n  {{#each}}x{{/each}}', 'h.hbs', sampleReport)).message).toBe(
      'Lỗi trong mẫu báo cáo h.hbs, dòng 2, cột 3: khối "#each" cần một danh sách, ví dụ {{#each tasks}}',
    );
    expect(errorOf(() => renderTemplateSource('a\n{{#if}}x{{/if}}', 'i.hbs', sampleReport)).message).toBe(
      'Lỗi trong mẫu báo cáo i.hbs, dòng 2, cột 1: khối "#if" cần đúng một giá trị, ví dụ {{#if previous}}',
    );
    expect(errorOf(() => renderTemplateSource('{{#with}}x{{/with}}', 'j.hbs', sampleReport)).message).toMatch(/^Lỗi trong mẫu báo cáo j\.hbs, dòng 1, cột 1: khối "#with"/);
    expect(errorOf(() => renderTemplateSource('\n{{#each plan}}{{this.x}}{{/each}}', 'k.hbs', sampleReport)).message).toMatch(/^Lỗi trong mẫu báo cáo k\.hbs, dòng 2, cột 1: trường "x" không đọc được/);
    // A mistake inside a block keeps its own place.
    expect(errorOf(() => renderTemplateSource('{{#each tasks}}\n  {{khong}}{{/each}}', 'l.hbs', sampleReport)).message).toMatch(/^Lỗi trong mẫu báo cáo l\.hbs, dòng 2, cột 5: trường "khong"/);
  });

  it('a missing file', () => {
    expect(errorOf(() => renderTemplate(join(dir, 'khong-co.hbs'), sampleReport)).message).toMatch(/khong-co\.hbs: không đọc được tệp/);
  });

  it('keeps prototype properties out of reach', () => {
    expect(renderTemplateSource('a{{plan.constructor}}b', 'p.hbs', sampleReport).markdown).toBe('ab');
  });
});

describe('escaping: text from submissions stays text', () => {
  it('escapes with the Markdown serializer', () => {
    expect(escapeMarkdown('# Tiêu đề')).toBe('\\# Tiêu đề');
    expect(escapeMarkdown('<!-- da06:table tasks -->')).toBe('\\<!-- da06:table tasks -->');
    expect(escapeMarkdown('Sở TT&TT')).toBe('Sở TT\\&TT');
    expect(escapeData({ a: ['- x', 3], b: { c: '1. y' }, n: 2.5, t: true })).toEqual({ a: ['\\- x', 3], b: { c: '1\\. y' }, n: 2.5, t: true });
  });

  it('any string, escaped and parsed back, is one paragraph of the same text, at a line start or inside a line', () => {
    const chars = fc.constantFrom('#', '*', '_', '-', '+', '>', '<', '!', '[', ']', '(', ')', '`', '~', '|', '\\', '&', ';', '\n', ' ', '=', '1', '.', 'a', 'ê', '{', '}', ':', '/');
    const text = (n: Nodes): string => (n.type === 'text' ? n.value : 'children' in n ? n.children.map((c) => text(c as Nodes)).join('') : '');
    const norm = (s: string): string => s.replace(/[ \t]*\n[ \t]*/g, '\n').replace(/[ \t]+/g, ' ').trim();
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }).map((a) => a.join('')), (s) => {
        for (const [before, after] of [['Trước ', ' sau'], ['', ''], ['- ', '']] as const) {
          const tree = fromMarkdown(before + escapeData(s) + after);
          const types = new Set(shape(tree));
          const allowed = before === '- ' ? ['root', 'list', 'listItem', 'paragraph', 'text'] : ['root', 'paragraph', 'text'];
          for (const t of types) expect(allowed).toContain(t);
          expect(tree.children.length).toBeLessThanOrEqual(1);
          if (before === '- ' && tree.children[0]?.type === 'list') expect(tree.children[0].children.length).toBe(1);
          expect(norm(text(tree))).toBe(norm(before === '- ' ? s : before + s + after));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the markup-laden submission gives the same tree shape as plain text', () => {
    const plain = JSON.parse(JSON.stringify(sampleReport).split(JSON.stringify(MARKUP_TEXT).slice(1, -1)).join('Văn bản thường.'));
    for (const template of TEMPLATES) {
      const marked = renderTemplate(template, sampleReport);
      expect(shape(marked.tree)).toEqual(shape(renderTemplate(template, plain).tree));
      expect(marked.markdown).toContain('\\# Tiêu đề \\*\\*đậm\\*\\* \\<b>x\\</b> {{x}} | a | b |\n\\- item');
    }
  });
});

describe('helpers', () => {
  const render = (source: string, data: unknown = sampleReport): string => renderTemplateSource(source, 't.hbs', data).markdown;
  it('format Vietnamese numbers, percents and dates', () => {
    expect(render('{{so 1234.5}} {{so 1234.567 2}} {{phanTram agencies.rate}} {{phanTram 64.49 0}}')).toBe('1.234,5 1.234,57 72,7% 64%');
    expect(render('{{ngay reportDate}}|{{ngay reportDate "ngan"}}|{{ngay reportDate "thang"}}|{{ngay "2023-02" "thang"}}|{{ngay reportDate "nam"}}')).toBe(
      'ngày 16 tháng 01 năm 2023|16/01/2023|01/2023|02/2023|2023',
    );
  });
  it('compare and count', () => {
    expect(render('{{count tasks}} {{count tasks "status" "done"}} {{count tasks "overdue"}} {{#if (gt agencies.late 1)}}nhiều{{/if}} {{#if (eq period.kind "month")}}tháng{{/if}}')).toBe('13 4 3 nhiều tháng');
  });
  it('say counts naturally, join names and lists, and name statuses from the one label table', () => {
    expect(render('{{dem 0 "nhiệm vụ quá hạn"}}|{{dem 3 "nhiệm vụ quá hạn"}}|{{dem 1250 "tệp"}}')).toBe('không có nhiệm vụ quá hạn|3 nhiệm vụ quá hạn|1.250 tệp');
    expect(render('{{cacSo 8 "nhiệm vụ đã hoàn thành" 0 "đang thực hiện" 1 "chưa có báo cáo"}}|{{cacSo 0 "a"}}')).toBe('8 nhiệm vụ đã hoàn thành và 1 chưa có báo cáo|');
    expect(render('{{noi (loc agencyRows "status" "missing") "name"}}|{{noi agencyRows "name" 2}}|{{noi (loc agencyRows "status" "x") "name"}}')).toBe(
      'Văn phòng UBND tỉnh và UBND huyện Lý Sơn|Công an tỉnh Quảng Ngãi, Sở Tư pháp và 9 đơn vị khác|',
    );
    expect(render('{{trangThai "done"}}, {{trangThai "noReport"}}, {{thuong "Trong tháng 12/2022"}}, {{ky "2023-Q1"}}')).toBe('đã hoàn thành, chưa báo cáo, trong tháng 12/2022, quý I/2023');
    expect(errorOf(() => render('{{trangThai "xong"}}')).message).toMatch(/"trangThai" cần một trạng thái/);
  });

  it('request tables and the chart as directives', () => {
    expect(render('{{bang "tasks"}}{{bieuDo "task-status"}}')).toBe('\n\n<!-- da06:table tasks -->\n\n\n\n<!-- da06:chart task-status -->\n\n');
  });
});

describe('the template', () => {
  it('is one NFC Vietnamese file for every period kind, with every section and appendix', () => {
    const source = readFileSync(DEFAULT_TEMPLATE, 'utf8');
    expect(source).toBe(source.normalize('NFC'));
    for (const heading of ['# I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI', '# II. KẾT QUẢ THỰC HIỆN', '# III. TỒN TẠI, HẠN CHẾ, KHÓ KHĂN, VƯỚNG MẮC VÀ NGUYÊN NHÂN', '# IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI', '# V. ĐỀ XUẤT, KIẾN NGHỊ', '# Tiến độ thực hiện các nhiệm vụ', '# Kết quả thực hiện các chỉ tiêu']) {
      expect(source).toContain(heading);
    }
    // No positional directives that take the next paragraph; no if-chains over statuses.
    for (const gone of ['da06:co-quan', 'da06:so ', 'da06:quoc-hieu', 'da06:dia-danh', 'da06:tieu-de', 'da06:noi-nhan', 'da06:chu-ky', 'da06:ky-ten', 'da06:can-giua', '(eq status "inProgress")']) expect(source).not.toContain(gone);
    const monthly = renderTemplate(DEFAULT_TEMPLATE, sampleReport).markdown;
    const quarter = renderTemplate(DEFAULT_TEMPLATE, {
      ...sampleReport,
      period: { ...sampleReport.period, id: '2023-Q1', kind: 'quarter', label: 'Quý I/2023', phrase: 'quý I/2023', months: ['2023-01', '2023-02', '2023-03'] },
      sources: [{ period: '2023-01', folder: 'a', files: 10 }, { period: '2023-02', folder: 'b', files: 9 }],
    }).markdown;
    expect(monthly).toContain('Đến ngày 16/01/2023, 8/11 cơ quan');
    expect(quarter).toContain('tổng hợp từ báo cáo tháng 01/2023, tháng 02/2023)');
    expect(quarter).toContain('Lũy kế đến cuối kỳ');
    expect(monthly).not.toContain('tổng hợp từ báo cáo tháng');
  });
});

/** The body: everything before the appendices. */
const bodyOf = (markdown: string): string => markdown.slice(0, markdown.indexOf('<!-- da06:phu-luc -->'));
/** Body text as the officer reads it: escapes undone, directives and blank lines dropped. */
const readable = (markdown: string): string =>
  bodyOf(markdown)
    .replace(/<!--[^]*?-->/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/\n{2,}/g, '\n');

describe('the wording an officer signs (issue 10)', () => {
  const body = readable(renderTemplate(DEFAULT_TEMPLATE, sampleReport).markdown);

  it('ends the last item of every list with "." and the others with ";"', () => {
    const lines = bodyOf(renderTemplate(DEFAULT_TEMPLATE, sampleReport).markdown).split('\n');
    const items = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.startsWith('- '));
    expect(items.length).toBeGreaterThan(4);
    for (const { l, i } of items) {
      // an item may run over two lines (a quoted clerk's text); take its last line
      let end = i;
      while (lines[end + 1] && !lines[end + 1]!.startsWith('- ') && lines[end + 1]!.trim() !== '') end += 1;
      const last = !lines[end + 1]?.startsWith('- ');
      expect(lines[end]!.trimEnd().slice(-1), l).toBe(last ? '.' : ';');
    }
  });

  it('writes no capital letter after a colon inside a sentence', () => {
    // "…như sau." ends the opening sentence; lines ending with ":" introduce a list.
    const inside = body.split('\n').flatMap((l) => [...l.matchAll(/: (\p{Lu}\p{Ll}*)/gu)].map((m) => m[1]));
    expect(inside).toEqual([]);
  });

  it('says zero counts naturally and prints no empty sentence', () => {
    expect(body).not.toMatch(/(^|[^\d.,])0 (nhiệm vụ|đơn vị|cơ quan|báo cáo)/m);
    expect(body).toContain('không có nhiệm vụ quá hạn');
    expect(body).not.toMatch(/: \.|: \(chỉ tiêu/);
  });

  it('writes agencies in full, never the tables\' abbreviations (H., TX., Sở TT&TT)', () => {
    expect(body).not.toMatch(/\b(H|TX|TP)\. /u);
    expect(body).not.toContain('Sở TT&TT');
    expect(body).not.toContain('Sở LĐ-TB&XH');
  });

  it('does not quote the standing agency\'s own submission as if from outside', () => {
    expect(body).not.toMatch(/Công an tỉnh Quảng Ngãi (phản ánh|đề xuất)/);
    expect(body).not.toContain('Công an tỉnh Quảng Ngãi: “');
    expect(body).toContain('- Về kinh phí: đề nghị UBND tỉnh bố trí kinh phí');
  });

  it('does not repeat section I\'s title in heading I.2', () => {
    const md = renderTemplate(DEFAULT_TEMPLATE, sampleReport).markdown;
    const i2 = md.match(/^## 2\. (.+)$/m)![1]!;
    expect(i2.toUpperCase()).not.toBe('CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI');
  });

  it('prints each task title at most once in the body, and section IV points to the appendix', () => {
    for (const task of sampleReport.tasks) expect(body.split(task.title).length - 1, task.id).toBeLessThanOrEqual(1);
    const iv = body.slice(body.indexOf('IV. PHƯƠNG HƯỚNG'), body.indexOf('V. ĐỀ XUẤT'));
    expect(iv).toContain('(chi tiết tại Phụ lục I)');
    for (const task of sampleReport.tasks) expect(iv).not.toContain(task.title);
  });

  it('lists what was completed this period and what became overdue, by title, and counts the rest', () => {
    const [a, b, ...rest] = sampleReport.tasks;
    const report = { ...sampleReport, tasks: [{ ...a!, status: 'done' as const, completedInPeriod: true }, { ...b!, status: 'inProgress' as const, overdue: true, newlyOverdue: true }, ...rest] };
    const text = readable(renderTemplate(DEFAULT_TEMPLATE, report).markdown);
    expect(text).toContain(`Trong kỳ có 1 nhiệm vụ được hoàn thành:\n- ${a!.title} (${a!.id})`);
    expect(text).toMatch(/trong đó 1 nhiệm vụ mới quá hạn trong kỳ:\n- Kiện toàn Tổ công tác triển khai Đề án 06 cấp huyện, cấp xã \(III\.1\.b, thời hạn trong tháng 12\/2022\), đang thực hiện\./);
  });

  it('gives a returned file\'s real reason: how many errors, and their main kinds', () => {
    expect(body).toContain('báo cáo của Sở Y tế (3 lỗi, chủ yếu là thiếu trạng thái và tiến độ không hợp lệ)');
    expect(body).not.toContain('chưa đúng biểu mẫu');
  });

  it('gives reporting per level: departments apart from districts or communes', () => {
    expect(body).toContain('gồm 5/7 sở, ngành; 3/4 huyện, thị xã, thành phố.');
    const communes = { ...sampleReport, reportingByLevel: [sampleReport.reportingByLevel[0]!, { level: 'commune', label: 'xã, phường, đặc khu', expected: 102, submitted: 97, onTime: 90, late: 7, missing: 5, rejected: 0 }] };
    const text = readable(renderTemplate(DEFAULT_TEMPLATE, communes).markdown);
    expect(text).toContain('gồm 5/7 sở, ngành; 97/102 xã, phường, đặc khu.');
    expect(text).not.toMatch(/\d+\/\d+ huyện/);
  });

  it('an indicator without data says "chưa có số liệu" and names who should have reported it', () => {
    const [first, ...rest] = sampleReport.indicators;
    const { numerator: _n, denominator: _d, value: _v, met: _m, previousValue: _p, ...bare } = first!;
    const report = { ...sampleReport, indicators: [{ ...bare, reported: 0, byAgency: [], pending: ['Sở Tư pháp'] }, ...rest] };
    const text = readable(renderTemplate(DEFAULT_TEMPLATE, report).markdown);
    expect(text).toContain('- Tỷ lệ dữ liệu hộ tịch đã được số hóa trên toàn tỉnh: chưa có số liệu (Sở Tư pháp chưa báo cáo).');
  });

  it('leaves out an empty section or appendix and every reference to it', () => {
    const none = { ...sampleReport, indicators: [], difficulties: [], difficultyThemes: [], proposals: [], proposalThemes: [] };
    const md = renderTemplate(DEFAULT_TEMPLATE, none).markdown;
    expect(md).not.toContain('chỉ tiêu');
    expect(md).not.toContain('Khó khăn, vướng mắc');
    expect(md).not.toContain('ĐỀ XUẤT, KIẾN NGHỊ');
    // Two appendices: the agencies' one is now number II, and the body says so.
    expect(md.match(/^# /gm)!.length - (md.slice(0, md.indexOf('<!-- da06:phu-luc -->')).match(/^# /gm)!.length)).toBe(2);
    expect(md).toContain('Chi tiết tại Phụ lục II.');
    expect(md).not.toContain('Phụ lục III');
  });
});

describe('the chart', () => {
  it('is a PNG drawn the same way every time', () => {
    const a = renderTaskStatusChart(sampleReport.groups);
    const b = renderTaskStatusChart(sampleReport.groups);
    expect([...a.png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(Buffer.compare(Buffer.from(a.png), Buffer.from(b.png))).toBe(0);
    expect(a.width).toBe(600);
    expect(a.height).toBeGreaterThan(100);
  });
  it('labels every group and the four statuses, escaping XML', () => {
    const svg = taskStatusSvg([{ ...sampleReport.groups[0]!, name: 'A & <B>' }], 'Liberation Serif');
    expect(svg).toContain('A &amp; &lt;B&gt;');
    for (const label of ['Đã hoàn thành', 'Đang thực hiện', 'Chưa thực hiện', 'Chưa báo cáo']) expect(svg).toContain(label);
  });
});
