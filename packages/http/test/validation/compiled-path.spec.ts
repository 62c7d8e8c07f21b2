import 'reflect-metadata';
import { Module, Secret } from '@tenon/core';
import { Type } from 'class-transformer';
import * as classValidator from 'class-validator';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Body, Controller, HttpApplication, Post, UsePipes, ValidationPipe } from '@tenon/http';

enum Size {
  S = 's',
  M = 'm',
}

class AddressDto {
  @IsString() @Length(2, 40) street!: string;
  @Matches(/^\d{5}$/) zip!: string;
}

class LineDto {
  @IsString() sku!: string;
  @IsInt() @Min(1) @Max(10) qty!: number;
}

class OrderDto {
  @IsString() @Length(1, 10) name!: string;
  @IsInt() @Min(0) age!: number;
  @IsOptional() @IsBoolean() vip?: boolean;
  @IsEnum(Size) size!: Size;
  @ValidateNested() @Type(() => AddressDto) address!: AddressDto;
  @IsArray() @ArrayMaxSize(3) @ValidateNested({ each: true }) @Type(() => LineDto) lines!: LineDto[];
  @IsOptional() @IsString() password?: string;
  @Secret() @IsOptional() @IsString() pin2?: string;
}

@Controller('orders')
class OrderController {
  @Post() create(@Body() dto: OrderDto) {
    return { ok: dto instanceof OrderDto, address: dto.address instanceof AddressDto, dto };
  }
  @Post('strict') @UsePipes(new ValidationPipe({ forbidNonWhitelisted: true })) strict(
    @Body() dto: OrderDto,
  ) {
    return dto;
  }
}

@Module({ controllers: [OrderController] })
class OrderModule {}

const valid = {
  name: 'ann',
  age: 30,
  size: 's',
  address: { street: 'Main St', zip: '12345' },
  lines: [{ sku: 'a', qty: 1 }],
};

const bad: unknown[] = [
  {},
  { ...valid, name: '' },
  { ...valid, name: 5, age: '5' },
  { ...valid, age: -1.5 },
  { ...valid, vip: 'yes' },
  { ...valid, size: 'xl' },
  { ...valid, address: { street: 'x', zip: 'abc' } },
  { ...valid, address: 'Main St' },
  { ...valid, address: null },
  {
    ...valid,
    lines: [
      { sku: 'a', qty: 0 },
      { sku: 1, qty: 11 },
    ],
  },
  { ...valid, lines: [1, 2] },
  { ...valid, lines: new Array(4).fill({ sku: 'a', qty: 1 }) },
  { ...valid, password: 12345 },
  { ...valid, password: ['hunter2'] },
  { ...valid, extra: true, address: { ...valid.address, extra: 1 } },
  [valid],
  'just a string',
  42,
  null,
];

describe('the compiled validation path', () => {
  let fast: HttpApplication;
  let slow: HttpApplication;
  beforeAll(async () => {
    fast = await HttpApplication.create(OrderModule, { logger: false });
    slow = await HttpApplication.create(OrderModule, { logger: false, compiledValidation: false });
    await Promise.all([fast.init(), slow.init()]);
  });
  afterAll(() => Promise.all([fast.close(), slow.close()]));

  it('puts Fastify’s compiled validator in front of exact DTOs only when allowed', () => {
    const compiled = (app: HttpApplication) =>
      app.compiledRoutes.map((r) => [r.definition.path, r.compiledBody]);
    expect(compiled(fast)).toEqual([
      ['/orders', true],
      ['/orders/strict', true],
    ]);
    expect(compiled(slow)).toEqual([
      ['/orders', false],
      ['/orders/strict', false],
    ]);
  });

  it('answers the same bad inputs with byte-identical responses on both paths', async () => {
    let compared = 0;
    for (const url of ['/orders', '/orders/strict']) {
      for (const payload of bad) {
        const request = {
          method: 'POST' as const,
          url,
          payload: JSON.stringify(payload),
          headers: { 'content-type': 'application/json' },
        };
        const [a, b] = await Promise.all([fast.inject(request), slow.inject(request)]);
        expect({ payload, status: a.statusCode, type: a.headers['content-type'], body: a.body }).toEqual({
          payload,
          status: b.statusCode,
          type: b.headers['content-type'],
          body: b.body,
        });
        // Unknown properties are stripped on the lenient route, so that one body is accepted.
        const stripped = url === '/orders' && payload === bad[14];
        expect(a.statusCode).toBe(stripped ? 201 : 400);
        compared++;
      }
    }
    expect(compared).toBe(bad.length * 2);
  });

  it('reports nested and array errors with dotted paths, and never echoes secrets', async () => {
    const res = await fast.inject({
      method: 'POST',
      url: '/orders',
      payload: {
        ...valid,
        lines: [{ sku: 'a', qty: 0 }],
        address: { street: 'Main', zip: 'x' },
        password: 42,
        pin2: 7,
      },
    });
    expect(res.json()).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request body has 4 invalid fields: see errors.',
      instance: '/orders',
      code: 'TENON_HTTP_VALIDATION_FAILED',
      errors: [
        {
          property: 'address.zip',
          constraints: { matches: 'zip must match /^\\d{5}$/ regular expression' },
          value: 'x',
        },
        { property: 'lines.0.qty', constraints: { min: 'qty must not be less than 1' }, value: 0 },
        { property: 'password', constraints: { isString: 'password must be a string' } },
        { property: 'pin2', constraints: { isString: 'pin2 must be a string' } },
      ],
    });
  });

  it('rejects unknown properties with forbidNonWhitelisted, and strips them otherwise', async () => {
    const payload = { ...valid, extra: true };
    const strict = await fast.inject({ method: 'POST', url: '/orders/strict', payload });
    expect(strict.json().errors).toEqual([
      {
        property: 'extra',
        constraints: { whitelistValidation: 'property extra should not exist' },
        value: true,
      },
    ]);
    const lenient = await fast.inject({
      method: 'POST',
      url: '/orders',
      payload: { ...payload, address: { ...valid.address, extra: 1 } },
    });
    expect(lenient.json()).toEqual({ ok: true, address: true, dto: valid });
  });

  it('skips class-validator entirely for valid bodies on the compiled path', async () => {
    const spy = jest.spyOn(classValidator, 'validateSync');
    try {
      const ok = await fast.inject({ method: 'POST', url: '/orders', payload: valid });
      expect(ok.json()).toEqual({ ok: true, address: true, dto: valid });
      expect(spy).not.toHaveBeenCalled();
      await slow.inject({ method: 'POST', url: '/orders', payload: valid });
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('the compiled path with built-in constraints that have no JSON Schema keyword', () => {
  class SignupDto {
    @IsString() @classValidator.IsNotEmpty() @classValidator.MaxLength(100) name!: string;
    @classValidator.IsEmail() email!: string;
    @IsInt() @Min(0) @Max(150) age!: number;
    @IsOptional() @classValidator.IsUUID('4') referrer?: string;
    @IsOptional() @classValidator.IsISO8601({ strict: true }, { each: true }) days?: string[];
  }

  @Controller('signups')
  class SignupController {
    @Post() create(@Body() dto: SignupDto) {
      return { ok: dto instanceof SignupDto, dto };
    }
  }

  @Module({ controllers: [SignupController] })
  class SignupModule {}

  const good = { name: 'Ada Lovelace', email: 'ada@example.com', age: 36 };
  const wrong: unknown[] = [
    { ...good, email: 'not-an-email' },
    { ...good, email: 'ada@' },
    { ...good, email: 5 },
    { ...good, email: ['ada@example.com'] },
    { ...good, referrer: '3b241101-e2bb-1255-8caf-4136c566a962' },
    { ...good, referrer: 'x' },
    { ...good, days: ['2024-02-30'] },
    { ...good, days: '2024-02-31' },
    { name: '', email: 'not-an-email', age: -3 },
  ];

  let fast: HttpApplication;
  let slow: HttpApplication;
  beforeAll(async () => {
    fast = await HttpApplication.create(SignupModule, { logger: false });
    slow = await HttpApplication.create(SignupModule, { logger: false, compiledValidation: false });
    await Promise.all([fast.init(), slow.init()]);
  });
  afterAll(() => Promise.all([fast.close(), slow.close()]));

  it('keeps the compiled validator in front, answering bad bodies byte for byte like class-validator', async () => {
    expect(fast.compiledRoutes.map((r) => r.compiledBody)).toEqual([true]);
    for (const payload of wrong) {
      const request = {
        method: 'POST' as const,
        url: '/signups',
        payload: JSON.stringify(payload),
        headers: { 'content-type': 'application/json' },
      };
      const [a, b] = await Promise.all([fast.inject(request), slow.inject(request)]);
      expect({ payload, status: a.statusCode, body: a.body }).toEqual({ payload, status: 400, body: b.body });
    }
  });

  it('accepts valid bodies without running class-validator', async () => {
    const spy = jest.spyOn(classValidator, 'validateSync');
    try {
      const body = {
        ...good,
        referrer: '3b241101-e2bb-4255-8caf-4136c566a962',
        days: ['2024-02-29'],
      };
      const ok = await fast.inject({ method: 'POST', url: '/signups', payload: body });
      expect(ok.json()).toEqual({ ok: true, dto: body });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('is left out when the pipe converts values implicitly', async () => {
    const app = await HttpApplication.create(SignupModule, {
      logger: false,
      validation: { enableImplicitConversion: true },
    });
    await app.init();
    expect(app.compiledRoutes.map((r) => r.compiledBody)).toEqual([false]);
    await app.close();
  });
});
