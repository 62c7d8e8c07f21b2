import 'reflect-metadata';
import { CoreErrorCode, Injectable, Module, type DynamicModule, type Type } from '@tenon/core';
import {
  APP_GUARD,
  Controller,
  Get,
  HttpApplication,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@tenon/http';
import { AuthenticationGuard, JwtService, SecurityModule } from '@tenon/security';

const jwt = {
  secret: 'without-global-guards-secret-32-bytes!',
  algorithms: ['HS256' as const],
  expiresIn: '10m',
};

/** The application's own global guard, as a @nestjs/jwt application has: a header, not a token. */
@Injectable()
class ApiKeyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return context.getRequest().headers['x-api-key'] === 'k';
  }
}

@Controller('things')
class ThingsController {
  @Get()
  list(): { things: string[] } {
    return { things: ['a'] };
  }

  @Get('guarded')
  @UseGuards(AuthenticationGuard)
  guarded(): { ok: true } {
    return { ok: true };
  }
}

function appWith(security: DynamicModule): Type {
  @Module({
    imports: [security],
    controllers: [ThingsController],
    providers: [{ provide: APP_GUARD, useClass: ApiKeyGuard }],
  })
  class AppModule {}
  return AppModule;
}

describe.each([
  ['forRoot', SecurityModule.forRoot({ jwt, globalGuards: false })],
  ['forRootAsync', SecurityModule.forRootAsync({ useFactory: () => ({ jwt }), globalGuards: false })],
])('SecurityModule.%s with globalGuards: false', (_, security) => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(appWith(security), { logger: false });
  });
  afterAll(() => app.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { 'x-api-key': 'k', ...headers } });

  it('installs no guard of its own: the application global guard alone decides', async () => {
    expect((await get('/things')).statusCode).toBe(200);
    expect((await app.inject({ url: '/things' })).statusCode).toBe(403);
  });

  it('still provides JwtService, and AuthenticationGuard where a route names it', async () => {
    expect((await get('/things/guarded')).statusCode).toBe(401);
    const token = await app.get(JwtService).sign({ sub: 1 });
    expect((await get('/things/guarded', { authorization: `Bearer ${token}` })).statusCode).toBe(200);
  });
});

describe('SecurityModule without the option', () => {
  it('keeps its global guards: a route that is not @Public() needs a token', async () => {
    const app = await HttpApplication.create(appWith(SecurityModule.forRoot({ jwt })), { logger: false });
    expect((await app.inject({ url: '/things', headers: { 'x-api-key': 'k' } })).statusCode).toBe(401);
    await app.close();
  });

  it('refuses globalGuards returned by a forRootAsync() factory, which comes too late to apply', async () => {
    const security = SecurityModule.forRootAsync({ useFactory: () => ({ jwt, globalGuards: false }) });
    const error = await HttpApplication.create(appWith(security), { logger: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: CoreErrorCode.INVALID_MODULE_OPTIONS,
      message: expect.stringContaining(
        'globalGuards: is decided when the module is declared, not by the forRootAsync() factory: pass it beside the factory, forRootAsync({ useFactory, globalGuards: false })',
      ),
    });
  });
});
