import { getEntityMetadata } from '@tenon/data';
import { {{Name}} } from '../../src/{{folder}}/{{file}}.entity{{ext}}';

describe('{{Name}} (entity)', () => {
  it('maps to the {{table}} table', () => {
    const metadata = getEntityMetadata({{Name}});
    expect(metadata.table).toBe('{{table}}');
    expect(metadata.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['id', 'name', 'version']));
  });
});
