import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpErrorCode } from '@tenon/http';

describe('docs/errors.md', () => {
  it('has a row in the @tenon/http section for every code of the registry', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/errors.md'), 'utf8');
    const section = doc.slice(
      doc.indexOf('## @tenon/http'),
      doc.indexOf('\n## ', doc.indexOf('## @tenon/http') + 1),
    );
    const missing = Object.values(HttpErrorCode).filter((code) => !section.includes(`| \`${code}\` |`));
    expect(missing).toEqual([]);
    expect(Object.values(HttpErrorCode).every((c) => c.startsWith('TENON_HTTP_'))).toBe(true);
  });
});
