import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Module } from '@tenon/core';
import { execFileSync } from 'node:child_process';
import { IsEmail, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import {
  ApiExcludeEndpoint,
  ApiOperation,
  ApiResponse,
  ApiTags,
  Body,
  Controller,
  Delete,
  Get,
  HttpApplication,
  HttpCode,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Throws,
  UseGuards,
} from '@tenon/http';

class CreateUserDto {
  @IsString() @Length(1, 50) name!: string;
  @IsEmail() email!: string;
  @IsOptional() @IsInt() @Min(0) age?: number;
}

class UserView {
  @IsInt() id!: number;
  @IsString() name!: string;
}

class SearchDto {
  @IsOptional() @IsString() q?: string;
}

@Controller('users')
@ApiTags('users')
class UsersController {
  @Get()
  @ApiOperation({ summary: 'List users' })
  @ApiResponse({ status: 200, type: UserView, isArray: true })
  list(@Query() _search: SearchDto) {
    return [];
  }
  @Get(':id') @Throws(NotFoundException) find(@Param('id', ParseIntPipe) id: number) {
    return { id, name: 'x' };
  }
  @Post() @HttpCode(201) create(@Body() dto: CreateUserDto) {
    return dto;
  }
  @Delete(':id') @UseGuards({ canActivate: () => true }) remove(@Param('id') _id: string) {}
  @Get('internal/stats') @ApiExcludeEndpoint() stats() {
    return {};
  }
}

@Module({ controllers: [UsersController] })
class AppModule {}

const CHROMIUM = '/usr/bin/chromium';

// The validator ships as ES modules, which jest's loader cannot require: Node runs it in a
// child process instead, reading the document from stdin.
function validateOpenApi(doc: unknown): { valid: boolean; errors?: unknown } {
  const script =
    "import { Validator } from '@seriousme/openapi-schema-validator';" +
    "let s = ''; process.stdin.on('data', (c) => (s += c)).on('end', async () => {" +
    'const r = await new Validator().validate(JSON.parse(s));' +
    'process.stdout.write(JSON.stringify(r.valid ? { valid: true } : { valid: false, errors: r.errors })); });';
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    input: JSON.stringify(doc),
    cwd: __dirname,
  });
  return JSON.parse(out.toString()) as { valid: boolean; errors?: unknown };
}

describe('OpenAPI', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(AppModule, {
      logger: false,
      openapi: { title: 'Users API', version: '2.0.0' },
    });
  });
  afterAll(() => app.close());

  it('serves an OpenAPI 3.1 document that validates against the official schema', async () => {
    const res = await app.inject('/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toEqual({ title: 'Users API', version: '2.0.0' });
    expect(validateOpenApi(doc)).toEqual({ valid: true });
  });

  it('describes routes, parameters, DTOs and declared exceptions without extra decorators', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    expect(Object.keys(doc.paths).sort()).toEqual(['/users', '/users/{id}']);
    const list = doc.paths['/users'].get;
    expect(list.summary).toBe('List users');
    expect(list.tags).toEqual(['users']);
    expect(list.parameters).toEqual([expect.objectContaining({ in: 'query', name: 'q', required: false })]);
    expect(list.responses['200'].content['application/json'].schema).toEqual({
      type: 'array',
      items: expect.objectContaining({ type: 'object', title: 'UserView', required: ['id', 'name'] }),
    });
    const find = doc.paths['/users/{id}'].get;
    expect(find.parameters).toEqual([
      expect.objectContaining({ in: 'path', name: 'id', required: true, schema: { type: 'integer' } }),
    ]);
    expect(Object.keys(find.responses).sort()).toEqual(['200', '400', '404']);
    expect(find.responses['404'].content['application/problem+json'].schema.required).toEqual([
      'type',
      'title',
      'status',
    ]);
    const create = doc.paths['/users'].post;
    expect(Object.keys(create.responses).sort()).toEqual(['201', '400']);
    const body = create.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['name', 'email']);
    expect(body.properties.email).toEqual({ type: 'string', format: 'email' });
    expect(body.properties.name).toEqual(
      expect.objectContaining({ type: 'string', minLength: 1, maxLength: 50 }),
    );
    expect(Object.keys(doc.paths['/users/{id}'].delete.responses).sort()).toEqual(['200', '403']);
  });

  it('serves Swagger UI from the package, offline', async () => {
    const res = await app.inject('/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const js = await app.inject('/docs/static/swagger-ui-bundle.js');
    expect(js.statusCode).toBe(200);
  });

  it('redirects /docs/static/index.html to the UI once, with or without a query (no redirect loop)', async () => {
    for (const [url, target] of [
      ['/docs/static/index.html?x=1', '/docs/?x=1'],
      ['/docs/static/index.html?a=1&b=%2F', '/docs/?a=1&b=%2F'],
      ['/docs/static/index.html', '/docs/'],
    ] as const) {
      let res = await app.inject(url);
      const hops: string[] = [];
      while (res.statusCode >= 300 && res.statusCode < 400 && hops.length < 3) {
        hops.push(String(res.headers.location));
        res = await app.inject(String(res.headers.location));
      }
      expect(hops).toEqual([target]);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('swagger-ui-bundle.js');
    }
    expect((await app.inject({ method: 'HEAD', url: '/docs/static/index.html?x=1' })).headers.location).toBe(
      '/docs/?x=1',
    );
  });

  const browser = existsSync(CHROMIUM) ? it : it.skip;
  if (!existsSync(CHROMIUM)) {
    console.warn(
      `Skipping the Swagger UI browser test: ${CHROMIUM} is absent (install Debian's chromium package).`,
    );
  }
  browser(
    'lists every route in Swagger UI in headless Chromium',
    async () => {
      const { chromium } = await import('playwright-core');
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const instance = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      try {
        const page = await instance.newPage();
        const outside: string[] = [];
        page.on('request', (r) => {
          if (!r.url().startsWith(url) && !r.url().startsWith('data:')) outside.push(r.url());
        });
        // The security headers are on by default: the UI must work under its policy.
        const refused: string[] = [];
        page.on('console', (m) => {
          if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
        });
        const response = await page.goto(`${url}/docs/`);
        expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
        await page.waitForSelector('.opblock-summary-path', { timeout: 15_000 });
        const listed = await page.$$eval('.opblock', (blocks) =>
          blocks.map((b) => {
            const method = b.querySelector('.opblock-summary-method')?.textContent?.trim() ?? '';
            const path = b.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? '';
            return `${method} ${path}`;
          }),
        );
        expect(listed.sort()).toEqual(['DELETE /users/{id}', 'GET /users', 'GET /users/{id}', 'POST /users']);
        expect(outside).toEqual([]);
        expect(refused).toEqual([]);
      } finally {
        await instance.close();
      }
    },
    30_000,
  );
});
