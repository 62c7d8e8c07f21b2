import 'reflect-metadata';
import { Module } from '@tenon/core';
import { Controller, Get, HttpApplication } from '@tenon/http';
import { randomRequestId } from '../../src/application/request-id';

// Version 4, variant 10xx: what crypto.randomUUID() gives, and what log tooling may expect.
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

@Controller()
class IdController {
  @Get('id') id() {
    return 'ok';
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
