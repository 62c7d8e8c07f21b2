import 'reflect-metadata';
import {
  ApplicationContext,
  Inject,
  Injectable,
  Module,
  Scope,
  type BootExtension,
  type ScannedGraph,
} from '@tenon/core';
import type { FastifyRequest } from 'fastify';
import {
  Controller,
  EnhancerNotProvidedError,
  Get,
  HealthModule,
  HttpApplication,
  HttpBootError,
  REQUEST,
  Render,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@tenon/http';

@Injectable()
class TodoRepository {
  readonly titles: string[] = [];
}

@Injectable()
class Allowlist {
  readonly keys = new Set(['k1']);
}

// Has a constructor dependency: only http's boot extension makes it a provider.
@Injectable()
class KeyGuard implements CanActivate {
  constructor(private readonly allowlist: Allowlist) {}
  canActivate(ctx: ExecutionContext): boolean {
    return this.allowlist.keys.has(String(ctx.getRequest<FastifyRequest>().headers['x-key']));
  }
}

@Injectable()
class HeaderGuard implements CanActivate {
  constructor(private readonly allowlist: Allowlist) {}
  canActivate(ctx: ExecutionContext): boolean {
    return ctx.getRequest<FastifyRequest>().headers['x-global'] === String(this.allowlist.keys.size);
  }
}

@Injectable({ scope: Scope.REQUEST })
class CurrentAgent {
  constructor(@Inject(REQUEST) private readonly request: FastifyRequest) {}
  get value(): string {
    return String(this.request.headers['user-agent']);
  }
}

@Controller('todos')
@UseGuards(KeyGuard)
class TodoController {
  constructor(
    private readonly repository: TodoRepository,
    private readonly agent: CurrentAgent,
  ) {}
  @Get()
  list() {
    return { titles: this.repository.titles, agent: this.agent.value };
  }
}

@Module({ controllers: [TodoController], providers: [TodoRepository, Allowlist, CurrentAgent] })
class TodoModule {}

function probe(seen: (graph: ScannedGraph) => void): BootExtension {
  return { name: 'probe', afterScan: seen };
}

describe("http's boot extension", () => {
  it("runs before the caller's extensions, which see the enhancer classes it registered", async () => {
    const seen: string[] = [];
    const app = await HttpApplication.create(TodoModule, {
      logger: false,
      globalGuards: [HeaderGuard],
      context: {
        extensions: [
          probe((graph) => {
            for (const m of graph.modules)
              for (const token of m.providerTokens)
                if (token === KeyGuard || token === HeaderGuard || token === REQUEST)
                  seen.push(`${m.name}:${(token as { name?: string }).name ?? String(token)}`);
          }),
        ],
      },
    });
    expect(seen).toEqual(expect.arrayContaining(['TodoModule:KeyGuard', 'TodoModule:HeaderGuard']));
    await app.close();
  });

  it('registers nothing twice when the caller passes it as well', async () => {
    const app = await HttpApplication.create(TodoModule, {
      logger: false,
      globalGuards: [HeaderGuard],
      context: { extensions: [HttpApplication.bootExtension({ globalGuards: [HeaderGuard] })] },
    });
    const res = await app.inject({ url: '/todos', headers: { 'x-key': 'k1', 'x-global': '1' } });
    expect(res.statusCode).toBe(200);
    await app.close();
  });
});

describe('HttpApplication.fromContext', () => {
  it('serves a context booted with the boot extension, sharing its singletons', async () => {
    const context = await ApplicationContext.create(TodoModule, {
      logger: false,
      extensions: [HttpApplication.bootExtension({ globalGuards: [HeaderGuard] })],
    });
    context.get(TodoRepository).titles.push('seeded');
    const app = await HttpApplication.fromContext(context, {
      globalPrefix: 'api',
      globalGuards: [HeaderGuard],
    });
    expect(app.context).toBe(context);
    expect(app.get(TodoRepository)).toBe(context.get(TodoRepository));
    const ok = await app.inject({
      url: '/api/todos',
      headers: { 'x-key': 'k1', 'x-global': '1', 'user-agent': 'probe' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ titles: ['seeded'], agent: 'probe' });
    // The route guard (injected Allowlist) and the global guard both run.
    expect(
      (await app.inject({ url: '/api/todos', headers: { 'x-key': 'nope', 'x-global': '1' } })).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ url: '/api/todos', headers: { 'x-key': 'k1', 'x-global': '2' } })).statusCode,
    ).toBe(403);
    await app.close();
    expect(() => context.get(TodoRepository)).toThrow(
      expect.objectContaining({ code: 'TENON_CORE_CONTEXT_CLOSED' }),
    );
  });

  it('shares the readiness state with HealthModule', async () => {
    @Module({ imports: [TodoModule, HealthModule.forRoot()] })
    class AppModule {}
    const context = await ApplicationContext.create(AppModule, {
      logger: false,
      extensions: [HttpApplication.bootExtension()],
    });
    const app = await HttpApplication.fromContext(context, { readinessGrace: 200 });
    expect((await app.inject('/health/ready')).statusCode).toBe(200);
    const closing = app.close();
    expect((await app.inject('/health/ready')).json()).toMatchObject({
      status: 503,
      code: 'TENON_HTTP_SHUTTING_DOWN',
    });
    await closing;
  });

  it('says how to boot the context when an enhancer class needs injection and the extension did not run', async () => {
    @Module({ providers: [Allowlist] })
    class GuardOnly {}
    @Controller('guarded')
    @UseGuards(KeyGuard)
    class GuardedController {
      @Get() get() {
        return 'ok';
      }
    }
    @Module({ imports: [GuardOnly], controllers: [GuardedController] })
    class AppModule {}
    const context = await ApplicationContext.create(AppModule, { logger: false });
    const error = await HttpApplication.fromContext(context).then(
      () => undefined,
      (e: unknown) => e as EnhancerNotProvidedError,
    );
    expect(error).toBeInstanceOf(EnhancerNotProvidedError);
    expect(error?.code).toBe('TENON_HTTP_ENHANCER_NOT_PROVIDED');
    expect(error?.message).toBe(
      "The guard KeyGuard is not a provider and has constructor parameters, so it cannot be built: the context given to HttpApplication.fromContext() was booted without @tenon/http's boot extension, which registers enhancer classes. " +
        "Fix: boot the context with extensions: [HttpApplication.bootExtension(options)] (with the same global enhancers as the options), or add KeyGuard to a module's providers.",
    );
    await context.close();
  });

  it('builds parameterless enhancer classes without the extension', async () => {
    class OpenGuard implements CanActivate {
      canActivate(ctx: ExecutionContext): boolean {
        return ctx.getRequest<FastifyRequest>().headers['x-open'] === 'yes';
      }
    }
    @Controller('open')
    @UseGuards(OpenGuard)
    class OpenController {
      @Get() get() {
        return 'ok';
      }
    }
    @Module({ controllers: [OpenController] })
    class AppModule {}
    const app = await HttpApplication.fromContext(
      await ApplicationContext.create(AppModule, { logger: false }),
    );
    expect((await app.inject({ url: '/open', headers: { 'x-open': 'yes' } })).body).toBe('ok');
    expect((await app.inject('/open')).statusCode).toBe(403);
    await app.close();
  });

  it('leaves the context open when it throws', async () => {
    @Controller()
    class PageController {
      @Get() @Render('page') page() {
        return {};
      }
    }
    @Module({ controllers: [PageController], providers: [TodoRepository] })
    class AppModule {}
    const context = await ApplicationContext.create(AppModule, { logger: false });
    const error = await HttpApplication.fromContext(context).then(
      () => undefined,
      (e: unknown) => e as HttpBootError,
    );
    expect(error?.code).toBe('TENON_HTTP_VIEWS_NOT_CONFIGURED');
    expect(context.get(TodoRepository)).toBeInstanceOf(TodoRepository);
    await context.close();
  });

  it('checks its options like create()', async () => {
    const context = await ApplicationContext.create(TodoModule, {
      logger: false,
      extensions: [HttpApplication.bootExtension()],
    });
    await expect(HttpApplication.fromContext(context, { bodyLimit: -1 })).rejects.toMatchObject({
      code: 'TENON_HTTP_INVALID_OPTIONS',
      message: 'The option bodyLimit of HttpApplication.fromContext() is -1. Fix: give a positive integer.',
    });
    await context.close();
  });
});
