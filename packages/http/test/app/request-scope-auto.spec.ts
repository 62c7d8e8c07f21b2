import 'reflect-metadata';
import { Inject, Injectable, Module, currentRequestContext } from '@tenon/core';
import type { FastifyRequest } from 'fastify';
import { Controller, Get, HttpApplication, REQUEST } from '@tenon/http';

@Injectable()
class WhoAmI {
  constructor(@Inject(REQUEST) private readonly request: FastifyRequest) {}
  agent() {
    return this.request.headers['user-agent'];
  }
}

@Controller('scoped')
class ScopedController {
  constructor(private readonly who: WhoAmI) {}
  @Get()
  get() {
    return { agent: this.who.agent(), scoped: currentRequestContext() !== undefined };
  }
}

@Controller('plain')
class PlainController {
  @Get()
  get() {
    return { scoped: currentRequestContext() !== undefined };
  }
}

describe("requestScope: 'route'", () => {
  it('opens a scope per request when a singleton injects REQUEST', async () => {
    @Module({ controllers: [ScopedController], providers: [WhoAmI] })
    class AppModule {}
    const app = await HttpApplication.create(AppModule, { requestScope: 'route', logger: false });
    const res = await app.inject({ method: 'GET', url: '/scoped', headers: { 'user-agent': 'probe' } });
    expect(res.json()).toEqual({ agent: 'probe', scoped: true });
    await app.close();
  });

  it('skips the scope when nothing needs one', async () => {
    @Module({ controllers: [PlainController] })
    class AppModule {}
    const app = await HttpApplication.create(AppModule, { requestScope: 'route', logger: false });
    expect((await app.inject({ method: 'GET', url: '/plain' })).json()).toEqual({ scoped: false });
    await app.close();
    const always = await HttpApplication.create(AppModule, { logger: false, requestScope: 'always' });
    expect((await always.inject({ method: 'GET', url: '/plain' })).json()).toEqual({ scoped: true });
    await always.close();
  });
});
