import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoreErrorCode } from '@tenon/core';

describe('docs/errors.md', () => {
  const docs = readFileSync(join(__dirname, '../../../../docs/errors.md'), 'utf8');
  const section = docs.slice(docs.indexOf('## @tenon/core'), docs.indexOf('## @tenon/http'));

  it.each(Object.values(CoreErrorCode))('documents %s with a cause and how to solve it', (code) => {
    const row = section.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
    expect(row).toBeDefined();
    const cells = row!.split(' | ');
    expect(cells.length).toBeGreaterThanOrEqual(3);
    expect(cells[cells.length - 1]!.length).toBeGreaterThan(10);
  });

  it('documents no code that does not exist', () => {
    const documented = [...section.matchAll(/^\| `(TENON_CORE_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...Object.values(CoreErrorCode)].sort());
  });
});
