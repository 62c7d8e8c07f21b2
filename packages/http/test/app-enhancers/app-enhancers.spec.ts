import 'reflect-metadata';
import { Inject, Injectable, Module, Scope } from '@tenon/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IsString } from 'class-validator';
import {
  APP_FILTER,
  APP_GUARD,
  APP_INTERCEPTOR,
  APP_PIPE,
  Body,
  Catch,
  Controller,
  Get,
  HttpApplication,
  Post,
  REQUEST,
  Reflector,
  SetMetadata,
  UnauthorizedException,
  ValidationPipe,
  type CallHandler,
  type CanActivate,
  type ExceptionFilter,
  type ExecutionContext,
  type TenonInterceptor,
} from '@tenon/http';

type AuthedRequest = FastifyRequest & { user?: { name: string; roles: string[] } };
const calls: string[] = [];
const Roles = (...roles: string[]) => SetMetadata('roles', roles);

@Injectable()
class TokenService {
  users: Record<string, { name: string; roles: string[] }> = {
    alice: { name: 'alice', roles: ['admin'] },
    bob: { name: 'bob', roles: [] },
  };
}

// Declared in AuthModule, which the application imports: runs before the application's guards.
@Injectable()
class JwtGuard implements CanActivate {
  constructor(private readonly tokens: TokenService) {}
  canActivate(ctx: ExecutionContext) {
    calls.push('jwt');
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const user = this.tokens.users[String(req.headers.authorization)];
    if (!user) throw new UnauthorizedException('Sign in first.');
    req.user = user;
    return true;
  }
}

@Injectable()
class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}
  canActivate(ctx: ExecutionContext) {
    calls.push('roles');
    const roles = this.reflector.getAllAndOverride<string[]>('roles', [ctx.getHandler(), ctx.getClass()]);
    const user = ctx.switchToHttp().getRequest<AuthedRequest>().user;
    return !roles || roles.some((r) => user!.roles.includes(r));
  }
}

class OptionsGuard implements CanActivate {
  canActivate() {
    calls.push('options');
    return true;
  }
}

const PREFIX = 'PREFIX';

class EnvelopeInterceptor implements TenonInterceptor {
  constructor(private readonly prefix: string) {}
  async intercept(_ctx: ExecutionContext, next: CallHandler) {
    return { [this.prefix]: await next() };
  }
}

class ForbiddenWord extends Error {}

@Injectable()
@Catch(ForbiddenWord)
class ForbiddenWordFilter implements ExceptionFilter<ForbiddenWord> {
  constructor(private readonly tokens: TokenService) {}
  catch(error: ForbiddenWord, ctx: ExecutionContext) {
    ctx
      .getReply<FastifyReply>()
      .code(422)
      .send({ word: error.message, known: Object.keys(this.tokens.users).length });
  }
}

@Injectable({ scope: Scope.REQUEST })
class PerRequestGuard implements CanActivate {
  static built = 0;
  constructor(@Inject(REQUEST) private readonly request: FastifyRequest) {
    PerRequestGuard.built++;
  }
  canActivate() {
    calls.push('per-request');
    return this.request.headers['x-block'] !== 'yes';
  }
}

class CreateCat {
  @IsString() name!: string;
}

@Controller('cats')
class CatsController {
  @Get() list() {
    return ['Tom'];
  }
  @Get('admin') @Roles('admin') admin() {
    return 'secret';
  }
  @Post() create(@Body() cat: CreateCat) {
    if (cat.name === 'Voldemort') throw new ForbiddenWord(cat.name);
    return cat;
  }
}

@Module({
  providers: [TokenService, { provide: APP_GUARD, useClass: JwtGuard }, ForbiddenWordFilter],
  exports: [TokenService, ForbiddenWordFilter],
})
class AuthModule {}

@Module({
  imports: [AuthModule],
  controllers: [CatsController],
  providers: [
    { provide: APP_GUARD, useClass: RolesGuard },
    { provide: APP_GUARD, useClass: PerRequestGuard },
    { provide: PREFIX, useValue: 'data' },
    {
      provide: APP_INTERCEPTOR,
      useFactory: (prefix: string) => new EnvelopeInterceptor(prefix),
      inject: [PREFIX],
    },
    { provide: APP_PIPE, useValue: new ValidationPipe({ forbidNonWhitelisted: true }) },
    { provide: APP_FILTER, useExisting: ForbiddenWordFilter },
  ],
})
class AppModule {}

describe('APP_GUARD, APP_INTERCEPTOR, APP_PIPE, APP_FILTER', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(AppModule, { logger: false, globalGuards: [new OptionsGuard()] });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    calls.length = 0;
  });

  it('runs module guards with injection, imported modules first, then the options guards', async () => {
    const res = await app.inject({ url: '/cats', headers: { authorization: 'bob' } });
    expect(res.statusCode).toBe(200);
    expect(calls).toEqual(['jwt', 'roles', 'per-request', 'options']);
  });

  it('a guard of an imported module answers for every route', async () => {
    const res = await app.inject({ url: '/cats' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ status: 401, detail: 'Sign in first.' });
    expect(calls).toEqual(['jwt']);
  });

  it('a later module guard reads what an earlier one set (roles after authentication)', async () => {
    expect((await app.inject({ url: '/cats/admin', headers: { authorization: 'bob' } })).statusCode).toBe(
      403,
    );
    expect((await app.inject({ url: '/cats/admin', headers: { authorization: 'alice' } })).statusCode).toBe(
      200,
    );
  });

  it('a request-scoped APP_GUARD class is built per request with REQUEST', async () => {
    const before = PerRequestGuard.built;
    const res = await app.inject({ url: '/cats', headers: { authorization: 'alice', 'x-block': 'yes' } });
    expect(res.statusCode).toBe(403);
    expect(PerRequestGuard.built).toBe(before + 1);
  });

  it('APP_INTERCEPTOR from a factory with inject wraps every handler', async () => {
    const res = await app.inject({ url: '/cats', headers: { authorization: 'alice' } });
    expect(res.json()).toEqual({ data: ['Tom'] });
  });

  it('APP_PIPE ValidationPipe replaces the default validation', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/cats',
      headers: { authorization: 'alice' },
      payload: { name: 'Tom', age: 3 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'TENON_HTTP_VALIDATION_FAILED' });
  });

  it('APP_FILTER with useExisting uses the exported provider of the imported module', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/cats',
      headers: { authorization: 'alice' },
      payload: { name: 'Voldemort' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({ word: 'Voldemort', known: 2 });
  });

  it('the APP_* tokens are not left as providers of their module', () => {
    expect(() => app.get(APP_GUARD)).toThrow(
      expect.objectContaining({ code: 'TENON_CORE_PROVIDER_NOT_FOUND' }),
    );
  });

  it('an APP_GUARD value without canActivate() is a boot error naming the module', async () => {
    @Module({ controllers: [CatsController], providers: [{ provide: APP_GUARD, useValue: { allow: true } }] })
    class BrokenModule {}
    await expect(HttpApplication.create(BrokenModule, { logger: false })).rejects.toMatchObject({
      code: 'TENON_HTTP_INVALID_ENHANCER',
      message:
        '<object> is used as a guard on APP_GUARD of BrokenModule but has no canActivate(context) method. ' +
        'Fix: implement canActivate(context) in that class, or pass a guard instead.',
    });
  });

  it('an APP_GUARD class whose dependency is missing is a core boot error naming the class', async () => {
    @Injectable()
    class NeedsTokens implements CanActivate {
      constructor(readonly tokens: TokenService) {}
      canActivate() {
        return true;
      }
    }
    @Module({ controllers: [CatsController], providers: [{ provide: APP_GUARD, useClass: NeedsTokens }] })
    class MissingModule {}
    await expect(HttpApplication.create(MissingModule, { logger: false })).rejects.toMatchObject({
      code: 'TENON_CORE_UNKNOWN_DEPENDENCY',
      message: expect.stringContaining('NeedsTokens'),
    });
  });
});
