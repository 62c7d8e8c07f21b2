/* eslint-disable @typescript-eslint/no-require-imports -- each test requires the packages anew, after its recording mocks */
import 'reflect-metadata';

// Dependencies that cost tens of milliseconds to load: @tenon/http loads each one when an
// application first needs it (a DTO, a response schema, MetricsModule, a log line), never just by being required.
const LAZY = [
  'pino',
  'class-validator',
  'class-transformer',
  'class-transformer/cjs/storage',
  'prom-client',
  '@fastify/fast-json-stringify-compiler',
  'fast-json-stringify',
  '@fastify/ajv-compiler',
];

/** A fresh module registry in which every LAZY module records its first load in `loaded`. */
function freshModules(): {
  core: typeof import('@tenon/core');
  http: typeof import('@tenon/http');
  loaded: string[];
} {
  const loaded: string[] = [];
  jest.resetModules();
  for (const id of LAZY) {
    jest.doMock(id, () => {
      loaded.push(id);
      return jest.requireActual(id);
    });
  }
  return { core: require('@tenon/core'), http: require('@tenon/http'), loaded };
}

afterEach(() => {
  for (const id of LAZY) jest.dontMock(id);
});

describe('heavy dependencies load on first use', () => {
  it("Fastify's validator (Ajv) loads for the first route with a request schema, and treats header schemas as Fastify does", async () => {
    const { core, http, loaded } = freshModules();
    @core.Module({})
    class AppModule {}
    const app = await http.HttpApplication.create(AppModule, { logger: false });
    try {
      expect(loaded).toEqual([]);
      // A route declared on Fastify itself, with Fastify's own schema validation.
      app.fastify.post(
        '/raw',
        {
          schema: {
            headers: {
              type: 'object',
              properties: { 'X-Token': { type: 'string', minLength: 3 } },
              required: ['X-Token'],
            },
            body: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
          },
        },
        async (request) => ({ n: (request.body as { n: number }).n }),
      );
      const send = (headers: Record<string, string>, payload: unknown) =>
        app.inject({ method: 'POST', url: '/raw', headers, payload: payload as Record<string, unknown> });
      // Header names are matched case-insensitively, as on a plain Fastify instance.
      expect((await send({ 'x-token': 'abc' }, { n: 1 })).json()).toEqual({ n: 1 });
      // (Its standalone entry requires the package again: the recording lists it twice.)
      expect(new Set(loaded)).toEqual(new Set(['@fastify/ajv-compiler']));
      expect((await send({ 'X-TOKEN': 'abc' }, { n: 2 })).json()).toEqual({ n: 2 });
      expect((await send({ 'x-token': 'ab' }, { n: 1 })).statusCode).toBe(400);
      expect((await send({}, { n: 1 })).statusCode).toBe(400);
      expect((await send({ 'x-token': 'abc' }, { n: 'one' })).statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });

  it('an application without DTOs, response schemas or metrics loads none of them', async () => {
    const { core, http, loaded } = freshModules();
    @core.Injectable()
    class Greeter {
      greet(name: string) {
        return { hello: name };
      }
    }
    @http.Controller('hello')
    class HelloController {
      constructor(private readonly greeter: Greeter) {}
      @http.Get(':name') get(@http.Param('name') name: string, @http.Query('page') page?: string) {
        return { ...this.greeter.greet(name), page: page ?? null };
      }
    }
    @core.Module({ controllers: [HelloController], providers: [Greeter] })
    class AppModule {}
    expect(loaded).toEqual([]);
    const app = await http.HttpApplication.create(AppModule, { logger: false });
    try {
      const res = await app.inject('/hello/ada?page=2');
      expect(res.json()).toEqual({ hello: 'ada', page: '2' });
      expect((await app.inject({ method: 'POST', url: '/hello/ada', payload: {} })).statusCode).toBe(405);
      expect((await app.inject('/nowhere')).statusCode).toBe(404);
    } finally {
      await app.close();
    }
    expect(loaded).toEqual([]);
  });

  it('a DTO body loads class-validator, and validates as before', async () => {
    const { core, http, loaded } = freshModules();
    // The application's own DTO declaration is what loads class-validator first.
    const cv = require('class-validator') as typeof import('class-validator');
    class CreateDto {
      @cv.IsString() @cv.Length(1, 10) name!: string;
      @cv.IsEmail() email!: string;
    }
    @http.Controller('users')
    class UsersController {
      @http.Post() create(@http.Body() dto: CreateDto) {
        return { isDto: dto instanceof CreateDto, ...dto };
      }
    }
    @core.Module({ controllers: [UsersController] })
    class AppModule {}
    const app = await http.HttpApplication.create(AppModule, { logger: false });
    try {
      const ok = await app.inject({
        method: 'POST',
        url: '/users',
        payload: { name: 'ada', email: 'a@b.io' },
      });
      expect(ok.json()).toEqual({ isDto: true, name: 'ada', email: 'a@b.io' });
      const bad = await app.inject({ method: 'POST', url: '/users', payload: { name: '', email: 'no' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors).toHaveLength(2);
    } finally {
      await app.close();
    }
    // The compiled path builds this DTO's instances (valid and refused bodies) without
    // class-transformer: only its metadata module is read.
    expect(loaded).toEqual(expect.arrayContaining(['class-validator', 'class-transformer/cjs/storage']));
    expect(loaded).not.toContain('class-transformer');
    expect(loaded).not.toContain('prom-client');
  });

  it('MetricsModule loads prom-client when its service is built', async () => {
    const { core, http, loaded } = freshModules();
    @core.Module({ imports: [http.MetricsModule.forRoot({ defaultMetrics: false })] })
    class AppModule {}
    expect(loaded).not.toContain('prom-client');
    const app = await http.HttpApplication.create(AppModule, { logger: false });
    try {
      expect(loaded).toContain('prom-client');
      expect((await app.inject('/metrics')).body).toContain('http_requests_total');
    } finally {
      await app.close();
    }
  });

  it('a declared response schema loads the serializer compiler Fastify would have used', async () => {
    const { core, http, loaded } = freshModules();
    const cv = require('class-validator') as typeof import('class-validator');
    class UserDto {
      @cv.IsString() name!: string;
    }
    @http.Controller('me')
    class MeController {
      @http.Get() @http.ApiResponse({ status: 200, type: UserDto }) me() {
        return { name: 'ada', password: 'secret' };
      }
    }
    @core.Module({ controllers: [MeController] })
    class AppModule {}
    expect(loaded).not.toContain('@fastify/fast-json-stringify-compiler');
    const app = await http.HttpApplication.create(AppModule, { logger: false, compiledSerialization: true });
    try {
      // Only the declared property is sent: the compiled serializer is in use.
      expect((await app.inject('/me')).json()).toEqual({ name: 'ada' });
    } finally {
      await app.close();
    }
    expect(loaded).toContain('@fastify/fast-json-stringify-compiler');
  });
});
