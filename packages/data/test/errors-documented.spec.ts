import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DataErrorCode } from '@tenon/data';

describe('error codes', () => {
  const docs = readFileSync(path.resolve(__dirname, '../../../docs/errors.md'), 'utf8');
  const section = docs.slice(
    docs.indexOf('## @tenon/data'),
    docs.indexOf('\n## ', docs.indexOf('## @tenon/data') + 1),
  );

  it.each(Object.values(DataErrorCode))('%s has a row in docs/errors.md under @tenon/data', (code) => {
    expect(section).toMatch(new RegExp(`^\\| \`${code}\` \\| .+ \\| .+ \\|$`, 'm'));
  });

  it('every code starts with TENON_DATA_ and is unique', () => {
    const codes = Object.values(DataErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^TENON_DATA_[A-Z_]+$/);
  });
});
