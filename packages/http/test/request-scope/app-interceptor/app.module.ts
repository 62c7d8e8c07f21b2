import { Inject, Injectable, Module, Scope, currentRequestContext } from '@tenon/core';
import type { FastifyRequest } from 'fastify';
import {
  APP_INTERCEPTOR,
  Controller,
  Get,
  REQUEST,
  type CallHandler,
  type TenonInterceptor,
} from '@tenon/http';

// A request-scoped global interceptor: every route runs it, so every route needs a scope.
@Injectable({ scope: Scope.REQUEST })
export class StampInterceptor implements TenonInterceptor {
  constructor(@Inject(REQUEST) private readonly request: FastifyRequest) {}
  async intercept(_context: unknown, next: CallHandler) {
    return { path: this.request.url, data: await next() };
  }
}

@Controller('a')
export class AController {
  @Get() get() {
    return { scoped: currentRequestContext() !== undefined };
  }
}

@Controller('b')
export class BController {
  @Get() get() {
    return { scoped: currentRequestContext() !== undefined };
  }
}

@Module({
  controllers: [AController, BController],
  providers: [{ provide: APP_INTERCEPTOR, useClass: StampInterceptor, scope: Scope.REQUEST }],
})
export class AppInterceptorModule {}
