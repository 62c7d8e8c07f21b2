import 'reflect-metadata';
import { Injectable, Module } from '@tenon/core';
import type { FastifyRequest } from 'fastify';
import {
  EMPTY,
  Observable,
  TimeoutError,
  catchError,
  delay,
  from,
  map,
  of,
  tap,
  throwError,
  timeout,
} from 'rxjs';
import {
  BadGatewayException,
  Controller,
  Get,
  HttpApplication,
  Param,
  RequestTimeoutException,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type TenonInterceptor,
} from '@tenon/http';

// Interceptors written as NestJS documents them, unchanged.
const log: string[] = [];

@Injectable()
class LoggingInterceptor implements TenonInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    log.push(`before ${context.getClass().name}.${context.getHandler().name}`);
    return next.handle().pipe(tap(() => log.push('after')));
  }
}

interface Response<T> {
  data: T;
}

@Injectable()
class TransformInterceptor<T> implements TenonInterceptor<T, Response<T>> {
  intercept(_context: ExecutionContext, next: CallHandler<T>): Observable<Response<T>> {
    return next.handle().pipe(map((data) => ({ data })));
  }
}

@Injectable()
class ErrorsInterceptor implements TenonInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError(() => throwError(() => new BadGatewayException())));
  }
}

@Injectable()
class TimeoutInterceptor implements TenonInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      timeout(20),
      catchError((err: unknown) =>
        err instanceof TimeoutError ? throwError(() => new RequestTimeoutException()) : throwError(() => err),
      ),
    );
  }
}

let handlerCalls = 0;

@Injectable()
class CacheInterceptor implements TenonInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.switchToHttp().getRequest<FastifyRequest>().headers['x-cached'] === 'yes')
      return of(['cached']);
    return next.handle();
  }
}

// An async interceptor that returns an Observable after awaiting something (Promise<Observable>).
@Injectable()
class AsyncObservableInterceptor implements TenonInterceptor {
  async intercept(_context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    await new Promise((r) => setTimeout(r, 1));
    return next.handle().pipe(map((data) => ({ late: data })));
  }
}

// Tenon's promise form around a NestJS one: both orders work.
@Injectable()
class PromiseInterceptor implements TenonInterceptor {
  async intercept(_context: ExecutionContext, next: CallHandler) {
    return { outer: await next() };
  }
}

@Controller('cats')
class CatsController {
  @Get('logged') @UseInterceptors(LoggingInterceptor) logged() {
    handlerCalls++;
    return ['Tom'];
  }
  @Get('wrapped') @UseInterceptors(TransformInterceptor) wrapped() {
    return Promise.resolve(['Tom']);
  }
  @Get('failing') @UseInterceptors(ErrorsInterceptor) failing() {
    throw new Error('database down');
  }
  @Get('failing-async') @UseInterceptors(ErrorsInterceptor) async failingAsync() {
    throw new Error('database down');
  }
  @Get('slow/:ms') @UseInterceptors(TimeoutInterceptor) slow(@Param('ms') ms: string) {
    return new Promise((r) => setTimeout(() => r({ waited: Number(ms) }), Number(ms)));
  }
  @Get('cached') @UseInterceptors(CacheInterceptor) cached() {
    handlerCalls++;
    return ['fresh'];
  }
  @Get('observable') observable() {
    return of(1, 2, 3).pipe(map((n) => ({ n })));
  }
  @Get('observable-delayed') @UseInterceptors(TransformInterceptor) observableDelayed() {
    return from(Promise.resolve('later')).pipe(delay(2));
  }
  @Get('empty') empty() {
    return EMPTY;
  }
  @Get('empty-mapped') @UseInterceptors(TransformInterceptor) emptyMapped() {
    return EMPTY;
  }
  @Get('observable-error') observableError() {
    return throwError(() => new BadGatewayException('upstream'));
  }
  @Get('mixed')
  @UseInterceptors(PromiseInterceptor, TransformInterceptor, AsyncObservableInterceptor)
  mixed() {
    return of('cat');
  }
  @Get('mixed-inner') @UseInterceptors(TransformInterceptor, PromiseInterceptor) mixedInner() {
    return of('cat');
  }
}

@Module({ controllers: [CatsController] })
class AppModule {}

describe('RxJS interceptors, NestJS style', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(AppModule, { logger: false });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    log.length = 0;
    handlerCalls = 0;
  });

  it('logging with tap runs before and after the handler', async () => {
    const res = await app.inject('/cats/logged');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(['Tom']);
    expect(log).toEqual(['before CatsController.logged', 'after']);
    expect(handlerCalls).toBe(1);
  });

  it('transform with map wraps the result', async () => {
    expect((await app.inject('/cats/wrapped')).json()).toEqual({ data: ['Tom'] });
  });

  it('error mapping with catchError → throwError(() => new BadGatewayException()) answers 502', async () => {
    for (const url of ['/cats/failing', '/cats/failing-async']) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(502);
      expect(res.json()).toMatchObject({ status: 502, title: 'Bad Gateway' });
    }
  });

  it('timeout(…) mapped to RequestTimeoutException answers 408; a fast handler passes', async () => {
    const slow = await app.inject('/cats/slow/200');
    expect(slow.statusCode).toBe(408);
    expect(slow.json()).toMatchObject({ status: 408, title: 'Request Timeout' });
    const fast = await app.inject('/cats/slow/1');
    expect(fast.statusCode).toBe(200);
    expect(fast.json()).toEqual({ waited: 1 });
  });

  it('a caching interceptor returns of(cached) without calling handle()', async () => {
    const res = await app.inject({ url: '/cats/cached', headers: { 'x-cached': 'yes' } });
    expect(res.json()).toEqual(['cached']);
    expect(handlerCalls).toBe(0);
    expect((await app.inject('/cats/cached')).json()).toEqual(['fresh']);
    expect(handlerCalls).toBe(1);
  });

  it('a handler returning an Observable sends its last value', async () => {
    const res = await app.inject('/cats/observable');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ n: 3 });
    expect((await app.inject('/cats/observable-delayed')).json()).toEqual({ data: 'later' });
  });

  it('an Observable that completes empty sends no body (204), as a handler returning undefined', async () => {
    const res = await app.inject('/cats/empty');
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    // Nothing to map: the interceptor's map never runs.
    expect((await app.inject('/cats/empty-mapped')).statusCode).toBe(204);
  });

  it("an Observable's error answers as that error", async () => {
    const res = await app.inject('/cats/observable-error');
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ detail: 'upstream' });
  });

  it('promise and Observable interceptors nest in both orders, with async interceptors returning Observables', async () => {
    expect((await app.inject('/cats/mixed')).json()).toEqual({ outer: { data: { late: 'cat' } } });
    expect((await app.inject('/cats/mixed-inner')).json()).toEqual({ data: { outer: 'cat' } });
  });
});
