import 'reflect-metadata';
import { Module } from '@tenon/core';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { Body, Controller, Get, HttpApplication, Post, Query, UsePipes, ValidationPipe } from '@tenon/http';

class InnerDto {
  @IsString() name!: string;
}

class NoteDto {
  @IsString() title!: string;
  @IsOptional() @ValidateNested() @Type(() => InnerDto) inner?: InnerDto;
}

class PageQuery {
  @IsOptional() @IsInt() @Min(0) @Max(100) limit?: number;
  @IsOptional() @Type(() => Number) @IsNumber() ratio?: number;
  @IsOptional() @IsString() tag?: string;
}

const strict = new ValidationPipe({ forbidNonWhitelisted: true });

@Controller('notes')
class NotesController {
  @Post() @UsePipes(strict) create(@Body() dto: NoteDto) {
    return dto;
  }
  @Post('class-validator')
  @UsePipes(new ValidationPipe({ forbidNonWhitelisted: true, compiledSchema: false }))
  viaClassValidator(@Body() dto: NoteDto) {
    return dto;
  }
  @Post('lenient') lenient(@Body() dto: NoteDto) {
    return dto;
  }
  @Get() @UsePipes(strict) list(@Query() query: PageQuery) {
    return query;
  }
  @Get('lenient') listLenient(@Query() query: PageQuery) {
    return query;
  }
}

@Module({ controllers: [NotesController] })
class NotesModule {}

// Names every plain object inherits: class-transformer skips a key the instance already has as
// a method, so before the fix these never reached class-validator's whitelist.
const INHERITED = [
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__lookupSetter__',
];

const json = { 'content-type': 'application/json' };

describe('unknown keys named like Object.prototype members, and numbers in query strings', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(NotesModule, { logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it('checks POST /notes on the compiled path and /notes/class-validator with class-validator alone', () => {
    const compiled = (url: string) => app.compiledRoutes.find((r) => r.options.url === url)!.compiledBody;
    expect([compiled('/notes'), compiled('/notes/class-validator')]).toEqual([true, false]);
  });

  describe.each(['/notes', '/notes/class-validator'])('body under forbidNonWhitelisted, %s', (url) => {
    it.each(INHERITED)('refuses %s with a 400 naming it, at the top and nested', async (key) => {
      const top = await app.inject({
        method: 'POST',
        url,
        headers: json,
        payload: `{"title":"t","${key}":"x"}`,
      });
      expect(top.statusCode).toBe(400);
      expect(top.json()).toMatchObject({
        code: 'TENON_HTTP_VALIDATION_FAILED',
        detail: 'The request body has 1 invalid field: see errors.',
        errors: [{ property: key, constraints: { whitelistValidation: `property ${key} should not exist` } }],
      });
      const nested = await app.inject({
        method: 'POST',
        url,
        headers: json,
        payload: `{"title":"t","inner":{"name":"n","${key}":1}}`,
      });
      expect(nested.statusCode).toBe(400);
      expect(nested.json().errors).toEqual([
        {
          property: `inner.${key}`,
          constraints: { whitelistValidation: `property ${key} should not exist` },
          value: 1,
        },
      ]);
    });

    it('refuses constructor and __proto__ before validation, naming the key', async () => {
      for (const key of ['constructor', '__proto__']) {
        const res = await app.inject({
          method: 'POST',
          url,
          headers: json,
          payload: `{"title":"t","${key}":{}}`,
        });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: 'TENON_HTTP_FORBIDDEN_JSON_KEY' });
        expect(res.json().detail).toContain(`"${key}"`);
      }
    });
  });

  it('gives the same answer on both paths', async () => {
    const payload = '{"title":"t","valueOf":"x","inner":{"name":"n","toString":"y"}}';
    const a = await app.inject({ method: 'POST', url: '/notes', headers: json, payload });
    const b = await app.inject({ method: 'POST', url: '/notes/class-validator', headers: json, payload });
    expect(a.json().errors).toEqual(b.json().errors);
    expect(a.json().errors.map((e: { property: string }) => e.property)).toEqual([
      'valueOf',
      'inner.toString',
    ]);
  });

  it('strips them, like any unknown key, when unknown keys are only stripped', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/notes/lenient',
      headers: json,
      payload: '{"title":"t","toString":"x","hasOwnProperty":1}',
    });
    expect([res.statusCode, res.json()]).toEqual([201, { title: 't' }]);
  });

  it.each([...INHERITED, 'constructor', '__proto__'])('refuses ?%s=x in a strict query', async (key) => {
    const res = await app.inject(`/notes?${key}=x`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'TENON_HTTP_VALIDATION_FAILED',
      detail: 'The query string has 1 invalid field: see errors.',
      errors: [{ property: key, constraints: { whitelistValidation: `property ${key} should not exist` } }],
    });
  });

  describe.each(['/notes', '/notes/lenient'])('numbers in the query string, %s', (url) => {
    it.each(['0x10', '1e1', '%2016', '16%20', '16abc', '%2B16', '0b1', '0o7', '', 'Infinity', '.5'])(
      'does not read limit=%s as a number',
      async (value) => {
        const res = await app.inject(`${url}?limit=${value}`);
        expect(res.statusCode).toBe(400);
        expect(res.json().errors[0]).toMatchObject({
          property: 'limit',
          constraints: { isInt: 'limit must be an integer number' },
          value: decodeURIComponent(value),
        });
      },
    );

    it('reads decimal numbers', async () => {
      expect((await app.inject(`${url}?limit=16&ratio=-0.25`)).json()).toEqual({ limit: 16, ratio: -0.25 });
      expect((await app.inject(`${url}?limit=016`)).json()).toEqual({ limit: 16 });
    });

    it('does not read ratio=0x10 through @Type(() => Number) either', async () => {
      const res = await app.inject(`${url}?ratio=0x10`);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ property: 'ratio', value: '0x10' });
    });
  });
});
