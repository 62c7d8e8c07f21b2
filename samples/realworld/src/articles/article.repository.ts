import { CrudRepository, In, Repository, sql } from '@tenon/data';
import { Article } from './article.entity';

/** What `GET /articles` and the feed filter on; all conditions are ANDed. */
export interface ArticleFilter {
  tag?: string;
  authorId?: number;
  favoritedBy?: number;
  /** The feed: articles by the authors this user follows. */
  followedBy?: number;
}

/** One page of articles and how many match in all. */
export interface ArticleSlice {
  articles: Article[];
  total: number;
}

/** Articles, found by slug, and searched with filters, most recent first. */
@Repository(Article)
export class ArticleRepository extends CrudRepository<Article, number> {
  findOneBySlug = this.derive('findOneBySlug');
  existsBySlug = this.derive('existsBySlug');

  /** Locks the article's row until the current transaction ends (no-op when there is none). */
  async lockBySlug(slug: string): Promise<void> {
    await this.query().selectFrom(this.table).select('id').where('slug', '=', slug).forUpdate().execute();
  }

  /**
   * A page of the articles matching `filter`, most recent first, and the total. Tags, favorites
   * and follows are subqueries, so a popular tag never turns into a huge `IN (…)` list.
   */
  async search(filter: ArticleFilter, limit: number, offset: number): Promise<ArticleSlice> {
    const db = this.query();
    let ids = db.selectFrom('articles as a');
    if (filter.authorId !== undefined) ids = ids.where('a.author_id', '=', filter.authorId);
    if (filter.tag !== undefined) {
      ids = ids.where(
        'a.id',
        'in',
        db.selectFrom('article_tags').select('article_id').where('name', '=', filter.tag),
      );
    }
    if (filter.favoritedBy !== undefined) {
      ids = ids.where(
        'a.id',
        'in',
        db.selectFrom('favorites').select('article_id').where('user_id', '=', filter.favoritedBy),
      );
    }
    if (filter.followedBy !== undefined) {
      const followees = db
        .selectFrom('follows')
        .select('followee_id')
        .where('follower_id', '=', filter.followedBy);
      ids = ids.where('a.author_id', 'in', followees);
    }
    const [page, count] = await Promise.all([
      ids
        .select('a.id')
        .orderBy('a.created_at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      ids.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    ]);
    const order = page.map((row) => Number(row.id));
    const found = order.length === 0 ? [] : await this.findBy({ id: In(order) });
    const byId = new Map(found.map((a) => [a.id, a]));
    // An article deleted between the two queries is simply left out.
    const articles = order.map((id) => byId.get(id)).filter((a): a is Article => a !== undefined);
    return { articles, total: Number(count.n) };
  }
}
