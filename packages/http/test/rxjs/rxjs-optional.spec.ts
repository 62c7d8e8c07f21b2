/* eslint-disable @typescript-eslint/no-require-imports -- each test requires the packages anew, after its mock of rxjs */
import 'reflect-metadata';

// rxjs is an optional peer: @tenon/http never loads it unless an interceptor calls next.handle(),
// and without it installed that call is a coded error while the promise form keeps working.

function freshModules(installed: boolean): {
  core: typeof import('@tenon/core');
  http: typeof import('@tenon/http');
  loads: string[];
} {
  const loads: string[] = [];
  jest.resetModules();
  jest.doMock('rxjs', () => {
    loads.push('rxjs');
    if (installed) return jest.requireActual('rxjs');
    throw Object.assign(new Error("Cannot find module 'rxjs' from 'call-handler.ts'"), {
      code: 'MODULE_NOT_FOUND',
    });
  });
  return { core: require('@tenon/core'), http: require('@tenon/http'), loads };
}

afterEach(() => jest.dontMock('rxjs'));

async function appWith(installed: boolean) {
  const { core, http, loads } = freshModules(installed);
  class PromiseInterceptor {
    async intercept(_ctx: unknown, next: () => Promise<unknown>) {
      return { data: await next() };
    }
  }
  class NestInterceptor {
    intercept(_ctx: unknown, next: { handle(): unknown }) {
      return next.handle();
    }
  }
  class Cats {
    promise() {
      return ['Tom'];
    }
    nest() {
      return ['Tom'];
    }
  }
  const d = (decorators: MethodDecorator[], name: 'promise' | 'nest') =>
    Reflect.decorate(decorators, Cats.prototype, name, Object.getOwnPropertyDescriptor(Cats.prototype, name));
  d([http.Get('promise'), http.UseInterceptors(PromiseInterceptor)], 'promise');
  d([http.Get('nest'), http.UseInterceptors(NestInterceptor)], 'nest');
  Reflect.decorate([http.Controller('cats')], Cats);
  class AppModule {}
  Reflect.decorate([core.Module({ controllers: [Cats] })], AppModule);
  const app = await http.HttpApplication.create(AppModule, { logger: false });
  return { app, loads };
}

describe('rxjs, an optional peer', () => {
  it('is not loaded by requiring @tenon/http nor by promise-form interceptors', async () => {
    const { app, loads } = await appWith(true);
    try {
      expect((await app.inject('/cats/promise')).json()).toEqual({ data: ['Tom'] });
      expect(loads).toEqual([]);
      expect((await app.inject('/cats/nest')).json()).toEqual(['Tom']);
      expect(loads).toEqual(['rxjs']);
    } finally {
      await app.close();
    }
  });

  it('next.handle() without rxjs installed fails the request with TENON_HTTP_RXJS_NOT_INSTALLED (500)', async () => {
    const { app } = await appWith(false);
    try {
      expect((await app.inject('/cats/promise')).json()).toEqual({ data: ['Tom'] });
      const res = await app.inject('/cats/nest');
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ status: 500, code: 'TENON_HTTP_RXJS_NOT_INSTALLED' });
    } finally {
      await app.close();
    }
  });

  it('the error names the cause and the fix', () => {
    const { http } = freshModules(false);
    const error = new http.RxjsNotInstalledError(new Error('x'));
    expect(error.code).toBe('TENON_HTTP_RXJS_NOT_INSTALLED');
    expect(error.message).toBe(
      'An interceptor called next.handle(), which returns an RxJS Observable, but the package rxjs is not installed (it is an optional peer of @tenon/http). ' +
        'Fix: npm install rxjs, or use the promise form: `const result = await next();`.',
    );
  });
});
