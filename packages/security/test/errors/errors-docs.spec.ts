import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SecurityErrorCode } from '@tenon/security';

// Every code users can meet has a row in docs/errors.md with its cause and how to solve it.
describe('docs/errors.md', () => {
  const docs = readFileSync(join(__dirname, '../../../../docs/errors.md'), 'utf8');
  const start = docs.indexOf('## @tenon/security');
  const end = docs.indexOf('\n## ', start + 1);
  const section = docs.slice(start, end === -1 ? undefined : end);

  it('has a @tenon/security section', () => {
    expect(start).toBeGreaterThan(-1);
  });

  it.each(Object.values(SecurityErrorCode))('has a row for %s with a cause and how to solve it', (code) => {
    const row = section.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
    expect(row).toBeDefined();
    const cells = row!.split(' | ');
    expect(cells.length).toBeGreaterThanOrEqual(3);
    expect(cells.every((cell) => cell.replace(/\|/g, '').trim().length > 0)).toBe(true);
  });

  it('has no row for a code the registry does not have', () => {
    const documented = [...section.matchAll(/^\| `(TENON_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.values(SecurityErrorCode).sort());
  });

  it('keeps every code prefixed with TENON_SECURITY_', () => {
    for (const code of Object.values(SecurityErrorCode)) expect(code).toMatch(/^TENON_SECURITY_[A-Z_]+$/);
  });
});
