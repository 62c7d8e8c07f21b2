import 'reflect-metadata';
import type { HttpApplication } from '@tenon/http';
import { ConduitClient, createTestApp, type TestUser } from '../e2e/conduit-client';

// Issue 15, item 13: the comments of an article come in pages (limit/offset, newest first).
jest.setTimeout(60_000);

describe('GET /articles/:slug/comments pages', () => {
  let app: HttpApplication;
  let api: ConduitClient;
  let author: TestUser;
  let slug: string;
  const bodies: string[] = [];

  beforeAll(async () => {
    app = await createTestApp();
    api = new ConduitClient(app);
    author = await api.register('commenter');
    slug = (await api.createArticle(author)).slug as string;
    for (let i = 0; i < 25; i++) {
      const res = await api.call('POST', `/articles/${slug}/comments`, {
        token: author.token,
        body: { comment: { body: `comment ${i}` } },
      });
      expect(res.status).toBe(200);
      bodies.unshift(`comment ${i}`); // newest first
    }
  });
  afterAll(() => app.close());

  const page = async (query = ''): Promise<string[]> => {
    const res = await api.call('GET', `/articles/${slug}/comments${query}`);
    expect(res.status).toBe(200);
    return (res.body.comments as { body: string }[]).map((c) => c.body);
  };

  it('gives the 20 newest by default', async () => {
    expect(await page()).toEqual(bodies.slice(0, 20));
  });

  it('follows limit and offset', async () => {
    expect(await page('?limit=5')).toEqual(bodies.slice(0, 5));
    expect(await page('?limit=10&offset=20')).toEqual(bodies.slice(20, 25));
    expect(await page('?offset=24')).toEqual(bodies.slice(24));
    expect(await page('?offset=30')).toEqual([]);
    expect(await page('?limit=100')).toEqual(bodies);
  });

  it.each(['limit=0', 'limit=101', 'limit=-1', 'limit=abc', 'limit=1.5', 'offset=-1', 'offset=x', 'page=2'])(
    'answers 422 for %s',
    async (query) => {
      const res = await api.call('GET', `/articles/${slug}/comments?${query}`);
      expect(res.status).toBe(422);
      expect(res.body.errors.body.length).toBeGreaterThan(0);
    },
  );
});
