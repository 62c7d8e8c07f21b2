import { CrudRepository, In, Repository, sql } from '@tenon/data';
import { Favorite } from './favorite.entity';

/** Who favorited which article. Counts are computed, never stored, so they cannot drift. */
@Repository(Favorite)
export class FavoriteRepository extends CrudRepository<Favorite, number> {
  countByArticleId = this.derive('countByArticleId');
  deleteByUserIdAndArticleId = this.derive('deleteByUserIdAndArticleId');

  /**
   * Favorites the article unless already done. The unique index on (user, article) makes two
   * concurrent requests of one user a single row.
   */
  async favorite(userId: number, articleId: number): Promise<void> {
    await this.query()
      .insertInto(this.table)
      .values({ user_id: userId, article_id: articleId, created_at: new Date() })
      .onConflict((oc) => oc.columns(['user_id', 'article_id']).doNothing())
      .execute();
  }

  /** Favorite counts by article id (0 included). */
  async countsByArticle(articleIds: readonly number[]): Promise<Map<number, number>> {
    const counts = new Map<number, number>(articleIds.map((id) => [id, 0]));
    if (articleIds.length === 0) return counts;
    const rows = await this.query()
      .selectFrom(this.table)
      .select(['article_id', sql<string>`count(*)`.as('n')])
      .where('article_id', 'in', [...new Set(articleIds)])
      .groupBy('article_id')
      .execute();
    // count(*) is a bigint: drivers return it as a string.
    for (const row of rows) counts.set(Number(row.article_id), Number(row.n));
    return counts;
  }

  /** Which of `articleIds` the user favorited. */
  async favoritedAmong(userId: number | undefined, articleIds: readonly number[]): Promise<Set<number>> {
    if (userId === undefined || articleIds.length === 0) return new Set();
    const rows = await this.findBy({ userId, articleId: In([...new Set(articleIds)]) });
    return new Set(rows.map((r) => r.articleId));
  }
}
