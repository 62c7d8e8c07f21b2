import 'reflect-metadata';
import { Injectable, Module, type DynamicModule } from '@tenon/core';
import {
  Catch,
  Controller,
  Get,
  Param,
  UseFilters,
  UseGuards,
  UseInterceptors,
  UsePipes,
  type CallHandler,
  type CanActivate,
  type ExceptionFilter,
  type ExecutionContext,
  type HttpApplication,
  type PipeTransform,
  type TenonInterceptor,
} from '@tenon/http';
import type { FastifyReply } from 'fastify';
import { Test } from '@tenon/testing';

// overrideGuard/Interceptor/Pipe/Filter of classes named in the decorators of a controller that a
// forRoot() module three levels down declares: compile() registers them as providers of that
// module, so get() and the HTTP application built from the testing module both see the overrides.

const allow = { canActivate: () => true };
const get = (app: HttpApplication, url: string) => app.inject({ method: 'GET', url });

describe('enhancer overrides of a controller deep in the tree, through compile()', () => {
  class OutOfStock extends Error {}

  @Injectable()
  class ShelfGuard implements CanActivate {
    canActivate(): boolean {
      return false;
    }
  }
  @Injectable()
  class ShelfInterceptor implements TenonInterceptor {
    async intercept(_ctx: ExecutionContext, next: CallHandler): Promise<unknown> {
      return { real: await next() };
    }
  }
  @Injectable()
  class SkuPipe implements PipeTransform {
    transform(value: unknown): unknown {
      return `sku-${String(value)}`;
    }
  }
  @Injectable()
  @Catch(OutOfStock)
  class StockFilter implements ExceptionFilter<OutOfStock> {
    catch(_error: OutOfStock, ctx: ExecutionContext): void {
      ctx.getReply<FastifyReply>().code(409).send({ real: 'out of stock' });
    }
  }

  @Controller('shelf')
  @UseGuards(ShelfGuard)
  @UseInterceptors(ShelfInterceptor)
  @UseFilters(StockFilter)
  class ShelfController {
    @Get(':sku')
    @UsePipes(SkuPipe)
    item(@Param('sku') sku: string): { sku: string } {
      if (sku.endsWith('none')) throw new OutOfStock(sku);
      return { sku };
    }
  }

  // Three levels down, the innermost one a forRoot() dynamic module.
  @Module({})
  class ShelfModule {
    static forRoot(): DynamicModule {
      return { module: ShelfModule, controllers: [ShelfController] };
    }
  }
  @Module({ imports: [ShelfModule.forRoot()] })
  class StoreModule {}
  @Module({ imports: [StoreModule] })
  class MallModule {}

  it('replaces the guard, interceptor, pipe and filter, for get() and for the requests', async () => {
    @Injectable()
    class RawInterceptor implements TenonInterceptor {
      async intercept(_ctx: ExecutionContext, next: CallHandler): Promise<unknown> {
        return { fake: await next() };
      }
    }
    const pipe = { transform: (value: unknown) => `fake-${String(value)}` };
    const moduleRef = await Test.createTestingModule({ imports: [MallModule] }, { logger: false })
      .overrideGuard(ShelfGuard)
      .useValue(allow)
      .overrideInterceptor(ShelfInterceptor)
      .useClass(RawInterceptor)
      .overridePipe(SkuPipe)
      .useValue(pipe)
      .overrideFilter(StockFilter)
      .useFactory({
        factory: () => ({
          catch: (_e: OutOfStock, ctx: ExecutionContext) =>
            ctx.getReply<FastifyReply>().code(410).send({ fake: 'gone' }),
        }),
      })
      .compile();
    try {
      expect(moduleRef.get(ShelfGuard)).toBe(allow);
      expect(moduleRef.get(ShelfInterceptor)).toBeInstanceOf(RawInterceptor);
      expect(moduleRef.get(SkuPipe)).toBe(pipe);
      const app = await moduleRef.createHttpApplication();
      expect((await get(app, '/shelf/42')).json()).toEqual({ fake: { sku: 'fake-42' } });
      const failed = await get(app, '/shelf/none');
      expect(failed.statusCode).toBe(410);
      expect(failed.json()).toEqual({ fake: 'gone' });
    } finally {
      await moduleRef.close();
    }
  });

  it('serves the real ones without overrides (the control case)', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [MallModule] }, { logger: false })
      .overrideGuard(ShelfGuard)
      .useValue(allow)
      .compile();
    try {
      const app = await moduleRef.createHttpApplication();
      expect((await get(app, '/shelf/42')).json()).toEqual({ real: { sku: 'sku-42' } });
      expect((await get(app, '/shelf/none')).json()).toEqual({ real: 'out of stock' });
    } finally {
      await moduleRef.close();
    }
  });
});
