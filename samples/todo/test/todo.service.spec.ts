import 'reflect-metadata';
import { NotFoundException } from '@tenon/http';
import { Page } from '@tenon/data';
import { createMock, Test, type DeepMocked, type TestingModule } from '@tenon/testing';
import type { Todo } from '../src/todos/todo.entity';
import { TodoModule } from '../src/todos/todo.module';
import { TodoRepository } from '../src/todos/todo.repository';
import { TodoService } from '../src/todos/todo.service';

function todo(overrides: Partial<Todo> = {}): Todo {
  const at = new Date('2026-01-01T10:00:00.000Z');
  return { id: 1, title: 'milk', done: false, createdAt: at, updatedAt: at, version: 0, ...overrides };
}

// Unit tests: the real TodoModule with its repository replaced, so no database is involved.
describe('TodoService (repository overridden)', () => {
  let moduleRef: TestingModule;
  let todos: DeepMocked<TodoRepository>;
  let service: TodoService;

  beforeEach(async () => {
    todos = createMock<TodoRepository>();
    moduleRef = await Test.createTestingModule({ imports: [TodoModule] })
      .overrideProvider(TodoRepository)
      .useValue(todos)
      .compile();
    service = moduleRef.get(TodoService);
  });

  afterEach(() => moduleRef.close());

  it('lists a page, by default the first 20, open and done', async () => {
    const page = new Page([todo()], 1, 0, 20);
    todos.findPageByDone.mockResolvedValue(page);
    await expect(service.list({})).resolves.toBe(page);
    expect(todos.findPageByDone).toHaveBeenCalledWith({ page: 0, size: 20 }, undefined);
  });

  it('reads the done filter from its query string form', async () => {
    todos.findPageByDone.mockResolvedValue(new Page([], 0, 2, 5));
    await service.list({ page: 2, size: 5, done: 'false' });
    await service.list({ done: 'true' });
    expect(todos.findPageByDone.mock.calls).toEqual([
      [{ page: 2, size: 5 }, false],
      [{ page: 0, size: 20 }, true],
    ]);
  });

  it('gives the todo, or a NotFoundException naming the id', async () => {
    todos.findById.mockResolvedValueOnce(todo()).mockResolvedValueOnce(null);
    await expect(service.get(1)).resolves.toEqual(todo());
    const error = await service.get(42).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundException);
    expect((error as NotFoundException).status).toBe(404);
    expect((error as NotFoundException).detail).toBe('Todo 42 does not exist.');
  });

  it('deletes, or answers 404 when there was nothing to delete', async () => {
    todos.deleteById.mockResolvedValueOnce(true).mockResolvedValueOnce(false);
    await expect(service.remove(1)).resolves.toBeUndefined();
    await expect(service.remove(2)).rejects.toThrow('Todo 2 does not exist.');
  });

  it('searches through the derived finder and counts by state', async () => {
    todos.findByTitleContainingIgnoreCaseOrderByCreatedAtDesc.mockResolvedValue([todo()]);
    todos.countByDone.mockImplementation(async (done) => (done ? 3 : 4));
    await expect(service.search('MIL')).resolves.toEqual([todo()]);
    expect(todos.findByTitleContainingIgnoreCaseOrderByCreatedAtDesc).toHaveBeenCalledWith('MIL');
    await expect(service.stats()).resolves.toEqual({ open: 4, done: 3 });
  });
});
