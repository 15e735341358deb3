import { join } from 'node:path';
import { NextAttributeComponent, Packer } from 'docx';
import { unzipSync } from 'fflate';
import fc from 'fast-check';
import { toMarkdown } from 'mdast-util-to-markdown';
import { describe, expect, it } from 'vitest';
import { linearPrepForXml, originalPrepForXml } from '../../generator/docx/fastAttributes.ts';
import { renderTaskStatusChart, renderTaskStatusChartAsync } from '../../generator/report/chart.ts';
import { markdownToDocx } from '../../generator/report/markdownToDocx.ts';
import { escapeMarkdown, renderTemplate } from '../../generator/report/renderTemplate.ts';
import { stabilizeParts, writeReportDocx } from '../../generator/report/writeDocx.ts';
import { sampleReport } from '../fixtures/sampleReport.ts';
import { REPO } from '../helpers/cli.ts';

/**
 * The DOCX writer's shortcuts (parts taken from docx's compiler and zipped once, attributes built in
 * one pass, the chart drawn on another thread) change nothing in the bytes: the plain public path
 * of docx gives the same file. Timings are in bench/docx.ts, not here.
 */

const MONTHLY = join(REPO, 'templates/bao-cao.hbs');

describe('the fast DOCX path', () => {
  it("writes the same bytes as docx's public Packer with docx's own attribute code and a chart drawn in place", async () => {
    const fast = await writeReportDocx(sampleReport, MONTHLY);
    const proto = NextAttributeComponent.prototype as unknown as { prepForXml: unknown };
    expect(proto.prepForXml).toBe(linearPrepForXml);
    proto.prepForXml = originalPrepForXml;
    try {
      const { tree } = renderTemplate(MONTHLY, sampleReport);
      const document = markdownToDocx(tree, sampleReport, { chart: (r) => renderTaskStatusChart(r.groups) });
      const packed = new Uint8Array(await Packer.toBuffer(document));
      const slow = stabilizeParts(Object.entries(unzipSync(packed)), `${sampleReport.reportDate}T00:00:00Z`);
      expect(Buffer.compare(Buffer.from(fast), Buffer.from(slow))).toBe(0);
    } finally {
      proto.prepForXml = linearPrepForXml;
    }
  }, 60_000);

  it('builds each attribute set exactly as docx does: same keys, same order, undefined left out, the last of a repeated key', () => {
    const cases = [
      { a: { key: 'w:val', value: 'single' }, b: { key: 'w:sz', value: 4 }, c: { key: 'w:space', value: undefined }, d: { key: 'w:color', value: '000000' } },
      { x: { key: 'w:ascii', value: 'Times New Roman' }, y: { key: 'w:ascii', value: 'Arial' }, z: { key: 'w:hint', value: false } },
      {},
    ];
    for (const root of cases) {
      const component = new NextAttributeComponent(root as never) as unknown as { root: object };
      const mine = linearPrepForXml.call(component as never);
      const theirs = originalPrepForXml.call(component as never);
      expect(JSON.stringify(mine)).toBe(JSON.stringify(theirs));
      expect(Object.keys(mine._attr)).toEqual(Object.keys(theirs._attr));
    }
  });

  it('draws the same chart on another thread', async () => {
    const a = renderTaskStatusChart(sampleReport.groups);
    const b = await renderTaskStatusChartAsync(sampleReport.groups);
    expect(Buffer.compare(Buffer.from(a.png), Buffer.from(b.png))).toBe(0);
    expect([b.width, b.height]).toEqual([a.width, a.height]);
  });

  it('escapes for Markdown exactly as the serializer does, also the plain texts it lets through untouched', () => {
    const serializer = (value: string): string => toMarkdown({ type: 'paragraph', children: [{ type: 'text', value }] }).replace(/\n$/, '');
    const chars = [...'aàảãáạăằẳẵắặâầẩẫấậbcdđeèéêếệghiklmnoôơpqrstuưvxyAĐÊ0123456789 ,;.%/()\'"“”‘’–-*_#+<>&[]!\\`~|:=\n'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 14 }), (arr) => {
        const s = arr.join('');
        expect(escapeMarkdown(s)).toBe(serializer(s));
      }),
      { numRuns: 20_000 },
    );
    for (const s of ['Sở Y tế', 'TP. Quảng Ngãi', '1. Mục', '- gạch', '(a) b', 'a  b', ' a', 'Sở VH,TT&DL', '# x', '**đậm**']) expect(escapeMarkdown(s)).toBe(serializer(s));
  });
});
