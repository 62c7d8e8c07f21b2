import 'reflect-metadata';
import { Injectable, Module, Scope } from '@tenon/core';
import { Type } from 'class-transformer';
import { IsArray, IsEmail, IsInt, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  Body,
  Catch,
  Controller,
  HttpApplication,
  HttpException,
  Post,
  UseFilters,
  UseGuards,
  UseInterceptors,
  UsePipes,
  ValidationPipe,
  type CallHandler,
  type ExceptionFilter,
  type ExecutionContext,
  type HttpReply,
} from '@tenon/http';

// A compiled body's failure is handed back as an ArgumentRefusal instead of being thrown: every
// answer must stay what the thrown exception gave (the class-validator path is the reference),
// and filters and interceptors must see the same exception.

class TagDto {
  @IsString() @MaxLength(3) label!: string;
}

class PersonDto {
  @IsString() @MaxLength(5) name!: string;
  @IsEmail() email!: string;
  @IsInt() @Min(0) age!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => TagDto) tags!: TagDto[];
  @ValidateNested() @Type(() => TagDto) main!: TagDto;
}

const calls: string[] = [];
const seen: unknown[] = [];

@Catch(HttpException)
class RecordingFilter implements ExceptionFilter<HttpException> {
  catch(error: HttpException, ctx: ExecutionContext) {
    seen.push(error);
    ctx.getReply<HttpReply>().code(422).send({ filtered: error.code, errors: error.options.errors });
  }
}

class RecordingInterceptor {
  async intercept(_ctx: ExecutionContext, next: CallHandler) {
    try {
      return await next();
    } catch (error) {
      seen.push(error);
      throw error;
    }
  }
}

class SlowGuard {
  canActivate() {
    return Promise.resolve(true);
  }
}

@Injectable({ scope: Scope.REQUEST })
class PerRequest {}

@Controller('people')
class PeopleController {
  @Post() create(@Body() dto: PersonDto) {
    calls.push('create');
    return dto;
  }
  @Post('strict') @UsePipes(new ValidationPipe({ forbidNonWhitelisted: true })) strict(
    @Body() dto: PersonDto,
  ) {
    calls.push('strict');
    return dto;
  }
  @Post('filtered') @UseFilters(RecordingFilter) filtered(@Body() dto: PersonDto) {
    calls.push('filtered');
    return dto;
  }
  @Post('intercepted') @UseInterceptors(RecordingInterceptor) intercepted(@Body() dto: PersonDto) {
    calls.push('intercepted');
    return dto;
  }
  @Post('guarded') @UseGuards(SlowGuard) guarded(@Body() dto: PersonDto) {
    calls.push('guarded');
    return dto;
  }
}

@Controller('scoped')
class ScopedController {
  constructor(private readonly perRequest: PerRequest) {}
  @Post() create(@Body() dto: PersonDto) {
    calls.push(`scoped ${this.perRequest instanceof PerRequest}`);
    return dto;
  }
}

@Module({ controllers: [PeopleController, ScopedController], providers: [PerRequest] })
class PeopleModule {}

const valid = { name: 'ann', email: 'ann@example.com', age: 3, tags: [{ label: 'a' }], main: { label: 'b' } };
const hugeKey = 'k'.repeat(20_000);

// Raw request bodies: what a client may send, well-formed or not.
const bodies: string[] = [
  JSON.stringify({ ...valid, name: 123 }),
  JSON.stringify({}),
  JSON.stringify({ ...valid, tags: [{ label: 'long' }, { label: 5 }, 'x', null, []] }),
  JSON.stringify({ ...valid, tags: 'not a list', main: [{ label: 1 }] }),
  JSON.stringify({ ...valid, main: { label: { deep: { deeper: ['x'] } } } }),
  JSON.stringify({ ...valid, name: 'quote " backslash \\ tab \t nl \n nul \u0000 end' }),
  JSON.stringify({ ...valid, name: '\u2028\u2029 emoji 😀 accents éü 中文' }),
  '{"name":"\\ud800 lone","email":"\\udc00","age":-1}',
  JSON.stringify({ ...valid, email: '"><script>alert(1)</script>' }),
  JSON.stringify({ ...valid, name: 'x'.repeat(300), email: 'y'.repeat(1000) }),
  JSON.stringify({ ...valid, [hugeKey]: 1, age: 'old' }),
  JSON.stringify({ ...valid, [`a"b\\c\u0001${hugeKey}`]: true, age: 1.5 }),
  JSON.stringify({ ...valid, $value: '$property', age: '$constraint1' }),
  '{"__proto__":{"admin":true},"name":""}',
  '{"constructor":{"prototype":{"x":1}},"name":""}',
  '{"name":"","prototype":1}',
  '{"name":"","nested":{"__proto__":null}}',
  '[]',
  JSON.stringify([valid]),
  '"just a string"',
  '42',
  'null',
  'true',
  '',
  '{"name": ',
  JSON.stringify(valid).replace('"age":3', '"age":1e400'),
];

describe('refused compiled bodies', () => {
  let fast: HttpApplication;
  let slow: HttpApplication;
  beforeAll(async () => {
    fast = await HttpApplication.create(PeopleModule, { logger: false });
    slow = await HttpApplication.create(PeopleModule, { logger: false, compiledValidation: false });
    await Promise.all([fast.init(), slow.init()]);
  });
  afterAll(() => Promise.all([fast.close(), slow.close()]));
  beforeEach(() => {
    calls.length = 0;
    seen.length = 0;
  });

  it('runs on the compiled path for every route of the test', () => {
    expect(fast.compiledRoutes.every((r) => r.compiledBody)).toBe(true);
    expect(slow.compiledRoutes.some((r) => r.compiledBody)).toBe(false);
  });

  const urls = [
    '/people',
    '/people/strict',
    '/people/filtered',
    '/people/intercepted',
    '/people/guarded',
    '/scoped',
  ];
  for (const url of urls) {
    it(`answers bad bodies on ${url} byte for byte as the class-validator path`, async () => {
      for (const payload of bodies) {
        const request = {
          method: 'POST' as const,
          url,
          payload,
          headers: { 'content-type': 'application/json' },
        };
        const [a, b] = await Promise.all([fast.inject(request), slow.inject(request)]);
        expect({ payload, status: a.statusCode, type: a.headers['content-type'], body: a.body }).toEqual({
          payload,
          status: b.statusCode,
          type: b.headers['content-type'],
          body: b.body,
        });
        expect({ payload, status: a.statusCode >= 400 }).toEqual({ payload, status: true });
      }
      // No bad body reached a handler, on either path.
      expect(calls).toEqual([]);
    });
  }

  it('gives route filters the exception the pipe built', async () => {
    const res = await fast.inject({
      method: 'POST',
      url: '/people/filtered',
      payload: { ...valid, age: -1, tags: [{ label: 'long' }] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      filtered: 'TENON_HTTP_VALIDATION_FAILED',
      errors: [
        { property: 'age', constraints: { min: 'age must not be less than 0' }, value: -1 },
        {
          property: 'tags.0.label',
          constraints: { maxLength: 'label must be shorter than or equal to 3 characters' },
          value: 'long',
        },
      ],
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(HttpException);
    expect((seen[0] as HttpException).message).toBe('The request body has 2 invalid fields: see errors.');
  });

  it('makes next() fail for interceptors, which see the exception thrown', async () => {
    const res = await fast.inject({
      method: 'POST',
      url: '/people/intercepted',
      payload: { ...valid, age: -1 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'TENON_HTTP_VALIDATION_FAILED',
      detail: 'The request body has 1 invalid field: see errors.',
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(HttpException);
    expect((seen[0] as HttpException).code).toBe('TENON_HTTP_VALIDATION_FAILED');
  });

  it('still hands valid bodies to the handler on every route', async () => {
    for (const url of urls) {
      const res = await fast.inject({ method: 'POST', url, payload: valid });
      expect({ url, status: res.statusCode, body: res.json() as unknown }).toEqual({
        url,
        status: 201,
        body: valid,
      });
    }
    expect(calls).toEqual(['create', 'strict', 'filtered', 'intercepted', 'guarded', 'scoped true']);
  });
});
