import { Database } from '@tenon/data';
import type { HttpApplication } from '@tenon/http';
import { Test, TestDatabase } from '@tenon/testing';
import { AppModule } from '../../src/app.module{{ext}}';
import { {{Name}} } from '../../src/{{folder}}/{{file}}.entity{{ext}}';

// One embedded database per jest worker with the `{{table}}` table created once; each test runs in
// a transaction rolled back afterwards, so every test starts from an empty table.
const db = TestDatabase.setup({ entities: [{{Name}}] });

describe('/{{path}} (e2e)', () => {
  let app: HttpApplication;

  beforeAll(async () => {
    app = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(Database)
      .useValue(db.database)
      .createHttpApplication({ logger: false });
  });

  afterAll(() => app.close());

  it('creates (201), reads, updates and deletes a {{name}}', async () => {
    const created = await app.inject({ method: 'POST', url: '/{{path}}', payload: { name: 'first' } });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as {{Name}};
    expect(created.json()).toMatchObject({ id, name: 'first', version: 0 });

    const read = await app.inject({ method: 'GET', url: `/{{path}}/${id}` });
    expect(read.json()).toMatchObject({ id, name: 'first' });

    const updated = await app.inject({ method: 'PATCH', url: `/{{path}}/${id}`, payload: { name: 'renamed', version: 0 } });
    expect(updated.json()).toMatchObject({ name: 'renamed', version: 1 });
    const stale = await app.inject({ method: 'PATCH', url: `/{{path}}/${id}`, payload: { name: 'late', version: 0 } });
    expect(stale.statusCode).toBe(409);

    expect((await app.inject({ method: 'DELETE', url: `/{{path}}/${id}` })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/{{path}}/${id}` })).statusCode).toBe(404);
  });

  it('lists a page and validates input (400 naming the field)', async () => {
    await app.inject({ method: 'POST', url: '/{{path}}', payload: { name: 'a' } });
    expect((await app.inject({ method: 'GET', url: '/{{path}}' })).json()).toMatchObject({ total: 1, content: [{ name: 'a' }] });
    const invalid = await app.inject({ method: 'POST', url: '/{{path}}', payload: { name: '' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ status: 400, errors: [{ property: 'name' }] });
  });
});
