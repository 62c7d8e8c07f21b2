import 'reflect-metadata';
import { join } from 'node:path';
import { applySchemaMode, Database, describeDiff, diffSchema } from '@tenon/data';
import { ArticleTag } from '../../src/articles/article-tag.entity';
import { Article } from '../../src/articles/article.entity';
import { Favorite } from '../../src/articles/favorite.entity';
import { Comment } from '../../src/comments/comment.entity';
import { Follow } from '../../src/profiles/follow.entity';
import { User } from '../../src/users/user.entity';

jest.setTimeout(60_000);

// The schema is written by hand as a migration; the entities describe it again. This test keeps
// the two in step: migrate an empty database, then compare it with the entities.
describe('the migration and the entities', () => {
  let database: Database;

  beforeAll(async () => {
    database = await Database.connect({ url: process.env.REALWORLD_TEST_DATABASE_URL ?? 'pglite://memory' });
  });

  afterAll(() => database.close());

  it('describe the same tables, columns and unique constraints', async () => {
    await applySchemaMode(database, 'migrate', {
      migrationsFolder: join(__dirname, '..', '..', 'src', 'migrations'),
      entities: [],
    });
    const diff = await diffSchema(database, [User, Follow, Article, ArticleTag, Favorite, Comment]);
    expect(describeDiff(diff)).toEqual([]);
  });
});
