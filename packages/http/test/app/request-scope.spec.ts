import 'reflect-metadata';
import { Inject, Injectable, Module, Scope, currentRequestContext } from '@tenon/core';
import type { FastifyRequest } from 'fastify';
import {
  Controller,
  Get,
  HttpApplication,
  REQUEST,
  UseGuards,
  UseInterceptors,
  type CallHandler,
  type CanActivate,
  type TenonInterceptor,
} from '@tenon/http';

@Controller()
class ProbeController {
  @Get('probe') probe() {
    const ctx = currentRequestContext();
    return { scoped: ctx !== undefined, id: ctx?.id ?? null };
  }
}

@Injectable({ scope: Scope.REQUEST })
class PerRequest {}

@Module({ controllers: [ProbeController] })
class PlainModule {}

@Controller('uses')
class UsesPerRequestController {
  constructor(private readonly perRequest: PerRequest) {}
  @Get() get() {
    return this.perRequest instanceof PerRequest;
  }
}

@Module({ controllers: [ProbeController, UsesPerRequestController], providers: [PerRequest] })
class ScopedModule {}

@Module({ controllers: [ProbeController], providers: [PerRequest] })
class UnusedScopedModule {}

describe('request scope', () => {
  it("opens a request scope named by the request id for every request with requestScope: 'always'", async () => {
    const app = await HttpApplication.create(PlainModule, { logger: false, requestScope: 'always' });
    expect((await app.inject({ url: '/probe', headers: { 'x-request-id': 'abc' } })).json()).toEqual({
      scoped: true,
      id: 'abc',
    });
    await app.close();
  });

  it("skips the scope with requestScope: 'route' when nothing is request-scoped", async () => {
    const app = await HttpApplication.create(PlainModule, { logger: false, requestScope: 'route' });
    expect((await app.inject('/probe')).json()).toEqual({ scoped: false, id: null });
    await app.close();
  });

  it("skips the scope with requestScope: 'route' when a request-scoped provider is injected nowhere", async () => {
    const app = await HttpApplication.create(UnusedScopedModule, { logger: false, requestScope: 'route' });
    expect((await app.inject('/probe')).json()).toEqual({ scoped: false, id: null });
    await app.close();
  });

  it("keeps the scope with requestScope: 'route' for the route that injects a request-scoped provider only", async () => {
    const app = await HttpApplication.create(ScopedModule, { logger: false, requestScope: 'route' });
    expect((await app.inject({ url: '/probe', headers: { 'x-request-id': 'r-1' } })).json()).toEqual({
      scoped: false,
      id: null,
    });
    expect((await app.inject('/uses')).json()).toBe(true);
    await app.close();
  });
});

describe('request-scoped enhancers', () => {
  @Injectable({ scope: Scope.REQUEST })
  class TenantGuard implements CanActivate {
    static instances = 0;
    constructor(@Inject(REQUEST) private readonly request: FastifyRequest) {
      TenantGuard.instances++;
    }
    canActivate() {
      return this.request.headers['x-tenant'] !== undefined;
    }
  }

  @Injectable({ scope: Scope.REQUEST })
  class TenantInterceptor implements TenonInterceptor {
    constructor(@Inject(REQUEST) private readonly request: FastifyRequest) {}
    async intercept(_ctx: unknown, next: CallHandler) {
      return { tenant: this.request.headers['x-tenant'], data: await next() };
    }
  }

  @Controller('tenant')
  @UseGuards(TenantGuard)
  @UseInterceptors(TenantInterceptor)
  class TenantController {
    @Get() get() {
      return 'ok';
    }
  }

  @Module({ controllers: [TenantController] })
  class TenantModule {}

  it('builds request-scoped guards and interceptors per request, with REQUEST injected', async () => {
    const app = await HttpApplication.create(TenantModule, { logger: false });
    const [a, b] = await Promise.all([
      app.inject({ url: '/tenant', headers: { 'x-tenant': 'acme' } }),
      app.inject({ url: '/tenant', headers: { 'x-tenant': 'globex' } }),
    ]);
    expect(a.json()).toEqual({ tenant: 'acme', data: 'ok' });
    expect(b.json()).toEqual({ tenant: 'globex', data: 'ok' });
    expect((await app.inject('/tenant')).statusCode).toBe(403);
    expect(TenantGuard.instances).toBe(3);
    await app.close();
  });
});
