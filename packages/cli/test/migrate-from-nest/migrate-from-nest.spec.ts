import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CliErrorCode, migrateFromNest, formatMigrationReport } from '../../src/index';
import { run } from '../run';

/** A folder holding the given files (paths relative to it). */
function app(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tenon-migrate-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const read = (dir: string, file: string): string => readFileSync(path.join(dir, file), 'utf8');

describe('migrateFromNest', () => {
  it('moves @nestjs/common names to @tenon/core and @tenon/http by name', async () => {
    const dir = app({
      'src/cats.controller.ts': [
        "import { Controller, Get, Injectable, NotFoundException, Param, ParseIntPipe } from '@nestjs/common';",
        '',
        '@Injectable()',
        'export class CatsService {}',
        '',
        "@Controller('cats')",
        'export class CatsController {',
        "  @Get(':id') find(@Param('id', ParseIntPipe) id: number) { throw new NotFoundException(`${id}`); }",
        '}',
        '',
      ].join('\n'),
    });
    const report = await migrateFromNest({ dir });
    expect(read(dir, 'src/cats.controller.ts').split('\n').slice(0, 3)).toEqual([
      "import { Controller, Get, NotFoundException, Param, ParseIntPipe } from '@tenon/http';",
      "import { Injectable } from '@tenon/core';",
      '',
    ]);
    expect(report.files.map((f) => f.path)).toEqual(['src/cats.controller.ts']);
    expect(report.packages).toEqual(['@tenon/core', '@tenon/http']);
    expect(report.todos).toBe(0);
  });

  it('renames the names Tenon spells differently at every use, and keeps an alias', async () => {
    const dir = app({
      'a.ts': [
        "import { NestInterceptor, Request, INestApplication as App } from '@nestjs/common';",
        'export class I implements NestInterceptor { m(@Request() r: unknown, a: App) { return [r, a]; } }',
        'const o = { Request: 1 };',
        'export const p = o.Request;',
        '',
      ].join('\n'),
    });
    const report = await migrateFromNest({ dir });
    expect(read(dir, 'a.ts')).toBe(
      [
        "import { TenonInterceptor, Req, HttpApplication as App } from '@tenon/http';",
        '',
        'export class I implements TenonInterceptor { m(@Req() r: unknown, a: App) { return [r, a]; } }',
        'const o = { Request: 1 };',
        'export const p = o.Request;',
        '',
      ].join('\n'),
    );
    expect(report.files[0]!.changes).toEqual(
      expect.arrayContaining(['NestInterceptor -> TenonInterceptor', 'Request -> Req']),
    );
  });

  it('rewrites NestFactory.create with the Fastify adapter and app.listen(port, host)', async () => {
    const dir = app({
      'src/main.ts': [
        "import { NestFactory } from '@nestjs/core';",
        "import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';",
        "import { AppModule } from './app.module';",
        '',
        'async function bootstrap() {',
        '  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter());',
        "  app.setGlobalPrefix('api');",
        "  await app.listen(process.env.PORT ?? 3000, '0.0.0.0');",
        '}',
        'void bootstrap();',
        '',
      ].join('\n'),
    });
    const report = await migrateFromNest({ dir });
    expect(read(dir, 'src/main.ts')).toBe(
      [
        "import 'reflect-metadata';",
        "import { HttpApplication } from '@tenon/http';",
        "import { AppModule } from './app.module';",
        '',
        'async function bootstrap() {',
        "  // TODO(tenon): errorFormat: 'nest' keeps NestJS's error body ({ statusCode, message, error }) for existing clients; remove it to answer application/problem+json (RFC 9457), Tenon's default.",
        "  const app = await HttpApplication.create(AppModule, { errorFormat: 'nest' });",
        "  // TODO(tenon): pass globalPrefix: '...' to HttpApplication.create() instead of setGlobalPrefix().",
        "  app.setGlobalPrefix('api');",
        "  await app.listen({ port: Number(process.env.PORT ?? 3000), host: '0.0.0.0' });",
        '}',
        'void bootstrap();',
        '',
      ].join('\n'),
    );
    expect(report.todos).toBe(2);
    expect(report.files[0]!.changes).toContain(
      "import 'reflect-metadata' added first (an entry file: Tenon does not import it for the app)",
    );
  });

  it('rewrites the testing module: createNestApplication(adapter) is awaited createHttpApplication(), getInstance() is app.fastify', async () => {
    const dir = app({
      'test/app.e2e-spec.ts': [
        "import { Test } from '@nestjs/testing';",
        "import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';",
        "import { AppModule } from '../src/app.module';",
        '',
        'let app: NestFastifyApplication;',
        'beforeAll(async () => {',
        '  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();',
        '  app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());',
        '  await app.init();',
        '  await app.getHttpAdapter().getInstance().ready();',
        '});',
        '',
      ].join('\n'),
    });
    await migrateFromNest({ dir });
    expect(read(dir, 'test/app.e2e-spec.ts')).toBe(
      [
        "import 'reflect-metadata';",
        "import { Test } from '@tenon/testing';",
        "import { HttpApplication } from '@tenon/http';",
        "import { AppModule } from '../src/app.module';",
        '',
        'let app: HttpApplication;',
        'beforeAll(async () => {',
        '  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();',
        "  app = await moduleRef.createHttpApplication({ errorFormat: 'nest' });",
        '  await app.init();',
        '  await app.fastify.ready();',
        '});',
        '',
      ].join('\n'),
    );
  });

  it('answers problem+json instead with nestErrors: false (--problem-details)', async () => {
    const dir = app({
      'main.ts': [
        "import { NestFactory } from '@nestjs/core';",
        "import { Test } from '@nestjs/testing';",
        'export const a = async (M: object) => [await NestFactory.create(M), await (await Test.createTestingModule({ imports: [M] }).compile()).createNestApplication()];',
        '',
      ].join('\n'),
    });
    await migrateFromNest({ dir, nestErrors: false });
    expect(read(dir, 'main.ts')).toContain(
      '[await HttpApplication.create(M), await (await Test.createTestingModule({ imports: [M] }).compile()).createHttpApplication()]',
    );
    const dir2 = app({ 'main.ts': read(dir, 'main.ts') });
    expect((await run(['migrate-from-nest', '--problem-details', dir2])).code).toBe(0);
  });

  it('rewrites @nestjs/jwt to @tenon/security', async () => {
    const dir = app({
      'auth.module.ts': [
        "import { Module } from '@nestjs/common';",
        "import { JwtModule, JwtService } from '@nestjs/jwt';",
        '',
        "@Module({ imports: [JwtModule.register({ global: true, secret: 's', signOptions: { expiresIn: '60s' } })] })",
        'export class AuthModule {}',
        'export async function roundTrip(jwt: JwtService) {',
        '  return jwt.verifyAsync<{ sub: string }>(await jwt.signAsync({ sub: "1" }), { secret: "s" });',
        '}',
        '',
      ].join('\n'),
    });
    await migrateFromNest({ dir });
    expect(read(dir, 'auth.module.ts')).toBe(
      [
        // the call rewrite asked for SecurityModule first
        "import { SecurityModule, JwtService } from '@tenon/security';",
        "import { Module } from '@tenon/core';",
        '',
        "// TODO(tenon): globalGuards: false keeps JwtModule's behaviour (no guard of its own): your guards decide. Drop it, your JWT guard and your @Public() to let SecurityModule authenticate every route (deny unless @Public() of @tenon/security).",
        "@Module({ imports: [SecurityModule.forRoot({ jwt: { secret: 's', algorithms: ['HS256'], expiresIn: '60s' }, globalGuards: false })] })",
        'export class AuthModule {}',
        'export async function roundTrip(jwt: JwtService) {',
        '  return (jwt.verify(await jwt.sign({ sub: "1" })) as Promise<{ sub: string }>);',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('leaves a TODO where a human decides: names without a Tenon spelling, express types, packages not yet in Tenon', async () => {
    const dir = app({
      'f.ts': [
        "import { Catch, StreamableFile } from '@nestjs/common';",
        "import type { NextFunction } from 'express';",
        "import { ClientProxy } from '@nestjs/microservices';",
        '@Catch() export class F { s?: StreamableFile; r?: NextFunction; c?: ClientProxy }',
        '',
      ].join('\n'),
    });
    const report = await migrateFromNest({ dir });
    expect(read(dir, 'f.ts')).toBe(
      [
        "import { Catch } from '@tenon/http';",
        '// TODO(tenon): return a Node stream or Buffer from the handler and set the content type with @Header().',
        "import { StreamableFile } from '@nestjs/common';",
        '// TODO(tenon): Tenon serves on Fastify: type requests and replies as HttpRequest/HttpReply from @tenon/http; reply.send(body) replaces res.json(body).',
        "import type { NextFunction } from 'express';",
        '// TODO(tenon): @nestjs/microservices has no Tenon counterpart yet: use @tenon/messaging (MessagingModule, @MessagePattern, @EventPattern, MessagingClient) when it is released.',
        "import { ClientProxy } from '@nestjs/microservices';",
        '@Catch() export class F { s?: StreamableFile; r?: NextFunction; c?: ClientProxy }',
        '',
      ].join('\n'),
    );
    expect(report.todos).toBe(3);
  });

  it("turns Express's Request and Response into Fastify's, and res.json()/res.setHeader() into reply.send()/reply.header()", async () => {
    const dir = app({
      'filter.ts': [
        "import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';",
        "import type { Request, Response, NextFunction } from 'express';",
        '@Catch(HttpException) export class F implements ExceptionFilter {',
        '  catch(e: HttpException, host: ArgumentsHost) {',
        '    const response = host.switchToHttp().getResponse<Response>();',
        '    const request = host.switchToHttp().getRequest<Request>();',
        '    response.status(e.getStatus()).json({ path: request.url });',
        '  }',
        '}',
        'export function mw(req: Request, res: Response, next: NextFunction) { res.setHeader("x", req.url); next(); }',
        'export const other = { json: (x: unknown) => x }; other.json(1);',
        '',
      ].join('\n'),
    });
    await migrateFromNest({ dir });
    expect(read(dir, 'filter.ts')).toBe(
      [
        "// TODO(tenon): Tenon serves on Fastify: Request and Response are now HttpRequest and HttpReply of @tenon/http (Fastify's request and reply), and res.json()/res.setHeader() became reply.send()/reply.header(); check any other Express call (res.locals, res.sendStatus(), req.get()).",
        "import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpRequest as Request, HttpReply as Response } from '@tenon/http';",
        '// TODO(tenon): Tenon serves on Fastify: type requests and replies as HttpRequest/HttpReply from @tenon/http; reply.send(body) replaces res.json(body).',
        "import type { NextFunction } from 'express';",
        '@Catch(HttpException) export class F implements ExceptionFilter {',
        '  catch(e: HttpException, host: ArgumentsHost) {',
        '    const response = host.switchToHttp().getResponse<Response>();',
        '    const request = host.switchToHttp().getRequest<Request>();',
        '    response.status(e.getStatus()).send({ path: request.url });',
        '  }',
        '}',
        'export function mw(req: Request, res: Response, next: NextFunction) { res.header("x", req.url); next(); }',
        'export const other = { json: (x: unknown) => x }; other.json(1);',
        '',
      ].join('\n'),
    );
  });

  it('is idempotent: a second run changes nothing and writes no TODO twice', async () => {
    const dir = app({
      'src/main.ts': [
        "import { NestFactory } from '@nestjs/core';",
        "import { Injectable, StreamableFile } from '@nestjs/common';",
        "import { AppModule } from './app.module';",
        '@Injectable() export class S { f?: StreamableFile }',
        'export async function main() { const app = await NestFactory.create(AppModule); await app.listen(3000); }',
        '',
      ].join('\n'),
    });
    await migrateFromNest({ dir });
    const once = read(dir, 'src/main.ts');
    const second = await migrateFromNest({ dir });
    expect(read(dir, 'src/main.ts')).toBe(once);
    expect(second.files).toEqual([]);
    expect(second.diff).toBe('');
    expect(formatMigrationReport(second, false)).toEqual([
      'Nothing to migrate: no file imports @nestjs/* any more.',
      'The app imports @tenon/core, @tenon/http: add them to package.json.',
    ]);
  });

  it('--dry-run computes the diff and writes nothing', async () => {
    const source = "import { Injectable } from '@nestjs/common';\n@Injectable() export class S {}\n";
    const dir = app({ 's.ts': source });
    const report = await migrateFromNest({ dir, dryRun: true });
    expect(read(dir, 's.ts')).toBe(source);
    expect(report.diff).toContain(
      "-import { Injectable } from '@nestjs/common';\n+import { Injectable } from '@tenon/core';",
    );
    expect(report.diff).toContain('--- a/s.ts');
  });

  it('skips node_modules, dist and declaration files', async () => {
    const nest = "import { Injectable } from '@nestjs/common';\n@Injectable() export class S {}\n";
    const dir = app({ 'node_modules/x/a.ts': nest, 'dist/a.ts': nest, 'src/a.d.ts': nest, 'src/a.ts': nest });
    const report = await migrateFromNest({ dir });
    expect(report.files.map((f) => f.path)).toEqual(['src/a.ts']);
    expect(read(dir, 'dist/a.ts')).toBe(nest);
  });

  it('rejects a path that is not a folder with TENON_CLI_PATH_NOT_FOUND', async () => {
    const missing = path.join(tmpdir(), 'tenon-no-such-folder');
    await expect(migrateFromNest({ dir: missing })).rejects.toMatchObject({
      code: CliErrorCode.PATH_NOT_FOUND,
      message: `${missing} is not a folder: tenon migrate-from-nest rewrites the .ts files below the folder of a Nest app. Pass that folder (the one holding src/), or run the command from it without a path.`,
    });
  });
});

describe('tenon migrate-from-nest', () => {
  const nest = "import { Injectable } from '@nestjs/common';\n@Injectable() export class S {}\n";

  it('migrates the folder given and prints the summary', async () => {
    const dir = app({ 'src/s.ts': nest });
    const result = await run(['migrate-from-nest', dir]);
    expect(result).toEqual({
      code: 0,
      err: '',
      out: [
        'src/s.ts: 1 change(s), 0 TODO(s)',
        '  - imports from @nestjs/common moved to Tenon',
        'Changed 1 file(s); 0 TODO(tenon) comment(s) left for you to decide.',
        'The app imports @tenon/core: add them to package.json.',
      ].join('\n'),
    });
    expect(read(dir, 'src/s.ts')).toContain("from '@tenon/core'");
  });

  it('defaults to the current folder; --dry-run prints the diff and writes nothing', async () => {
    const dir = app({ 'src/s.ts': nest });
    const result = await run(['migrate-from-nest', '--dry-run'], dir);
    expect(result.code).toBe(0);
    expect(result.out).toContain("+import { Injectable } from '@tenon/core';");
    expect(result.out).toContain('Would change 1 file(s)');
    expect(read(dir, 'src/s.ts')).toBe(nest);
  });

  it('prints the coded error for a missing folder (exit 1)', async () => {
    const result = await run(['migrate-from-nest', 'no-such-folder'], tmpdir());
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^TENON_CLI_PATH_NOT_FOUND: .*no-such-folder is not a folder/);
  });
});
