import type { HttpApplication, HttpApplicationOptions } from '@tenon/http';
import { Test } from '@tenon/testing';
import { AppModule } from '../../src/app.module';
import { AppConfig } from '../../src/config/app.config';
import { conduitHttpOptions, configureConduitApp } from '../../src/create-app';

/** The secret the e2e apps sign tokens with. */
export const TEST_JWT_SECRET = 'an-e2e-test-secret-of-at-least-32-chars';

/**
 * Boots the whole Conduit app as `main.ts` does, on a fresh in-memory database (or on
 * `REALWORLD_TEST_DATABASE_URL`), with no socket.
 */
export async function createTestApp(
  settings: { config?: Partial<AppConfig>; http?: HttpApplicationOptions } = {},
): Promise<HttpApplication> {
  const config = Object.assign(new AppConfig(), {
    nodeEnv: 'test',
    databaseUrl: process.env.REALWORLD_TEST_DATABASE_URL ?? 'pglite://memory',
    jwtSecret: TEST_JWT_SECRET,
    ...settings.config,
  });
  const app = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .createHttpApplication(
      conduitHttpOptions({
        logger: false,
        // The suites register many users from one address; rate-limit.e2e.spec.ts tests the limit.
        rateLimit: { global: false, max: 10_000, timeWindow: '1 minute' },
        ...settings.http,
      }),
    );
  return configureConduitApp(app);
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, with `Content-Type: application/json`. */
  raw?: string;
  headers?: Record<string, string>;
}

/** A registered user and their token. */
export interface TestUser {
  username: string;
  email: string;
  password: string;
  token: string;
}

let counter = 0;

/** Calls the API through `app.inject()` and parses the JSON answer. */
export class ConduitClient {
  constructor(private readonly app: HttpApplication) {}

  async call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Token ${options.token}`;
    let payload: string | undefined;
    if (options.raw !== undefined) payload = options.raw;
    else if (options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const res = await this.app.inject({
      method: method as 'GET',
      url: `/api${path}`,
      headers,
      ...(payload !== undefined ? { payload } : {}),
    });
    const body = res.body === '' ? undefined : (JSON.parse(res.body) as T);
    return { status: res.statusCode, body: body as T, headers: res.headers };
  }

  async register(prefix = 'user'): Promise<TestUser> {
    const id = `${prefix}${process.pid}${++counter}${Math.random().toString(36).slice(2, 6)}`;
    const user = { username: id, email: `${id}@example.com`, password: 'password123' };
    const res = await this.call('POST', '/users', { body: { user } });
    if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...user, token: res.body.user.token as string };
  }

  async createArticle(author: TestUser, article: Record<string, unknown> = {}): Promise<any> {
    const res = await this.call('POST', '/articles', {
      token: author.token,
      body: {
        article: { title: 'A title', description: 'A description', body: 'A body', tagList: [], ...article },
      },
    });
    if (res.status !== 201)
      throw new Error(`create article failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.article;
  }
}

/** The spec's error body. */
export function errors(...messages: string[]): { errors: { body: string[] } } {
  return { errors: { body: messages } };
}
