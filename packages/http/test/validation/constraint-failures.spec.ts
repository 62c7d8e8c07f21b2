import 'reflect-metadata';
import { Module } from '@tenon/core';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { Body, Controller, HttpApplication, Post } from '@tenon/http';

@ValidatorConstraint({ name: 'explodes' })
class Explodes implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (value === 'boom') throw new Error('internal detail that must not leak');
    return true;
  }
  defaultMessage(): string {
    return '$property is not allowed';
  }
}

@ValidatorConstraint({ name: 'rejects', async: true })
class Rejects implements ValidatorConstraintInterface {
  async validate(value: unknown): Promise<boolean> {
    if (value === 'boom') throw new Error('internal detail that must not leak');
    return true;
  }
  defaultMessage(): string {
    return '$property is not available';
  }
}

class SignupDto {
  @IsEmail() email!: string;
}

class ProfileDto {
  @IsOptional() @Validate(Explodes) nickname?: string;
}

class AsyncDto {
  @Validate(Rejects) code!: string;
}

class TagDto {
  @IsString() label!: string;
}

class ItemDto {
  @IsString() name!: string;
  @IsInt() qty!: number;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => TagDto) tags?: TagDto[];
}

class BatchDto {
  @ValidateNested({ each: true }) @Type(() => ItemDto) items!: ItemDto[];
}

class CountDto {
  @IsInt() qty!: number;
  @IsNumber() price!: number;
}

class OneDto {
  @ValidateNested() @Type(() => ItemDto) item!: ItemDto;
}

@Controller()
class InputController {
  @Post('signup') signup(@Body() dto: SignupDto) {
    return dto;
  }
  @Post('profile') profile(@Body() dto: ProfileDto) {
    return dto;
  }
  @Post('async') async(@Body() dto: AsyncDto) {
    return dto;
  }
  @Post('batch') batch(@Body() dto: BatchDto) {
    // The handler checks what the decorators promise.
    return { names: dto.items.map((i) => (i instanceof ItemDto ? i.name : 'NOT AN ITEM')) };
  }
  @Post('count') count(@Body() dto: CountDto) {
    return { qty: String(dto.qty), price: String(dto.price) };
  }
  @Post('one') one(@Body() dto: OneDto) {
    return { name: dto.item.name };
  }
}

@Module({ controllers: [InputController] })
class InputModule {}

const PROBLEM = 'application/problem+json; charset=utf-8';

function problem(instance: string, errors: unknown[]) {
  return {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: `The request body has ${errors.length === 1 ? '1 invalid field' : `${errors.length} invalid fields`}: see errors.`,
    instance,
    code: 'TENON_HTTP_VALIDATION_FAILED',
    errors,
  };
}

const nestedArray = 'each value in nested property items must be an object, not an array';

const cases: { name: string; url: string; body: string; errors: unknown[] }[] = [
  {
    name: 'a lone surrogate in an @IsEmail() field (validator.js throws URI malformed)',
    url: '/signup',
    body: '{"email":"\\ud800@example.test"}',
    errors: [
      { property: 'email', constraints: { isEmail: 'email must be an email' }, value: '\ud800@example.test' },
    ],
  },
  {
    name: 'a lone low surrogate in the domain',
    url: '/signup',
    body: '{"email":"ada@exa\\udc00mple.test"}',
    errors: [
      {
        property: 'email',
        constraints: { isEmail: 'email must be an email' },
        value: 'ada@exa\udc00mple.test',
      },
    ],
  },
  {
    name: 'a custom constraint that throws',
    url: '/profile',
    body: '{"nickname":"boom"}',
    errors: [{ property: 'nickname', constraints: { explodes: 'nickname is not allowed' }, value: 'boom' }],
  },
  {
    name: 'an asynchronous constraint that rejects',
    url: '/async',
    body: '{"code":"boom"}',
    errors: [{ property: 'code', constraints: { rejects: 'code is not available' }, value: 'boom' }],
  },
  {
    name: '[[]] where a list of objects is expected',
    url: '/batch',
    body: '{"items":[[]]}',
    errors: [{ property: 'items.0', constraints: { nestedValidation: nestedArray } }],
  },
  {
    name: 'a list of objects wrapped in a list',
    url: '/batch',
    body: '{"items":[[{"name":"a","qty":1}]]}',
    errors: [{ property: 'items.0', constraints: { nestedValidation: nestedArray } }],
  },
  {
    name: '[1], ["x"] and [null] where a list of objects is expected',
    url: '/batch',
    body: '{"items":[{"name":"a","qty":1},1,"x",null,[]]}',
    errors: [
      {
        property: 'items.1',
        constraints: {
          nestedValidation: 'each value in nested property items must be either object or array',
        },
        value: 1,
      },
      {
        property: 'items.2',
        constraints: {
          nestedValidation: 'each value in nested property items must be either object or array',
        },
        value: 'x',
      },
      {
        property: 'items.3',
        constraints: {
          nestedValidation: 'each value in nested property items must be either object or array',
        },
        value: null,
      },
      { property: 'items.4', constraints: { nestedValidation: nestedArray } },
    ],
  },
  {
    name: '1e400 and -1e400 (JSON.parse gives ±Infinity) where integers are expected',
    url: '/batch',
    body: '{"items":[{"name":"a","qty":1e400},{"name":"b","qty":-1e400}]}',
    errors: [
      { property: 'items.0.qty', constraints: { isInt: 'qty must be an integer number' }, value: null },
      { property: 'items.1.qty', constraints: { isInt: 'qty must be an integer number' }, value: null },
    ],
  },
  {
    name: '1e400 (JSON.parse gives Infinity) for an @IsInt() and an @IsNumber() field',
    url: '/count',
    body: '{"qty":1e400,"price":-1e400}',
    errors: [
      { property: 'qty', constraints: { isInt: 'qty must be an integer number' }, value: null },
      {
        property: 'price',
        constraints: { isNumber: 'price must be a number conforming to the specified constraints' },
        value: null,
      },
    ],
  },
  {
    name: 'an array one level further down',
    url: '/batch',
    body: '{"items":[{"name":"a","qty":1,"tags":[{"label":"x"},[]]}]}',
    errors: [
      {
        property: 'items.0.tags.1',
        constraints: {
          nestedValidation: 'each value in nested property tags must be an object, not an array',
        },
      },
    ],
  },
  {
    name: 'an array where one nested object is expected',
    url: '/one',
    body: '{"item":[{"name":"a","qty":1}]}',
    errors: [
      {
        property: 'item',
        constraints: { nestedValidation: 'nested property item must be an object, not an array' },
      },
    ],
  },
];

describe('validation: constraints that throw and nested values of the wrong shape', () => {
  const apps: Record<'compiled' | 'class-validator', HttpApplication> = {} as never;
  beforeAll(async () => {
    apps.compiled = await HttpApplication.create(InputModule, { logger: false });
    apps['class-validator'] = await HttpApplication.create(InputModule, {
      logger: false,
      compiledValidation: false,
    });
    await apps.compiled.init();
    await apps['class-validator'].init();
  });
  afterAll(async () => {
    await apps.compiled.close();
    await apps['class-validator'].close();
  });

  it('checks the batch and signup bodies with the compiled schema first in one app, not in the other', () => {
    const compiled = (app: HttpApplication) =>
      app.compiledRoutes
        .filter((r) => r.compiledBody)
        .map((r) => r.definition.path)
        .sort();
    expect(compiled(apps.compiled)).toEqual(expect.arrayContaining(['/batch', '/count', '/one', '/signup']));
    expect(compiled(apps['class-validator'])).toEqual([]);
  });

  it.each(cases)('answers $name with a 400 naming the field, byte-identical on both paths', async (c) => {
    const bodies: string[] = [];
    for (const app of [apps.compiled, apps['class-validator']]) {
      const res = await app.inject({
        method: 'POST',
        url: c.url,
        headers: { 'content-type': 'application/json' },
        payload: c.body,
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toBe(PROBLEM);
      expect(res.json()).toEqual(problem(c.url, c.errors));
      expect(res.body).not.toContain('internal detail');
      bodies.push(res.body);
    }
    expect(bodies[0]).toBe(bodies[1]);
  });

  it('still accepts the valid inputs next to them', async () => {
    for (const app of [apps.compiled, apps['class-validator']]) {
      const post = (url: string, payload: unknown) =>
        app.inject({ method: 'POST', url, payload: payload as object });
      expect((await post('/signup', { email: 'ada@example.test' })).json()).toEqual({
        email: 'ada@example.test',
      });
      expect((await post('/profile', { nickname: 'ok' })).json()).toEqual({ nickname: 'ok' });
      expect((await post('/async', { code: 'fine' })).json()).toEqual({ code: 'fine' });
      expect(
        (
          await post('/batch', {
            items: [
              { name: 'a', qty: 1, tags: [{ label: 'x' }] },
              { name: 'b', qty: 2 },
            ],
          })
        ).json(),
      ).toEqual({
        names: ['a', 'b'],
      });
      expect((await post('/batch', { items: [] })).json()).toEqual({ names: [] });
      expect((await post('/one', { item: { name: 'a', qty: 1 } })).json()).toEqual({ name: 'a' });
      expect((await post('/count', { qty: 3, price: 2.5 })).json()).toEqual({ qty: '3', price: '2.5' });
    }
  });
});
