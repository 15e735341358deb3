import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../generator/plan/loadPlan.ts';
import { ManifestUrlError, productionManifest } from '../../addin/build/manifest.ts';

/** Checked offline against Microsoft's XSD, kept in the repository (addin/schemas/README.md: source, licence). */
const XSD = join(REPO_ROOT, 'addin', 'schemas', 'OfficeAppManifestV1_1.xsd');
const MANIFEST = join(REPO_ROOT, 'manifest.xml');
const xml = readFileSync(MANIFEST, 'utf8');

/** xmllint's verdict on `file`. A missing schema is a broken test setup, never a pass or a plain "invalid". */
function xmllint(file: string, xsd: string = XSD): { ok: boolean; output: string } {
  if (!existsSync(xsd)) throw new Error(`Office manifest schema missing: ${xsd}`);
  try {
    const output = execFileSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
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

  it('the schema check does catch a broken manifest, for the reason it is broken', () => {
    const result = xmllint(tempFile(xml.replace(/<Id>[^<]*<\/Id>/, '')));
    expect(result.ok).toBe(false);
    // The schema was read and applied: xmllint names the element it expected, not a missing file.
    expect(result.output).toMatch(/Element '\{http:\/\/schemas\.microsoft\.com\/office\/appforoffice\/1\.1\}Version'.*Expected is .*Id/s);
  });

  it('fails, not passes, when the schema is missing', () => {
    expect(() => xmllint(MANIFEST, join(REPO_ROOT, 'addin', 'schemas', 'missing.xsd'))).toThrow(/schema missing/);
  });

  it('is an Excel task pane in Vietnamese, with least permission, shown on every Excel with add-ins (ExcelApi 1.1)', () => {
    expect(xml).toMatch(/xsi:type="TaskPaneApp"/);
    expect(xml).toMatch(/<Host Name="Workbook"\/>/);
    expect(xml).toMatch(/<DefaultLocale>vi-VN<\/DefaultLocale>/);
    expect(xml).toMatch(/<DisplayName DefaultValue="Kiểm tra báo cáo Đề án 06"\/>/);
    expect(xml).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
    // Office 2016 gives ExcelApi 1.1 only: a higher minimum hides the add-in there. Newer sets are
    // checked at run time (addin/src/office/features.ts).
    expect(xml.match(/<Set Name="[^"]+" MinVersion="[^"]+"\/>/g)).toEqual(['<Set Name="ExcelApi" MinVersion="1.1"/>']);
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
