import 'reflect-metadata';
import type { HttpApplication } from '@tenon/http';
import { UserRepository } from '../../src/users/user.repository';
import { ConduitClient, createTestApp, errors, type TestUser } from '../e2e/conduit-client';

// Issue 15, item 10: the user of a token is looked up once per request; a token whose account
// was deleted is a 401 everywhere (it used to write 409s and read 200s).
jest.setTimeout(60_000);

describe('a valid token of a deleted account', () => {
  let app: HttpApplication;
  let api: ConduitClient;
  let ghost: TestUser;
  let author: TestUser;
  let slug: string;

  beforeAll(async () => {
    app = await createTestApp();
    api = new ConduitClient(app);
    [ghost, author] = await Promise.all([api.register('ghost'), api.register('author')]);
    slug = (await api.createArticle(author)).slug as string;
    const users = app.get(UserRepository);
    const account = await users.findOneByUsername(ghost.username);
    expect(await users.deleteById(account!.id)).toBe(true);
  });
  afterAll(() => app.close());

  const gone = errors(
    'The token names a user that does not exist or whose credentials changed. Log in again to get a new token.',
  );

  // Every row has three cells: with fewer, jest would pass its `done` callback as `body`.
  it.each([
    ['GET', '/user', undefined],
    ['PUT', '/user', { user: { bio: 'still here?' } }],
    ['GET', '/articles/feed', undefined],
    ['POST', '/articles', { article: { title: 'Ghost writer', description: 'd', body: 'b', tagList: [] } }],
    ['POST', '/articles/:slug/comments', { comment: { body: 'boo' } }],
    ['POST', '/articles/:slug/favorite', undefined],
    ['POST', '/profiles/:author/follow', undefined],
    // Routes open to anonymous readers still refuse the token: the client must log in again.
    ['GET', '/articles', undefined],
    ['GET', '/articles/:slug', undefined],
    ['GET', '/profiles/:author', undefined],
  ] as [string, string, unknown][])('%s %s is 401', async (method, path, body) => {
    const url = path.replace(':slug', slug).replace(':author', author.username);
    const res = await api.call(method, url, { token: ghost.token, ...(body ? { body } : {}) });
    expect([res.status, res.body]).toEqual([401, gone]);
  });

  it('leaves the anonymous reads open', async () => {
    expect((await api.call('GET', `/articles/${slug}`)).status).toBe(200);
  });
});
