import 'reflect-metadata';
import { Module } from '@tenon/core';
import {
  Catch,
  Controller,
  Get,
  HttpApplication,
  HttpException,
  Param,
  ParseArrayPipe,
  ParseBoolPipe,
  ParseEnumPipe,
  ParseFloatPipe,
  ParseIntPipe,
  ParseUUIDPipe,
  Query,
  UseFilters,
  type ArgumentsHost,
  type ExceptionFilter,
  type HttpReply,
} from '@tenon/http';

enum Color {
  Red = 'red',
}

/** Reads the exception as NestJS filters do: its message and getResponse(). */
@Catch(HttpException)
class EchoFilter implements ExceptionFilter<HttpException> {
  catch(exception: HttpException, host: ArgumentsHost): void {
    void host
      .switchToHttp()
      .getResponse<HttpReply>()
      .status(exception.getStatus())
      .send({ message: exception.message, response: exception.getResponse() });
  }
}

@Controller('p')
class PipesController {
  @Get('int/:v') int(@Param('v', ParseIntPipe) v: number) {
    return v;
  }
  @Get('float/:v') float(@Param('v', ParseFloatPipe) v: number) {
    return v;
  }
  @Get('bool/:v') bool(@Param('v', ParseBoolPipe) v: boolean) {
    return v;
  }
  @Get('uuid/:v') uuid(@Param('v', ParseUUIDPipe) v: string) {
    return v;
  }
  @Get('uuid4/:v') uuid4(@Param('v', new ParseUUIDPipe({ version: '4' })) v: string) {
    return v;
  }
  @Get('enum/:v') color(@Param('v', new ParseEnumPipe(Color)) v: Color) {
    return v;
  }
  @Get('array') array(@Query('v', new ParseArrayPipe()) v: string[]) {
    return v;
  }
  @Get('teapot/:v') teapot(@Param('v', new ParseIntPipe({ errorHttpStatusCode: 418 })) v: number) {
    return v;
  }
  @Get('filtered/:v') @UseFilters(EchoFilter) filtered(@Param('v', new ParseIntPipe()) v: number) {
    return v;
  }
}

@Module({ controllers: [PipesController] })
class AppModule {}

describe("parse pipes with errorFormat: 'nest'", () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(AppModule, { logger: false, errorFormat: 'nest' });
  });
  afterAll(() => app.close());

  it.each([
    ['/p/int/abc', 'Validation failed (numeric string is expected)'],
    ['/p/float/abc', 'Validation failed (numeric string is expected)'],
    ['/p/bool/maybe', 'Validation failed (boolean string is expected)'],
    ['/p/uuid/abc', 'Validation failed (uuid is expected)'],
    ['/p/uuid4/abc', 'Validation failed (uuid v 4 is expected)'],
    ['/p/enum/blue', 'Validation failed (enum string is expected)'],
    ['/p/array?v[a]=1', 'Validation failed (parsable array expected)'],
  ])('%s answers NestJS\'s "%s" body', async (url, message) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ statusCode: 400, message, error: 'Bad Request' });
  });

  it('keeps errorHttpStatusCode, with that status in the body', async () => {
    const res = await app.inject('/p/teapot/abc');
    expect(res.statusCode).toBe(418);
    expect(res.json()).toEqual({
      statusCode: 418,
      message: 'Validation failed (numeric string is expected)',
      error: "I'm a Teapot",
    });
  });

  it("gives filters NestJS's message and getResponse()", async () => {
    const res = await app.inject('/p/filtered/abc');
    expect(res.json()).toEqual({
      message: 'Validation failed (numeric string is expected)',
      response: {
        statusCode: 400,
        message: 'Validation failed (numeric string is expected)',
        error: 'Bad Request',
      },
    });
  });

  it('words a pipe called by hand as NestJS when its metadata says so, else as Tenon', () => {
    const pipe = new ParseIntPipe();
    expect(() => pipe.transform('x', { type: 'param', data: 'id', errorFormat: 'nest' })).toThrow(
      'Validation failed (numeric string is expected)',
    );
    expect(() => pipe.transform('x', { type: 'param', data: 'id' })).toThrow(
      'The route parameter "id" must be an integer.',
    );
  });
});

describe('parse pipes with problem+json (the default)', () => {
  it('name the argument and list the field error, as before', async () => {
    const app = await HttpApplication.create(AppModule, { logger: false });
    const res = await app.inject('/p/int/abc');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      detail: 'The route parameter "v" must be an integer.',
      code: 'TENON_HTTP_VALIDATION_FAILED',
      errors: [{ property: 'v', constraints: { isInt: 'v must be an integer' } }],
    });
    await app.close();
  });
});
