import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { HttpApplication } from '@tenon/http';
import { MessagingClient } from '@tenon/messaging';
import { Test, waitForMessage } from '@tenon/testing';
import type { TestingModule } from '@tenon/testing';
import { AppModule } from '../../realworld/src/app.module';
import { AppConfig } from '../../realworld/src/config/app.config';
import { conduitHttpOptions, configureConduitApp } from '../../realworld/src/create-app';
import { NotificationRepository } from '../src/notifications/notification.repository';
import { WorkerConfig } from '../src/worker.config';
import { WorkerModule } from '../src/worker.module';

jest.setTimeout(60_000);

// A real broker when one is given (the same variables as the messaging suites), else one
// in-process broker the two applications share by name.
const brokerUrl =
  process.env.TENON_TEST_NATS_URL ??
  process.env.TENON_TEST_AMQP_URL ??
  process.env.TENON_TEST_REDIS_URL ??
  `memory://worker-e2e-${randomUUID()}`;

/**
 * The RealWorld API and the worker, as two applications with their own databases and their own
 * broker connections: an article created through the API reaches the worker through the
 * outbox and the broker, and becomes one notification row.
 */
describe(`ArticlePublished from the RealWorld API to the worker (${brokerUrl.split(':')[0]})`, () => {
  let api: HttpApplication;
  let worker: TestingModule;

  beforeAll(async () => {
    worker = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(WorkerConfig)
      .useValue(
        Object.assign(new WorkerConfig(), { databaseUrl: 'pglite://memory', messagingUrl: brokerUrl }),
      )
      .compile();
    const config = Object.assign(new AppConfig(), {
      nodeEnv: 'test',
      databaseUrl: 'pglite://memory',
      jwtSecret: 'an-e2e-test-secret-of-at-least-32-chars',
      messagingUrl: brokerUrl,
    });
    api = configureConduitApp(
      await Test.createTestingModule({ imports: [AppModule] })
        .overrideProvider(AppConfig)
        .useValue(config)
        .createHttpApplication(conduitHttpOptions({ logger: false })),
    );
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
  });

  async function register(): Promise<string> {
    const name = `writer${randomUUID().slice(0, 8)}`;
    const res = await api.inject({
      method: 'POST',
      url: '/api/users',
      payload: { user: { username: name, email: `${name}@example.com`, password: 'a-long-password-1' } },
    });
    expect(res.statusCode).toBe(201);
    return res.json().user.token as string;
  }

  it('turns a created article into one notification row in the worker database', async () => {
    const token = await register();
    const title = `Messaging across processes ${randomUUID().slice(0, 8)}`;
    const handled = waitForMessage(worker, 'articles.published', {
      timeout: 30_000,
      predicate: (o) => (o.payload as { title?: string }).title === title,
    });
    const created = await api.inject({
      method: 'POST',
      url: '/api/articles',
      headers: { authorization: `Token ${token}` },
      payload: { article: { title, description: 'd', body: 'b', tagList: ['tenon'] } },
    });
    expect(created.statusCode).toBe(201);
    const slug = created.json().article.slug as string;
    await handled;
    const rows = await worker.get(NotificationRepository).findBySlug(slug);
    expect(rows).toEqual([
      expect.objectContaining({ slug, title, authorUsername: expect.stringMatching(/^writer/) }),
    ]);
  });

  it('writes one row for a message delivered twice (the inbox)', async () => {
    const token = await register();
    const title = `Delivered twice ${randomUUID().slice(0, 8)}`;
    const first = waitForMessage(worker, 'articles.published', {
      timeout: 30_000,
      predicate: (o) => (o.payload as { title?: string }).title === title,
    });
    const created = await api.inject({
      method: 'POST',
      url: '/api/articles',
      headers: { authorization: `Token ${token}` },
      payload: { article: { title, description: 'd', body: 'b' } },
    });
    expect(created.statusCode).toBe(201);
    const { messageId, payload } = await first;
    // What a redelivery looks like: the same message id again.
    const duplicate = waitForMessage(worker, 'articles.published', {
      timeout: brokerUrl.startsWith('nats:') ? 3000 : 30_000,
      outcomes: ['skipped-duplicate', 'handled'],
      predicate: (o) => o.messageId === messageId,
    });
    await api.get(MessagingClient).emit('articles.published', payload, { messageId });
    if (brokerUrl.startsWith('nats:')) {
      // JetStream drops a publish whose message id it stored within two minutes: no delivery.
      await expect(duplicate).rejects.toMatchObject({ code: 'TENON_MESSAGING_WAIT_TIMEOUT' });
    } else {
      expect((await duplicate).outcome).toBe('skipped-duplicate');
    }
    const all = await worker.get(NotificationRepository).findAll();
    expect(all.filter((n) => n.title === title)).toHaveLength(1);
  });
});
