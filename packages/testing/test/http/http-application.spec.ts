import 'reflect-metadata';
import { Injectable, Module, TenonError, type OnModuleDestroy } from '@tenon/core';
import {
  Body,
  Catch,
  Controller,
  Get,
  HttpApplication,
  Param,
  Post,
  UseFilters,
  UseGuards,
  UseInterceptors,
  UsePipes,
  type CallHandler,
  type CanActivate,
  type ExceptionFilter,
  type ExecutionContext,
  type PipeTransform,
  type TenonInterceptor,
} from '@tenon/http';
import type { FastifyReply } from 'fastify';
import { OverrideNotProvidedError, Test, TestingErrorCode, createMock } from '@tenon/testing';

interface Todo {
  id: number;
  title: string;
}

const destroyed: string[] = [];

@Injectable()
class TodoStore implements OnModuleDestroy {
  static built = 0;
  constructor() {
    TodoStore.built++;
  }
  private readonly todos: Todo[] = [{ id: 1, title: 'real' }];
  find(id: number): Todo | undefined {
    return this.todos.find((t) => t.id === id);
  }
  add(title: string): Todo {
    const todo = { id: this.todos.length + 1, title };
    this.todos.push(todo);
    return todo;
  }
  onModuleDestroy(): void {
    destroyed.push('TodoStore');
  }
}

@Injectable()
class ApiKeyGuard implements CanActivate {
  canActivate(): boolean {
    return false; // the real guard checks a key the tests do not have
  }
}

@Injectable()
class EnvelopeInterceptor implements TenonInterceptor {
  async intercept(_ctx: ExecutionContext, next: CallHandler): Promise<unknown> {
    return { data: await next() };
  }
}

@Injectable()
class IdPipe implements PipeTransform {
  transform(value: unknown): unknown {
    return Number(value);
  }
}

class DomainError extends Error {}

@Injectable()
@Catch(DomainError)
class DomainFilter implements ExceptionFilter<DomainError> {
  catch(error: DomainError, ctx: ExecutionContext): void {
    ctx.getReply<FastifyReply>().code(422).send({ domain: error.message });
  }
}

@Controller('todos')
@UseGuards(ApiKeyGuard)
@UseInterceptors(EnvelopeInterceptor)
@UseFilters(DomainFilter)
class TodoController {
  constructor(private readonly store: TodoStore) {}

  @Get(':id')
  @UsePipes(IdPipe)
  get(@Param('id') id: number): Todo | { missing: unknown } {
    return this.store.find(id) ?? { missing: id };
  }

  @Post()
  create(@Body() body: { title: string }): Todo {
    if (body.title === 'boom') throw new DomainError('no boom');
    return this.store.add(body.title);
  }
}

@Module({ controllers: [TodoController], providers: [TodoStore], exports: [TodoStore] })
class TodoModule {}

const allow = { canActivate: () => true };

describe('Test.createTestingModule().createHttpApplication()', () => {
  it('answers inject() with the real pipeline and no port', async () => {
    const app = await Test.createTestingModule({ imports: [TodoModule] }).createHttpApplication();
    expect(app).toBeInstanceOf(HttpApplication);
    const res = await app.inject({ method: 'GET', url: '/todos/1' });
    expect(res.statusCode).toBe(403);
    expect(app.fastify.server.listening).toBe(false);
    await app.close();
  });

  it('applies overrideGuard() to a guard named in @UseGuards()', async () => {
    const app = await Test.createTestingModule({ imports: [TodoModule] })
      .overrideGuard(ApiKeyGuard)
      .useValue(allow)
      .createHttpApplication();
    const res = await app.inject({ method: 'GET', url: '/todos/1' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ data: { id: 1, title: 'real' } });
    await app.close();
  });

  it('applies overrideInterceptor(), overridePipe() and overrideFilter() with useClass, useValue and useFactory', async () => {
    @Injectable()
    class RawInterceptor implements TenonInterceptor {
      intercept(_ctx: ExecutionContext, next: CallHandler): Promise<unknown> {
        return next();
      }
    }
    const app = await Test.createTestingModule({ imports: [TodoModule] })
      .overrideGuard(ApiKeyGuard)
      .useValue(allow)
      .overrideInterceptor(EnvelopeInterceptor)
      .useClass(RawInterceptor)
      .overridePipe(IdPipe)
      .useValue({ transform: () => 1 })
      .overrideFilter(DomainFilter)
      .useFactory({
        factory: () => ({
          catch: (error: DomainError, ctx: ExecutionContext) =>
            ctx.getReply<FastifyReply>().code(418).send({ fake: error.message }),
        }),
      })
      .createHttpApplication();
    const got = await app.inject({ method: 'GET', url: '/todos/anything' });
    expect(got.json()).toEqual({ id: 1, title: 'real' });
    const failed = await app.inject({ method: 'POST', url: '/todos', payload: { title: 'boom' } });
    expect(failed.statusCode).toBe(418);
    expect(failed.json()).toEqual({ fake: 'no boom' });
    await app.close();
  });

  it('serves overridden providers, shared with app.get()', async () => {
    const store = createMock<TodoStore>();
    store.find.mockReturnValue({ id: 9, title: 'mocked' });
    const app = await Test.createTestingModule({ imports: [TodoModule] })
      .overrideGuard(ApiKeyGuard)
      .useValue(allow)
      .overrideProvider(TodoStore)
      .useValue(store)
      .createHttpApplication();
    const res = await app.inject({ method: 'GET', url: '/todos/9' });
    expect(res.json()).toEqual({ data: { id: 9, title: 'mocked' } });
    expect(store.find).toHaveBeenCalledWith(9);
    expect(app.get(TodoStore)).toBe(store);
    await app.close();
  });

  it('passes HTTP options through and keeps Fastify quiet unless asked', async () => {
    const app = await Test.createTestingModule({ imports: [TodoModule] })
      .overrideGuard(ApiKeyGuard)
      .useValue(allow)
      .createHttpApplication({ globalPrefix: 'api' });
    const write = jest.spyOn(process.stdout, 'write');
    try {
      expect((await app.inject({ method: 'GET', url: '/api/todos/1' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/todos/1' })).statusCode).toBe(404);
      // Fastify's default logger would print "incoming request" and "request completed" lines.
      expect(write.mock.calls.filter(([chunk]) => String(chunk).includes('request'))).toEqual([]);
    } finally {
      write.mockRestore();
      await app.close();
    }
  });

  it('runs shutdown hooks on app.close()', async () => {
    destroyed.length = 0;
    const app = await Test.createTestingModule({ imports: [TodoModule] }).createHttpApplication();
    await app.close();
    expect(destroyed).toEqual(['TodoStore']);
  });

  it('reports a guard override that matches nothing before anything is built', async () => {
    const built = TodoStore.built;
    @Injectable()
    class ApiKeyGard implements CanActivate {
      canActivate(): boolean {
        return true;
      }
    }
    let error: unknown;
    try {
      await Test.createTestingModule({ imports: [TodoModule] })
        .overrideGuard(ApiKeyGard)
        .useValue(allow)
        .createHttpApplication();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OverrideNotProvidedError);
    expect((error as TenonError).code).toBe(TestingErrorCode.OVERRIDE_NOT_PROVIDED);
    expect((error as TenonError).message).toBe(
      'Cannot override guard ApiKeyGard: nothing in the testing module provides it.\n' +
        '  Nearest provided names: ApiKeyGuard (in TodoModule).\n' +
        '  Fix: override a token that a module of the tree provides (check where the class you passed is imported from), or, to supply a dependency that nothing provides, add it to the providers of Test.createTestingModule() instead.',
    );
    expect(TodoStore.built).toBe(built);
  });

  it('refuses a second boot of the same builder', async () => {
    const builder = Test.createTestingModule({ imports: [TodoModule] });
    const app = await builder.createHttpApplication();
    await expect(builder.createHttpApplication()).rejects.toMatchObject({
      code: 'TENON_TESTING_ALREADY_COMPILED',
    });
    await expect(builder.compile()).rejects.toMatchObject({ code: 'TENON_TESTING_ALREADY_COMPILED' });
    await app.close();
  });
});
