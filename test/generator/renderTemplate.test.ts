import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { afterAll, describe, expect, it } from 'vitest';
import { renderTaskStatusChart, taskStatusSvg } from '../../generator/report/chart.ts';
import { escapeData, escapeMarkdown, renderTemplate, renderTemplateSource, TemplateError } from '../../generator/report/renderTemplate.ts';
import { MARKUP_TEXT, sampleReport } from '../fixtures/sampleReport.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TEMPLATES = ['templates/bao-cao-thang.hbs', 'templates/bao-cao-tong-hop.hbs'].map((t) => join(root, t));
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
  it('request tables and the chart as directives', () => {
    expect(render('{{bang "tasks"}}{{bieuDo "task-status"}}')).toBe('\n\n<!-- da06:table tasks -->\n\n\n\n<!-- da06:chart task-status -->\n\n');
  });
});

describe('the templates', () => {
  it('are NFC Vietnamese with every section', () => {
    for (const template of TEMPLATES) {
      const source = readFileSync(template, 'utf8');
      expect(source).toBe(source.normalize('NFC'));
      for (const heading of ['# I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI', '# II. KẾT QUẢ THỰC HIỆN', '# III. TỒN TẠI, HẠN CHẾ, KHÓ KHĂN, VƯỚNG MẮC VÀ NGUYÊN NHÂN', '# IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI', '# V. ĐỀ XUẤT, KIẾN NGHỊ', 'PHỤ LỤC 1', 'PHỤ LỤC 2', 'PHỤ LỤC 3']) {
        expect(source).toContain(heading);
      }
    }
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
