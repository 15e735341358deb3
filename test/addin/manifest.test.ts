import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../generator/plan/loadPlan.ts';
import { ManifestUrlError, productionManifest } from '../../addin/build/manifest.ts';

/** Checked offline against Microsoft's XSD (../shared/office-manifest-xsd), with xmllint. */
const XSD = join(REPO_ROOT, '..', 'shared', 'office-manifest-xsd', 'OfficeAppManifestV1_1.xsd');
const MANIFEST = join(REPO_ROOT, 'manifest.xml');
const xml = readFileSync(MANIFEST, 'utf8');

function xmllint(file: string): { ok: boolean; output: string } {
  try {
    const output = execFileSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { ok: true, output };
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    return { ok: false, output: err.stderr ?? err.message };
  }
}

function tempFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'da06-manifest-')), 'manifest.xml');
  writeFileSync(file, text);
  return file;
}

function pngSize(file: string): [number, number] {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('manifest.xml', () => {
  it('is valid against the Office add-in manifest schema', () => {
    const result = xmllint(MANIFEST);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('the schema check does catch a broken manifest', () => {
    expect(xmllint(tempFile(xml.replace(/<Id>[^<]*<\/Id>/, ''))).ok).toBe(false);
  });

  it('is an Excel task pane in Vietnamese, with least permission and ExcelApi 1.9', () => {
    expect(xml).toMatch(/xsi:type="TaskPaneApp"/);
    expect(xml).toMatch(/<Host Name="Workbook"\/>/);
    expect(xml).toMatch(/<DefaultLocale>vi-VN<\/DefaultLocale>/);
    expect(xml).toMatch(/<DisplayName DefaultValue="Kiểm tra báo cáo Đề án 06"\/>/);
    expect(xml).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
    expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1.9"\/>/);
    expect(xml).toMatch(/<SourceLocation DefaultValue="https:\/\/localhost:3000\/taskpane.html"\/>/);
    expect(xml).toMatch(/<Action xsi:type="ShowTaskpane">/);
  });

  it('points at icons that exist with the sizes they claim', () => {
    for (const size of [16, 32, 64, 80]) {
      expect(xml).toContain(`https://localhost:3000/assets/icon-${size}.png`);
      expect(pngSize(join(REPO_ROOT, 'addin', 'assets', `icon-${size}.png`))).toEqual([size, size]);
    }
  });

  it('builds for a production URL that still validates', () => {
    const prod = productionManifest(xml, 'https://da06.example.gov.vn/addin');
    expect(prod).not.toContain('localhost');
    expect(prod).toContain('<SourceLocation DefaultValue="https://da06.example.gov.vn/addin/taskpane.html"/>');
    expect(xmllint(tempFile(prod)).ok).toBe(true);
  });

  it('refuses a production URL Office would not load', () => {
    expect(() => productionManifest(xml, 'http://da06.example.gov.vn/')).toThrow(ManifestUrlError);
    expect(() => productionManifest(xml, 'not a url')).toThrow(ManifestUrlError);
  });
});
