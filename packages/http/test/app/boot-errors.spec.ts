import 'reflect-metadata';
import { Injectable, Module } from '@tenon/core';
import {
  AlreadyInitializedError,
  Body,
  Controller,
  EnhancerNotProvidedError,
  Get,
  HttpApplication,
  HttpBootError,
  InvalidEnhancerError,
  InvalidRoutePathError,
  Param,
  Render,
  RouteConflictError,
  UseGuards,
  type CanActivate,
} from '@tenon/http';

async function bootError(
  module: Parameters<typeof HttpApplication.create>[0],
  options: Parameters<typeof HttpApplication.create>[1] = {},
): Promise<HttpBootError> {
  try {
    await HttpApplication.create(module, { logger: false, ...options });
  } catch (error) {
    return error as HttpBootError;
  }
  throw new Error('expected boot to fail');
}

describe('boot errors', () => {
  it('refuses two handlers for the same method and path, whatever the parameter names', async () => {
    @Controller('todos')
    class TodoController {
      @Get(':id') get() {}
    }
    @Controller('todos')
    class LegacyController {
      @Get(':todoId') find() {}
    }
    @Module({ controllers: [TodoController, LegacyController] })
    class M {}
    const error = await bootError(M);
    expect(error).toBeInstanceOf(RouteConflictError);
    expect(error.code).toBe('TENON_HTTP_ROUTE_CONFLICT');
    expect(error.message).toBe(
      'GET /todos/:todoId is declared twice: by TodoController.get and by LegacyController.find. Parameter names do not tell routes apart (/a/:id and /a/:name are the same route). Fix: change the path or method of one of them, or give their controllers different versions.',
    );
  });

  it('lets the same path live in two versions', async () => {
    @Controller({ path: 'todos', version: '1' })
    class V1 {
      @Get() list() {
        return 'v1';
      }
    }
    @Controller({ path: 'todos', version: '2' })
    class V2 {
      @Get() list() {
        return 'v2';
      }
    }
    @Module({ controllers: [V1, V2] })
    class M {}
    const app = await HttpApplication.create(M, { logger: false, versioning: { type: 'uri' } });
    expect((await app.inject('/v2/todos')).body).toBe('v2');
    await app.close();
  });

  it.each([
    [':id/:id', 'the parameter "id" appears twice'],
    ['a b', 'it contains whitespace'],
    ['a?b', 'it contains "?" or "#", which start the query string and fragment'],
    ['files/*/x', 'the wildcard "*" is not the last character'],
    ['x/:/y', 'a ":" at position 8 is not followed by a parameter name'],
    [':id(\\d+', 'it has a "(" without a matching ")"'],
    ['a%20b', 'it contains "%": write characters as they are, not percent-encoded'],
  ])('refuses the invalid path %j', async (path, reason) => {
    @Controller('base')
    class C {
      @Get(path) h() {}
    }
    @Module({ controllers: [C] })
    class M {}
    const error = await bootError(M);
    expect(error).toBeInstanceOf(InvalidRoutePathError);
    expect(error.code).toBe('TENON_HTTP_INVALID_ROUTE_PATH');
    expect(error.message).toBe(
      `The route path "/base/${path}" of C.h is invalid: ${reason}. Fix: use Fastify's path syntax: literal segments, ":name" parameters (optionally ":name(regex)"), and "*" only at the end.`,
    );
  });

  it('refuses an enhancer that lacks the method of its role', async () => {
    @Controller()
    @UseGuards({ check: () => true } as unknown as CanActivate)
    class C {
      @Get() h() {}
    }
    @Module({ controllers: [C] })
    class M {}
    const error = await bootError(M);
    expect(error).toBeInstanceOf(InvalidEnhancerError);
    expect(error.code).toBe('TENON_HTTP_INVALID_ENHANCER');
    expect(error.message).toBe(
      '<object> is used as a guard on C but has no canActivate(context) method. Fix: implement canActivate(context) in that class, or pass a guard instead.',
    );
  });

  it.each([
    ['a guard class without canActivate on a route', 'guard', 'C.h'],
    ['a pipe class without transform on a parameter', 'pipe', 'C.h parameter 0'],
    ['a global filter class without catch', 'filter', 'the global filters'],
    ['a middleware class without use', 'middleware', 'every matching route'],
  ])('refuses %s when the application is created', async (_name, kind, where) => {
    @Injectable()
    class Wrong {
      check() {
        return true;
      }
    }
    const method = {
      guard: 'canActivate(context)',
      pipe: 'transform(value, metadata)',
      filter: 'catch(exception, context)',
      middleware: 'use(request, reply, next)',
    }[kind]!;
    @Controller()
    class C {
      @Get() @UseGuards(...(kind === 'guard' ? [Wrong as never] : [])) h(
        @Param('id', ...(kind === 'pipe' ? [Wrong as never] : [])) _id: string,
      ) {}
    }
    @Module({ controllers: [C] })
    class M {}
    const error = await bootError(M, {
      ...(kind === 'filter' ? { globalFilters: [Wrong as never] } : {}),
      ...(kind === 'middleware' ? { middleware: [{ use: Wrong as never }] } : {}),
    });
    expect(error).toBeInstanceOf(InvalidEnhancerError);
    expect(error.code).toBe('TENON_HTTP_INVALID_ENHANCER');
    expect(error.message).toBe(
      `Wrong is used as a ${kind} on ${where} but has no ${method} method. Fix: implement ${method} in that class, or pass a ${kind} instead.`,
    );
  });

  it('refuses a guard class given after boot that needs injection and is not provided', async () => {
    @Injectable()
    class Dep {}
    @Injectable()
    class LateGuard implements CanActivate {
      constructor(readonly dep: Dep) {}
      canActivate() {
        return true;
      }
    }
    @Controller()
    class C {
      @Get() h() {}
    }
    @Module({ controllers: [C] })
    class M {}
    const app = await HttpApplication.create(M, { logger: false });
    app.useGlobalGuards(LateGuard);
    const error = (await app.init().catch((e: unknown) => e)) as HttpBootError;
    expect(error).toBeInstanceOf(EnhancerNotProvidedError);
    expect(error.code).toBe('TENON_HTTP_ENHANCER_NOT_PROVIDED');
    expect(error.message).toBe(
      "The guard LateGuard was given as a class, but no module provides it and it has constructor parameters, so it cannot be built. Fix: pass it in HttpApplication.create(AppModule, { globalGuards: [LateGuard] }) so it is registered at boot, add it to a module's providers, or pass an instance.",
    );
    await app.close();
  });

  it('refuses global enhancers added after the pipeline was composed', async () => {
    @Controller()
    class C {
      @Get() h() {}
    }
    @Module({ controllers: [C] })
    class M {}
    const app = await HttpApplication.create(M, { logger: false });
    await app.init();
    expect(() => app.useGlobalPipes()).toThrow(AlreadyInitializedError);
    try {
      app.useGlobalPipes();
    } catch (error) {
      expect((error as HttpBootError).code).toBe('TENON_HTTP_ALREADY_INITIALIZED');
      expect((error as Error).message).toBe(
        'app.useGlobalPipes() was called after the application started serving: the pipeline of every route is composed once, at the first listen(), inject() or init(). Fix: call app.useGlobalPipes() before listen()/inject()/init(), or pass it in the options of HttpApplication.create().',
      );
    }
    await app.close();
  });

  it('refuses @Render without views', async () => {
    @Controller()
    class Pages {
      @Get() @Render('home') home() {}
    }
    @Module({ controllers: [Pages] })
    class M {}
    const error = await bootError(M);
    expect(error.code).toBe('TENON_HTTP_VIEWS_NOT_CONFIGURED');
    expect(error.message).toBe(
      "Pages.home uses @Render('home') but the application has no views. Fix: pass views: { root: 'path/to/templates' } to HttpApplication.create().",
    );
  });

  it('refuses invalid options before boot', async () => {
    @Module({})
    class M {}
    const error = await bootError(M, { bodyLimit: -1 });
    expect(error.code).toBe('TENON_HTTP_INVALID_OPTIONS');
    expect(error.message).toBe(
      'The option bodyLimit of HttpApplication.create() is -1. Fix: give a positive integer.',
    );
    const header = await bootError(M, { versioning: { type: 'header', header: 'bad header' } });
    expect(header.message).toBe(
      'The option versioning.header of HttpApplication.create() is "bad header", not a header name. Fix: give a header name such as \'x-api-version\'.',
    );
  });

  it('refuses parameter decorators on constructor parameters', () => {
    let thrown: unknown;
    try {
      @Controller()
      class C {
        constructor(@Body() readonly body: unknown) {}
      }
      void C;
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HttpBootError);
    expect((thrown as HttpBootError).code).toBe('TENON_HTTP_INVALID_PARAM_DECORATOR');
    expect((thrown as Error).message).toBe(
      'A body parameter decorator is used on constructor parameter 0 of C: parameter decorators describe handler arguments. Fix: move it to a parameter of a @Get()/@Post()… method, and inject services in the constructor without it.',
    );
  });
});
