import 'reflect-metadata';
import type { HttpApplication } from '@tenon/http';
import { ConduitClient, createTestApp, errors, type TestUser } from './conduit-client';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// Each file boots the app on its own embedded database and hashes passwords with argon2id.
jest.setTimeout(60_000);

describe('articles, favorites, comments, profiles and tags (e2e)', () => {
  let app: HttpApplication;
  let api: ConduitClient;
  let author: TestUser;
  let reader: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    api = new ConduitClient(app);
    [author, reader] = await Promise.all([api.register('author'), api.register('reader')]);
  });

  afterAll(() => app.close());

  describe('articles', () => {
    it('creates an article (201) with sorted, unique tags, and reads it by slug', async () => {
      const res = await api.call('POST', '/articles', {
        token: author.token,
        body: {
          article: {
            title: 'How to train your dragon',
            description: 'Ever wonder how?',
            body: 'Very carefully.',
            tagList: ['training', 'dragons', 'training'],
          },
        },
      });
      expect(res.status).toBe(201);
      const article = res.body.article;
      expect(article).toEqual({
        slug: expect.stringMatching(/^how-to-train-your-dragon-[a-z0-9]{6}$/),
        title: 'How to train your dragon',
        description: 'Ever wonder how?',
        body: 'Very carefully.',
        tagList: ['dragons', 'training'],
        createdAt: expect.stringMatching(ISO),
        updatedAt: expect.stringMatching(ISO),
        favorited: false,
        favoritesCount: 0,
        author: { username: author.username, bio: '', image: '', following: false },
      });
      const read = await api.call('GET', `/articles/${article.slug}`);
      expect(read.status).toBe(200);
      expect(read.body.article).toEqual(article);
    });

    it('answers an unknown slug with 404 in the spec shape', async () => {
      const res = await api.call('GET', '/articles/no-such-article');
      expect(res.status).toBe(404);
      expect(res.body).toEqual(errors('No article has the slug "no-such-article".'));
    });

    it('lets only the author update (403 for others); a new title gives a new slug', async () => {
      const article = await api.createArticle(author, { title: 'Original title' });
      const forbidden = await api.call('PUT', `/articles/${article.slug}`, {
        token: reader.token,
        body: { article: { body: 'hijacked' } },
      });
      expect(forbidden.status).toBe(403);
      expect(forbidden.body).toEqual(errors('Only the author of an article may update it.'));
      const updated = await api.call('PUT', `/articles/${article.slug}`, {
        token: author.token,
        body: { article: { title: 'New title', body: 'With two hands', tagList: ['b', 'a'] } },
      });
      expect(updated.status).toBe(200);
      expect(updated.body.article).toMatchObject({
        title: 'New title',
        body: 'With two hands',
        description: 'A description',
        tagList: ['a', 'b'],
      });
      expect(updated.body.article.slug).toMatch(/^new-title-/);
      expect((await api.call('GET', `/articles/${article.slug}`)).status).toBe(404);
      const missing = await api.call('PUT', '/articles/nope', {
        token: author.token,
        body: { article: { body: 'x' } },
      });
      expect(missing.status).toBe(404);
    });

    it('lets only the author delete (403 for others), with its comments and favorites', async () => {
      const article = await api.createArticle(author);
      await api.call('POST', `/articles/${article.slug}/comments`, {
        token: reader.token,
        body: { comment: { body: 'Nice' } },
      });
      await api.call('POST', `/articles/${article.slug}/favorite`, { token: reader.token });
      const forbidden = await api.call('DELETE', `/articles/${article.slug}`, { token: reader.token });
      expect(forbidden.status).toBe(403);
      expect(forbidden.body).toEqual(errors('Only the author of an article may delete it.'));
      const deleted = await api.call('DELETE', `/articles/${article.slug}`, { token: author.token });
      expect(deleted.status).toBe(204);
      expect(deleted.body).toBeUndefined();
      expect((await api.call('GET', `/articles/${article.slug}`)).status).toBe(404);
      expect((await api.call('GET', `/articles/${article.slug}/comments`)).status).toBe(404);
      expect((await api.call('DELETE', `/articles/${article.slug}`, { token: author.token })).status).toBe(
        404,
      );
    });

    it('needs a token to write: 401', async () => {
      expect(
        (
          await api.call('POST', '/articles', {
            body: { article: { title: 't', description: 'd', body: 'b' } },
          })
        ).status,
      ).toBe(401);
      expect((await api.call('DELETE', '/articles/x')).status).toBe(401);
      expect((await api.call('POST', '/articles/x/favorite')).status).toBe(401);
      expect((await api.call('GET', '/articles/feed')).status).toBe(401);
    });
  });

  describe('lists', () => {
    let lister: TestUser;
    const slugs: string[] = [];

    beforeAll(async () => {
      lister = await api.register('lister');
      // Created one after the other so that creation times are ordered.
      for (let i = 0; i < 5; i++)
        slugs.push(
          (await api.createArticle(lister, { title: `Listed ${i}`, tagList: [`listtag${process.pid}`] }))
            .slug,
        );
    });

    it('lists most recent first with articlesCount the total, and leaves out the body', async () => {
      const res = await api.call('GET', `/articles?author=${lister.username}`);
      expect(res.status).toBe(200);
      expect(res.body.articlesCount).toBe(5);
      expect(res.body.articles.map((a: { slug: string }) => a.slug)).toEqual([...slugs].reverse());
      expect(res.body.articles[0]).not.toHaveProperty('body');
    });

    it('pages with limit and offset', async () => {
      const res = await api.call('GET', `/articles?author=${lister.username}&limit=2&offset=1`);
      expect(res.body.articlesCount).toBe(5);
      expect(res.body.articles.map((a: { slug: string }) => a.slug)).toEqual([slugs[3], slugs[2]]);
      const past = await api.call('GET', `/articles?author=${lister.username}&offset=5`);
      expect(past.body).toEqual({ articles: [], articlesCount: 5 });
    });

    it('refuses out-of-bounds paging with 422', async () => {
      const cases: [string, string][] = [
        ['limit=0', 'limit must not be less than 1'],
        ['limit=101', 'limit must not be greater than 100'],
        ['limit=abc', 'limit must be an integer number'],
        ['limit=1.5', 'limit must be an integer number'],
        ['offset=-1', 'offset must not be less than 0'],
      ];
      for (const [query, message] of cases) {
        const res = await api.call('GET', `/articles?${query}`);
        expect([query, res.status, res.body.errors.body]).toEqual([
          query,
          422,
          expect.arrayContaining([message]),
        ]);
      }
      expect((await api.call('GET', '/articles/feed?limit=0', { token: lister.token })).status).toBe(422);
    });

    it('filters by tag, by author and by favoriting user; unknown names give empty lists', async () => {
      const byTag = await api.call('GET', `/articles?tag=listtag${process.pid}`);
      expect(byTag.body.articlesCount).toBe(5);
      await api.call('POST', `/articles/${slugs[1]}/favorite`, { token: reader.token });
      const favorited = await api.call('GET', `/articles?favorited=${reader.username}`, {
        token: reader.token,
      });
      expect(favorited.body.articles.map((a: { slug: string }) => a.slug)).toEqual([slugs[1]]);
      expect(favorited.body.articles[0]).toMatchObject({ favorited: true, favoritesCount: 1 });
      const both = await api.call('GET', `/articles?favorited=${reader.username}&author=${author.username}`);
      expect(both.body).toEqual({ articles: [], articlesCount: 0 });
      for (const query of ['author=nobody', 'favorited=nobody', 'tag=nothing-has-this']) {
        expect((await api.call('GET', `/articles?${query}`)).body).toEqual({
          articles: [],
          articlesCount: 0,
        });
      }
    });

    it('feeds the articles of followed authors only', async () => {
      const follower = await api.register('follower');
      const empty = await api.call('GET', '/articles/feed', { token: follower.token });
      expect(empty.body).toEqual({ articles: [], articlesCount: 0 });
      await api.call('POST', `/profiles/${lister.username}/follow`, { token: follower.token });
      const feed = await api.call('GET', '/articles/feed?limit=3', { token: follower.token });
      expect(feed.body.articlesCount).toBe(5);
      expect(feed.body.articles.map((a: { slug: string }) => a.slug)).toEqual([slugs[4], slugs[3], slugs[2]]);
      expect(feed.body.articles[0].author.following).toBe(true);
    });
  });

  describe('favorites', () => {
    it('counts 20 concurrent favorites of one article by 20 users as exactly 20', async () => {
      const article = await api.createArticle(author, { title: 'Popular' });
      const fans = await Promise.all(Array.from({ length: 20 }, (_, i) => api.register(`fan${i}_`)));
      const results = await Promise.all(
        fans.map((fan) => api.call('POST', `/articles/${article.slug}/favorite`, { token: fan.token })),
      );
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
      for (const r of results) expect(r.body.article.favorited).toBe(true);
      const read = await api.call('GET', `/articles/${article.slug}`);
      expect(read.body.article.favoritesCount).toBe(20);
    });

    it('is idempotent for one user, even concurrently, and unfavorites', async () => {
      const article = await api.createArticle(author, { title: 'Once' });
      const twice = await Promise.all(
        [1, 2, 3].map(() => api.call('POST', `/articles/${article.slug}/favorite`, { token: reader.token })),
      );
      expect(twice.map((r) => r.status)).toEqual([200, 200, 200]);
      expect((await api.call('GET', `/articles/${article.slug}`)).body.article.favoritesCount).toBe(1);
      const un = await api.call('DELETE', `/articles/${article.slug}/favorite`, { token: reader.token });
      expect(un.body.article).toMatchObject({ favorited: false, favoritesCount: 0 });
      expect((await api.call('POST', '/articles/nope/favorite', { token: reader.token })).status).toBe(404);
    });
  });

  describe('comments', () => {
    it('adds, lists (newest first, also anonymously) and deletes comments', async () => {
      const article = await api.createArticle(author, { title: 'Commented' });
      const first = await api.call('POST', `/articles/${article.slug}/comments`, {
        token: reader.token,
        body: { comment: { body: 'First!' } },
      });
      expect(first.status).toBe(200);
      expect(first.body.comment).toEqual({
        id: expect.any(Number),
        body: 'First!',
        createdAt: expect.stringMatching(ISO),
        updatedAt: expect.stringMatching(ISO),
        author: { username: reader.username, bio: '', image: '', following: false },
      });
      const second = await api.call('POST', `/articles/${article.slug}/comments`, {
        token: author.token,
        body: { comment: { body: 'Thanks' } },
      });
      const list = await api.call('GET', `/articles/${article.slug}/comments`);
      expect(list.status).toBe(200);
      expect(list.body.comments.map((c: { id: number }) => c.id)).toEqual([
        second.body.comment.id,
        first.body.comment.id,
      ]);
      const forbidden = await api.call(
        'DELETE',
        `/articles/${article.slug}/comments/${first.body.comment.id}`,
        { token: author.token },
      );
      expect(forbidden.status).toBe(403);
      expect(forbidden.body).toEqual(errors('Only the author of a comment may delete it.'));
      const deleted = await api.call(
        'DELETE',
        `/articles/${article.slug}/comments/${first.body.comment.id}`,
        { token: reader.token },
      );
      expect(deleted.status).toBe(204);
      expect((await api.call('GET', `/articles/${article.slug}/comments`)).body.comments).toHaveLength(1);
    });

    it('answers unknown comments with 404 and non-integer ids with 422', async () => {
      const article = await api.createArticle(author, { title: 'Few comments' });
      const other = await api.createArticle(author, { title: 'Other' });
      const comment = await api.call('POST', `/articles/${other.slug}/comments`, {
        token: reader.token,
        body: { comment: { body: 'elsewhere' } },
      });
      for (const id of ['999999', '99999999999', String(comment.body.comment.id)]) {
        const res = await api.call('DELETE', `/articles/${article.slug}/comments/${id}`, {
          token: reader.token,
        });
        expect([id, res.status]).toEqual([id, 404]);
      }
      const bad = await api.call('DELETE', `/articles/${article.slug}/comments/abc`, { token: reader.token });
      expect(bad.status).toBe(422);
      expect(bad.body).toEqual(errors('id must be an integer'));
      expect(
        (
          await api.call('POST', '/articles/nope/comments', {
            token: reader.token,
            body: { comment: { body: 'x' } },
          })
        ).status,
      ).toBe(404);
    });
  });

  describe('profiles and tags', () => {
    it('follows and unfollows; a profile shows whether the viewer follows', async () => {
      const fan = await api.register('fan');
      const anonymous = await api.call('GET', `/profiles/${author.username}`);
      expect(anonymous.body).toEqual({
        profile: { username: author.username, bio: '', image: '', following: false },
      });
      const follow = await api.call('POST', `/profiles/${author.username}/follow`, { token: fan.token });
      expect(follow.status).toBe(200);
      expect(follow.body.profile.following).toBe(true);
      expect(
        (await api.call('POST', `/profiles/${author.username}/follow`, { token: fan.token })).status,
      ).toBe(200);
      expect(
        (await api.call('GET', `/profiles/${author.username}`, { token: fan.token })).body.profile.following,
      ).toBe(true);
      const unfollow = await api.call('DELETE', `/profiles/${author.username}/follow`, { token: fan.token });
      expect(unfollow.body.profile.following).toBe(false);
    });

    it('answers unknown profiles with 404, refuses following oneself (422), and needs a token to follow (401)', async () => {
      const res = await api.call('GET', '/profiles/nobody-here');
      expect(res.status).toBe(404);
      expect(res.body).toEqual(errors('No profile has the username "nobody-here".'));
      expect((await api.call('POST', '/profiles/nobody-here/follow', { token: reader.token })).status).toBe(
        404,
      );
      const self = await api.call('POST', `/profiles/${reader.username}/follow`, { token: reader.token });
      expect(self.status).toBe(422);
      expect(self.body).toEqual(errors('You cannot follow yourself.'));
      expect((await api.call('POST', `/profiles/${author.username}/follow`)).status).toBe(401);
    });

    it('lists tags in use, the most used first', async () => {
      const tagger = await api.register('tagger');
      const rare = `rare${process.pid}`;
      const common = `common${process.pid}`;
      await api.createArticle(tagger, { tagList: [common, rare] });
      await api.createArticle(tagger, { tagList: [common] });
      const res = await api.call('GET', '/tags');
      expect(res.status).toBe(200);
      expect(res.body.tags.indexOf(common)).toBeLessThan(res.body.tags.indexOf(rare));
      expect(res.body.tags.indexOf(rare)).toBeGreaterThanOrEqual(0);
    });
  });
});
