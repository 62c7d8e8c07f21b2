import 'reflect-metadata';
import { asyncContextFrameEnabled, type TenonError } from '@tenon/core';
import { HttpApplication } from '@tenon/http';
import { SingletonRouteModule } from './singleton-route/app.module';
import { ScopedControllerModule } from './scoped-controller/app.module';
import { GuardInjectsRequestModule } from './guard-injects-request/app.module';
import { AppInterceptorModule } from './app-interceptor/app.module';
import { InstanceEnhancerModule, TenantGuard, TenantReader } from './instance-enhancer/app.module';

// 'route' decides per route on every runtime: what 'auto' does on Node 20 and 22.
describe("requestScope: 'route' (what 'auto' does without AsyncContextFrame)", () => {
  it('runs a route whose graph is all singletons without a scope', async () => {
    const app = await HttpApplication.create(SingletonRouteModule, { logger: false, requestScope: 'route' });
    expect((await app.inject('/hello')).json()).toEqual({ greeting: 'hello', scoped: false });
    await app.close();
  });

  it('scopes the routes of a request-scoped controller and of one that injects REQUEST further down, not the others', async () => {
    const app = await HttpApplication.create(ScopedControllerModule, {
      logger: false,
      requestScope: 'route',
    });
    expect((await app.inject('/per-request')).json()).toEqual({ scoped: true });
    const profile = await app.inject({ url: '/profile', headers: { 'user-agent': 'probe' } });
    expect(profile.json()).toEqual({ profile: 'agent probe', scoped: true });
    expect((await app.inject('/plain')).json()).toEqual({ scoped: false });
    await app.close();
  });

  it("scopes a route whose guard injects REQUEST, and not the controller's other route", async () => {
    const app = await HttpApplication.create(GuardInjectsRequestModule, {
      logger: false,
      requestScope: 'route',
    });
    const guarded = await app.inject({ url: '/tenant/guarded', headers: { 'x-tenant': 'acme' } });
    expect(guarded.json()).toEqual({ scoped: true });
    expect((await app.inject('/tenant/guarded')).statusCode).toBe(403);
    expect((await app.inject('/tenant/open')).json()).toEqual({ scoped: false });
    await app.close();
  });

  it('scopes every route when a request-scoped APP_INTERCEPTOR runs on all of them', async () => {
    const app = await HttpApplication.create(AppInterceptorModule, { logger: false, requestScope: 'route' });
    expect((await app.inject('/a')).json()).toEqual({ path: '/a', data: { scoped: true } });
    expect((await app.inject('/b')).json()).toEqual({ path: '/b', data: { scoped: true } });
    await app.close();
  });

  it('TENON_HTTP_ROUTE_WITHOUT_REQUEST_SCOPE names the route when a hand-built enhancer reaches a request-scoped proxy', async () => {
    const app = await HttpApplication.create(InstanceEnhancerModule, {
      logger: false,
      requestScope: 'route',
      development: true,
    });
    app.useGlobalGuards(new TenantGuard(app.get(TenantReader)));
    const res = await app.inject({ url: '/reports', headers: { 'x-tenant': 'acme' } });
    expect(res.statusCode).toBe(500);
    const problem = res.json<{ code: string; detail: string }>();
    expect(problem.code).toBe('TENON_HTTP_ROUTE_WITHOUT_REQUEST_SCOPE');
    expect(problem.detail).toBe(
      [
        'GET /reports (ReportsController.list) ran without a request scope, but used InjectionToken(REQUEST) (in TenonCoreModule), which is request-scoped.',
        "  Cause: with requestScope 'auto' on a runtime whose AsyncLocalStorage runs on async_hooks (Node 20, Node 22 without --experimental-async-context-frame) or in an application that writes no logs (logger: false), or with 'route', a route gets a scope only when its controller or one of its guards, interceptors, pipes, filters or middleware classes injects a request-scoped provider (REQUEST included), directly or further down; nothing this route injects does, so the provider was reached another way (an enhancer passed as an instance, an object obtained without injection).",
        "  Fix: pass requestScope: 'always' to HttpApplication.create(), or inject the request-scoped provider (or REQUEST) where boot sees it: in the controller, or in an enhancer class the route names.",
      ].join('\n'),
    );
    await app.close();

    // The same application with 'always' works.
    const always = await HttpApplication.create(InstanceEnhancerModule, {
      logger: false,
      requestScope: 'always',
    });
    always.useGlobalGuards(new TenantGuard(always.get(TenantReader)));
    expect((await always.inject({ url: '/reports', headers: { 'x-tenant': 'acme' } })).json()).toEqual([
      'q1',
    ]);
    await always.close();
  });
});

describe("requestScope: 'always'", () => {
  it('scopes every route, whatever it injects', async () => {
    const app = await HttpApplication.create(ScopedControllerModule, {
      logger: false,
      requestScope: 'always',
    });
    expect((await app.inject('/plain')).json()).toEqual({ scoped: true });
    await app.close();
    const hello = await HttpApplication.create(SingletonRouteModule, {
      logger: false,
      requestScope: 'always',
    });
    expect((await hello.inject('/hello')).json()).toEqual({ greeting: 'hello', scoped: true });
    await hello.close();
  });
});

describe("requestScope: 'auto' (the default)", () => {
  it('scopes every route where AsyncContextFrame backs AsyncLocalStorage and logs are written, else only the routes that need one', async () => {
    const everyRequest = asyncContextFrameEnabled();
    // A level that writes (fatal lines only): the request id on log lines is what the scope is for.
    const logging = await HttpApplication.create(ScopedControllerModule, { logger: { level: 'fatal' } });
    expect((await logging.inject('/plain')).json()).toEqual({ scoped: everyRequest });
    expect((await logging.inject('/profile')).json()).toMatchObject({ scoped: true });
    await logging.close();
    // No logs, no line to put the id on: only the routes that need a scope get one, on any runtime.
    for (const logger of [false, { level: 'silent' }] as const) {
      const app = await HttpApplication.create(ScopedControllerModule, { logger });
      expect((await app.inject('/plain')).json()).toEqual({ scoped: false });
      expect((await app.inject('/profile')).json()).toMatchObject({ scoped: true });
      await app.close();
    }
  });

  it('rejects a value it does not know', async () => {
    let error: TenonError | undefined;
    try {
      await HttpApplication.create(SingletonRouteModule, { logger: false, requestScope: 'never' as never });
    } catch (e) {
      error = e as TenonError;
    }
    expect(error?.code).toBe('TENON_HTTP_INVALID_OPTIONS');
    expect(error?.message).toBe(
      `The option requestScope of HttpApplication.create() is "never". Fix: give 'auto', 'route' or 'always'.`,
    );
  });
});
