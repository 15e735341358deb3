import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { expect } from 'vitest';

/**
 * ISO/IEC 29500 Transitional validation of a DOCX or XLSX, with the checker vendored in
 * test/ooxml/ (see test/ooxml/SOURCE.md): every XML part, after the Markup Compatibility pre-pass,
 * against the schemas with xmllint (no network), then the package and Word/Excel consistency checks
 * that a schema cannot express (semantic.py). Needs xmllint and python3.
 */

const OOXML = fileURLToPath(new URL('../ooxml/', import.meta.url));

export interface OoxmlResult {
  /** Schema errors, "part:line: message", and blocking consistency findings: each one makes Word or Excel repair the file. */
  errors: string[];
  /** Consistency findings that do not block opening (e.g. an undefined style). */
  warnings: string[];
}

// Strips each part in one python process (mce_strip.py exactly as vendored, called per part).
const STRIP_ALL = `
import sys, json
sys.path.insert(0, sys.argv[1])
import mce_strip
from xml.dom import minidom
for src, dst in json.load(sys.stdin):
    doc = minidom.parse(src)
    mce_strip.walk(doc.documentElement, {"xml": "http://www.w3.org/XML/1998/namespace"}, set())
    with open(dst, "w", encoding="utf-8") as fh:
        fh.write(doc.documentElement.toxml())
`;

/** Validates the file at `path` (or the given bytes); never throws for an invalid file. */
export function checkOoxml(file: string | Uint8Array): OoxmlResult {
  const work = mkdtempSync(join(tmpdir(), 'da06-ooxml-'));
  try {
    const bytes = typeof file === 'string' ? new Uint8Array(readFileSync(file)) : file;
    const packagePath = join(work, 'package.zip');
    writeFileSync(packagePath, bytes);
    const parts = Object.entries(unzipSync(bytes))
      .filter(([name]) => /\.(xml|rels)$/.test(name))
      .sort(([a], [b]) => (a < b ? -1 : 1));
    const pairs = parts.map(([name, data]) => {
      const raw = join(work, 'raw', name);
      const stripped = join(work, 'mce', name);
      mkdirSync(dirname(raw), { recursive: true });
      mkdirSync(dirname(stripped), { recursive: true });
      writeFileSync(raw, data);
      return [raw, stripped] as const;
    });
    execFileSync('python3', ['-c', STRIP_ALL, OOXML], { input: JSON.stringify(pairs) });
    const lint = spawnSync('xmllint', ['--nonet', '--noout', '--schema', join(OOXML, 'wrapper.xsd'), ...pairs.map(([, s]) => s)], {
      env: { ...process.env, XML_CATALOG_FILES: join(OOXML, 'schemas/catalog.xml') },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const prefix = join(work, 'mce') + '/';
    const errors = lint.stderr
      .split('\n')
      .filter((l) => l !== '' && !/ (validates|fails to validate)$/.test(l) && !/Schemas parser warning|Skipping import of schema/.test(l))
      .map((l) => l.split(prefix).join(''));
    if (lint.status !== 0 && errors.length === 0) errors.push(`xmllint exited with ${lint.status}`);
    const semantic = spawnSync('python3', [join(OOXML, 'semantic.py'), packagePath], { encoding: 'utf8' });
    const findings = semantic.stdout.split('\n').filter((l) => /^(BLOCK|warn)\b/.test(l));
    errors.push(...findings.filter((l) => l.startsWith('BLOCK')));
    if (semantic.status !== 0 && !findings.some((l) => l.startsWith('BLOCK'))) errors.push(`semantic.py: ${semantic.stderr.trim() || `exit ${semantic.status}`}`);
    return { errors, warnings: findings.filter((l) => l.startsWith('warn')) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Fails the test with every schema error and blocking finding of the DOCX or XLSX. */
export function expectValidOoxml(file: string | Uint8Array): void {
  expect(checkOoxml(file).errors).toEqual([]);
}
