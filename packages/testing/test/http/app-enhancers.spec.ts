import 'reflect-metadata';
import { Injectable, Module } from '@tenon/core';
import {
  APP_GUARD,
  APP_INTERCEPTOR,
  Controller,
  Get,
  UnauthorizedException,
  type CallHandler,
  type CanActivate,
  type ExecutionContext,
  type TenonInterceptor,
} from '@tenon/http';
import { Test } from '@tenon/testing';

// An e2e test gets the guards and interceptors that modules register with APP_GUARD and
// APP_INTERCEPTOR without repeating them in globalGuards, and overrideGuard() replaces them.

@Injectable()
class Clock {
  now() {
    return 'real';
  }
}

@Injectable()
class JwtGuard implements CanActivate {
  constructor(readonly clock: Clock) {}
  canActivate(): boolean {
    throw new UnauthorizedException('Sign in first.');
  }
}

@Injectable()
class StampInterceptor implements TenonInterceptor {
  constructor(private readonly clock: Clock) {}
  async intercept(_ctx: ExecutionContext, next: CallHandler) {
    return { at: this.clock.now(), data: await next() };
  }
}

@Controller('cats')
class CatsController {
  @Get() list() {
    return ['Tom'];
  }
}

@Module({
  providers: [Clock, { provide: APP_GUARD, useClass: JwtGuard }],
  exports: [Clock],
})
class AuthModule {}

@Module({
  imports: [AuthModule],
  controllers: [CatsController],
  providers: [{ provide: APP_INTERCEPTOR, useClass: StampInterceptor }],
})
class AppModule {}

describe('APP_* enhancers in the testing module', () => {
  it('createHttpApplication() applies them without globalGuards', async () => {
    const app = await Test.createTestingModule({ imports: [AppModule] }).createHttpApplication();
    try {
      const res = await app.inject('/cats');
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ detail: 'Sign in first.' });
    } finally {
      await app.close();
    }
  });

  it('overrideGuard() replaces an APP_GUARD given with useClass', async () => {
    const app = await Test.createTestingModule({ imports: [AppModule] })
      .overrideGuard(JwtGuard)
      .useValue({ canActivate: () => true })
      .createHttpApplication();
    try {
      const res = await app.inject('/cats');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ at: 'real', data: ['Tom'] });
    } finally {
      await app.close();
    }
  });

  it('overrideInterceptor() and overrideProvider() reach APP_INTERCEPTOR and its dependencies, through compile()', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }, { logger: false })
      .overrideGuard(JwtGuard)
      .useValue({ canActivate: () => true })
      .overrideProvider(Clock)
      .useValue({ now: () => 'fake' })
      .compile();
    const app = await moduleRef.createHttpApplication();
    try {
      expect((await app.inject('/cats')).json()).toEqual({ at: 'fake', data: ['Tom'] });
    } finally {
      await app.close();
    }
    const plain = await Test.createTestingModule({ imports: [AppModule] })
      .overrideGuard(JwtGuard)
      .useValue({ canActivate: () => true })
      .overrideInterceptor(StampInterceptor)
      .useValue({
        intercept: async (_c: ExecutionContext, next: CallHandler) => ({ at: 'none', data: await next() }),
      })
      .createHttpApplication();
    try {
      expect((await plain.inject('/cats')).json()).toEqual({ at: 'none', data: ['Tom'] });
    } finally {
      await plain.close();
    }
  });
});
