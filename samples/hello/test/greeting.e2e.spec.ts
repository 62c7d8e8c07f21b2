import 'reflect-metadata';
import type { HttpApplication } from '@tenon/http';
import { Test } from '@tenon/testing';
import { ClockService } from '../src/clock.service';
import { HelloConfig } from '../src/hello.config';
import { HelloModule } from '../src/hello.module';

describe('GET /hello (e2e, no socket)', () => {
  let app: HttpApplication;

  beforeAll(async () => {
    const config = Object.assign(new HelloConfig(), { greetingName: 'Tenon' });
    app = await Test.createTestingModule({ imports: [HelloModule] })
      .overrideProvider(ClockService)
      .useValue({ now: () => new Date(2026, 0, 1, 20) })
      .overrideProvider(HelloConfig)
      .useValue(config)
      .createHttpApplication({ logger: false, openapi: false });
  });

  afterAll(() => app.close());

  it('greets the name of the query string', async () => {
    const res = await app.inject({ method: 'GET', url: '/hello?name=Ada' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ message: 'Good evening, Ada!' });
  });

  it('greets the configured name when none is given', async () => {
    const res = await app.inject({ method: 'GET', url: '/hello' });
    expect(res.json()).toEqual({ message: 'Good evening, Tenon!' });
  });

  it('answers an invalid name with a 400 problem naming the field', async () => {
    const res = await app.inject({ method: 'GET', url: `/hello?name=${'x'.repeat(51)}` });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const problem = res.json() as {
      status: number;
      errors: { property: string; constraints: Record<string, string> }[];
    };
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([
      {
        property: 'name',
        constraints: { isLength: 'name must be shorter than or equal to 50 characters' },
        value: 'x'.repeat(51),
      },
    ]);
  });
});
