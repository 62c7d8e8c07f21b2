import { TestDatabase } from '@tenon/testing';
import { {{Name}} } from '../../src/{{folder}}/{{file}}.entity{{ext}}';
import { {{Name}}Repository } from '../../src/{{folder}}/{{file}}.repository{{ext}}';

// The embedded test database: the table is created once per worker, each test is rolled back.
const db = TestDatabase.setup({ entities: [{{Name}}] });

describe('{{Name}}Repository', () => {
  it('saves and finds {{names}} by a part of their name', async () => {
    const {{names}} = db.database.repository({{Name}}Repository);
    await {{names}}.save({ name: 'Alpha' });
    expect((await {{names}}.findByNameContainingIgnoreCase('alp')).map((x) => x.name)).toEqual(['Alpha']);
  });
});
