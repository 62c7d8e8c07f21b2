import 'reflect-metadata';
import { Database } from '@tenon/data';
import type { HttpApplication } from '@tenon/http';
import { Test, TestDatabase } from '@tenon/testing';
import { AppModule } from '../src/app.module';
import { Todo } from '../src/todos/todo.entity';
import { TodoRepository } from '../src/todos/todo.repository';
import { TodoService } from '../src/todos/todo.service';

// One embedded database per jest worker with the todos table created once; every test runs in a
// transaction rolled back afterwards, so each test starts from an empty table.
const db = TestDatabase.setup({ entities: [Todo] });

describe('todo API (e2e on TestDatabase)', () => {
  let app: HttpApplication;

  beforeAll(async () => {
    app = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(Database)
      .useValue(db.database)
      .createHttpApplication({
        logger: false,
        openapi: { title: 'Todo API', version: '1.0.0' },
      });
  });

  afterAll(() => app.close());

  const post = (url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, payload: payload as object });
  const patch = (url: string, payload: unknown) =>
    app.inject({ method: 'PATCH', url, payload: payload as object });
  const get = (url: string) => app.inject({ method: 'GET', url });

  it('creates (201), reads and deletes a todo', async () => {
    const created = await post('/todos', { title: 'buy milk' });
    expect(created.statusCode).toBe(201);
    const todo = created.json() as Todo & { createdAt: string; updatedAt: string };
    expect(todo).toEqual({
      id: expect.any(Number),
      title: 'buy milk',
      done: false,
      version: 0,
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: todo.createdAt,
    });
    expect((await get(`/todos/${todo.id}`)).json()).toEqual(todo);
    expect((await app.inject({ method: 'DELETE', url: `/todos/${todo.id}` })).statusCode).toBe(204);
    const gone = await get(`/todos/${todo.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ status: 404, detail: `Todo ${todo.id} does not exist.` });
  });

  it('starts every test from an empty table (the previous test was rolled back)', async () => {
    expect((await get('/todos')).json()).toMatchObject({ content: [], total: 0 });
    expect(await db.database.repository(TodoRepository).count()).toBe(0);
  });

  it('validates input: 400 problems naming each field', async () => {
    const blank = await post('/todos', { title: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({
      status: 400,
      code: 'TENON_HTTP_VALIDATION_FAILED',
      errors: [{ property: 'title', constraints: { matches: 'title must not be blank' } }],
    });
    const long = await post('/todos', { title: 'x'.repeat(201) });
    expect(long.json().errors).toEqual([
      {
        property: 'title',
        constraints: { isLength: 'title must be shorter than or equal to 200 characters' },
        value: 'x'.repeat(201),
      },
    ]);
    // PostgreSQL cannot store the NUL character: refused at the edge, not a 500 from the database.
    const nul = await post('/todos', { title: 'a\u0000b' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().errors).toEqual([
      {
        property: 'title',
        constraints: { notContains: 'title must not contain the NUL character' },
        value: 'a\u0000b',
      },
    ]);
    expect((await get('/todos/search?q=%00')).statusCode).toBe(400);
    expect((await post('/todos', { title: 7 })).statusCode).toBe(400);
    expect((await post('/todos', {})).statusCode).toBe(400);
    expect((await get('/todos/abc')).statusCode).toBe(400);
    expect((await get('/todos?size=101')).statusCode).toBe(400);
    expect((await get('/todos?done=maybe')).statusCode).toBe(400);
  });

  it('pages most recent first, with totals, and filters by state', async () => {
    for (let i = 1; i <= 5; i++) await post('/todos', { title: `todo ${i}` });
    const firstId = (await get('/todos?size=5')).json().content[4].id as number;
    await patch(`/todos/${firstId}`, { done: true, version: 0 });
    const page = await get('/todos?page=1&size=2');
    expect(page.json()).toMatchObject({ total: 5, page: 1, size: 2, totalPages: 3 });
    expect(page.json().content.map((t: Todo) => t.title)).toEqual(['todo 3', 'todo 2']);
    expect((await get('/todos?done=true')).json()).toMatchObject({
      total: 1,
      content: [{ title: 'todo 1', done: true }],
    });
    expect((await get('/todos?done=false')).json().total).toBe(4);
    expect((await get('/todos/stats')).json()).toEqual({ open: 4, done: 1 });
    expect((await get('/todos/search?q=TODO%203')).json().map((t: Todo) => t.title)).toEqual(['todo 3']);
  });

  it('refuses a stale version with 409 (optimistic locking) and keeps the first write', async () => {
    const { id } = (await post('/todos', { title: 'contended' })).json() as Todo;
    const first = await patch(`/todos/${id}`, { title: 'first writer', version: 0 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ title: 'first writer', version: 1 });
    const stale = await patch(`/todos/${id}`, { title: 'second writer', version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      status: 409,
      code: 'TENON_DATA_OPTIMISTIC_LOCK',
      detail: expect.stringContaining(`Todo with id ${id} was changed or deleted by another transaction`),
    });
    expect((await get(`/todos/${id}`)).json()).toMatchObject({ title: 'first writer', version: 1 });
    expect((await patch(`/todos/${id}`, { done: true, version: 1 })).json()).toMatchObject({
      done: true,
      version: 2,
    });
  });

  it('creates a batch in one transaction: all or nothing', async () => {
    const ok = await post('/todos/batch', { todos: [{ title: 'a' }, { title: 'b' }] });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().map((t: Todo) => t.title)).toEqual(['a', 'b']);
    // Straight to the service (HTTP validation would stop this earlier): the second todo is too
    // long for its column, so its insert fails and the first one is rolled back with it.
    const service = app.get(TodoService);
    await expect(service.createMany([{ title: 'kept?' }, { title: 'y'.repeat(201) }])).rejects.toMatchObject({
      code: 'TENON_DATA_VALUE_TOO_LONG',
    });
    expect(
      (await get('/todos'))
        .json()
        .content.map((t: Todo) => t.title)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('serves health, metrics, the OpenAPI document and Swagger UI', async () => {
    const ready = await get('/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'up', checks: { database: { status: 'up' } } });
    expect((await get('/health/live')).statusCode).toBe(200);
    await get('/todos');
    const metrics = await get('/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(/todo_http_requests_total\{[^}]*route="\/todos"[^}]*\} \d+/);
    const docs = await get('/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/^text\/html/);
    const doc = (await get('/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/todos', '/todos/{id}', '/todos/batch']));
  });
});
