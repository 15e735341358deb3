import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, ISSUE_CODES, SEVERITY_LABEL } from '../../core/validation/catalogue.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('gives the two commands near its top', () => {
    const top = readme.split('\n').slice(0, 20).join('\n');
    expect(top).toContain('npm ci && npm run report');
    expect(top).toContain('npm test');
  });

  it('lists every issue code of the catalogue with its title', () => {
    for (const code of ISSUE_CODES) expect(readme).toContain(`| \`${code}\` | ${SEVERITY_LABEL[CATALOGUE[code].severity]} | ${CATALOGUE[code].title} |`);
  });

  it('is Unicode NFC', () => {
    expect(readme).toBe(readme.normalize('NFC'));
  });
});
