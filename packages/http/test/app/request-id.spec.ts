import 'reflect-metadata';
import { Module } from '@tenon/core';
import {
  BadRequestException,
  Controller,
  Get,
  HttpApplication,
  Req,
  type HttpApplicationOptions,
} from '@tenon/http';
import type { FastifyRequest } from 'fastify';
import { randomRequestId } from '../../src/application/request-id';

// Version 4, variant 10xx: what crypto.randomUUID() gives, and what log tooling may expect.
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

@Controller()
class IdController {
  @Get('id') id() {
    return 'ok';
  }

  @Get('own') own(@Req() request: FastifyRequest) {
    return { id: request.id };
  }

  @Get('fail') fail(): never {
    throw new BadRequestException('no');
  }
}

@Module({ controllers: [IdController] })
class IdModule {}

describe('generated request ids', () => {
  it('are random version 4 UUIDs, none repeated across several refills of the random pool', () => {
    const ids = Array.from({ length: 5000 }, () => randomRequestId());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
    // Every hex digit outside the fixed version and variant bits varies.
    const positions = [...ids[0]!].map((_, i) => new Set(ids.map((id) => id[i])).size);
    const fixed = positions.flatMap((n, i) => (n === 1 ? [i] : []));
    expect(fixed).toEqual([8, 13, 14, 18, 23]);
  });

  it('are given to requests without a usable id, and echoed; a sane client id is kept', async () => {
    const app = await HttpApplication.create(IdModule, { logger: false });
    const first = await app.inject('/id');
    const second = await app.inject('/id');
    expect(first.headers['x-request-id']).toMatch(UUID_V4);
    expect(second.headers['x-request-id']).toMatch(UUID_V4);
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    const bad = await app.inject({ url: '/id', headers: { 'x-request-id': 'x'.repeat(129) } });
    expect(bad.headers['x-request-id']).toMatch(UUID_V4);
    const kept = await app.inject({ url: '/id', headers: { 'x-request-id': 'trace-7' } });
    expect(kept.headers['x-request-id']).toBe('trace-7');
    await app.close();
  });
});

describe('requestIdHeader', () => {
  it('names another header, read and echoed in its place', async () => {
    const app = await HttpApplication.create(IdModule, {
      logger: false,
      requestIdHeader: 'x-correlation-id',
    });
    const kept = await app.inject({ url: '/id', headers: { 'x-correlation-id': 'corr-1' } });
    expect(kept.headers['x-correlation-id']).toBe('corr-1');
    expect(kept.headers['x-request-id']).toBeUndefined();
    const made = await app.inject('/fail');
    expect(made.statusCode).toBe(400);
    expect(made.headers['x-correlation-id']).toMatch(UUID_V4);
    await app.close();
  });

  it('false reads and sends no id header on any answer; requests get sequential ids', async () => {
    const app = await HttpApplication.create(IdModule, { logger: false, requestIdHeader: false });
    app.fastify.get('/plugin', async () => 'plugin');
    const answers = await Promise.all([
      app.inject({ url: '/id', headers: { 'x-request-id': 'from-client' } }),
      app.inject('/fail'),
      app.inject('/missing'),
      app.inject('/plugin'),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 400, 404, 200]);
    for (const answer of answers) expect(answer.headers['x-request-id']).toBeUndefined();
    // The client's id is not taken either: the request has Fastify's own id.
    const first = (await app.inject({ url: '/own', headers: { 'x-request-id': 'from-client' } })).json<{
      id: string;
    }>();
    const second = (await app.inject('/own')).json<{ id: string }>();
    expect(first.id).toMatch(/^req-[0-9a-z]+$/);
    expect(second.id).toMatch(/^req-[0-9a-z]+$/);
    expect(second.id).not.toBe(first.id);
    await app.close();
  });

  it.each([
    ['', '""'],
    ['x request id', '"x request id"'],
    ['x-id\r\n', '"x-id\\r\\n"'],
    [true, 'true'],
    [42, '42'],
  ])('refuses %p at boot', async (value, shown) => {
    const error = (await HttpApplication.create(IdModule, {
      logger: false,
      requestIdHeader: value,
    } as unknown as HttpApplicationOptions).catch((e: unknown) => e)) as { code: string; message: string };
    expect(error.code).toBe('TENON_HTTP_INVALID_OPTIONS');
    expect(error.message).toBe(
      `The option requestIdHeader of HttpApplication.create() is ${shown}, not a header name. ` +
        "Fix: give a header name such as 'x-request-id', or false to read and send none.",
    );
  });
});
