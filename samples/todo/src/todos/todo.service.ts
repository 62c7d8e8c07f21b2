import { Injectable, Logger } from '@tenon/core';
import { NotFoundException } from '@tenon/http';
import { Pageable, Transactional, type Page } from '@tenon/data';
import type { CreateTodoDto, ListTodosQuery, UpdateTodoDto } from './todo.dto';
import type { Todo } from './todo.entity';
import { TodoRepository } from './todo.repository';

/** The todo use cases; controllers stay thin. */
@Injectable()
export class TodoService {
  constructor(
    private readonly todos: TodoRepository,
    private readonly log: Logger,
  ) {}

  list(query: ListTodosQuery): Promise<Page<Todo>> {
    const done = query.done === undefined ? undefined : query.done === 'true';
    return this.todos.findPageByDone(Pageable.of(query.page ?? 0, query.size ?? 20), done);
  }

  search(text: string): Promise<Todo[]> {
    return this.todos.findByTitleContainingIgnoreCaseOrderByCreatedAtDesc(text);
  }

  async get(id: number): Promise<Todo> {
    const todo = await this.todos.findById(id);
    if (!todo) throw new NotFoundException(`Todo ${id} does not exist.`);
    return todo;
  }

  @Transactional()
  async create(dto: CreateTodoDto): Promise<Todo> {
    const todo = await this.todos.save({ title: dto.title });
    this.log.info('todo created', { id: todo.id });
    return todo;
  }

  /** All or nothing: if one insert fails, none of the todos is kept. */
  @Transactional()
  async createMany(dtos: readonly CreateTodoDto[]): Promise<Todo[]> {
    const todos: Todo[] = [];
    for (const dto of dtos) todos.push(await this.todos.save({ title: dto.title }));
    this.log.info('todos created', { count: todos.length });
    return todos;
  }

  /**
   * Applies the change on top of the version the client read. `save` updates only if the row
   * still has that version, else throws OptimisticLockError, which the HTTP layer answers with 409.
   */
  @Transactional()
  async update(id: number, dto: UpdateTodoDto): Promise<Todo> {
    const current = await this.get(id);
    return this.todos.save({
      ...current,
      ...(dto.title !== undefined ? { title: dto.title } : {}),
      ...(dto.done !== undefined ? { done: dto.done } : {}),
      version: dto.version,
    });
  }

  async remove(id: number): Promise<void> {
    if (!(await this.todos.deleteById(id))) throw new NotFoundException(`Todo ${id} does not exist.`);
  }

  /** How many are open and done. */
  async stats(): Promise<{ open: number; done: number }> {
    const [open, done] = await Promise.all([this.todos.countByDone(false), this.todos.countByDone(true)]);
    return { open, done };
  }
}
