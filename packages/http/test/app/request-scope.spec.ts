import 'reflect-metadata';
import { Injectable, Module, Scope, currentRequestContext } from '@tenon/core';
import { Controller, Get, HttpApplication } from '@tenon/http';

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

@Module({ controllers: [ProbeController], providers: [PerRequest] })
class ScopedModule {}

describe('request scope', () => {
  it('opens a request scope named by the request id for every request by default', async () => {
    const app = await HttpApplication.create(PlainModule, { logger: false });
    expect((await app.inject({ url: '/probe', headers: { 'x-request-id': 'abc' } })).json()).toEqual({
      scoped: true,
      id: 'abc',
    });
    await app.close();
  });

  it("skips the scope with requestScope: 'auto' when nothing is request-scoped", async () => {
    const app = await HttpApplication.create(PlainModule, { logger: false, requestScope: 'auto' });
    expect((await app.inject('/probe')).json()).toEqual({ scoped: false, id: null });
    await app.close();
  });

  it("keeps the scope with requestScope: 'auto' when a provider is request-scoped", async () => {
    const app = await HttpApplication.create(ScopedModule, { logger: false, requestScope: 'auto' });
    expect((await app.inject({ url: '/probe', headers: { 'x-request-id': 'r-1' } })).json()).toEqual({
      scoped: true,
      id: 'r-1',
    });
    await app.close();
  });
});
