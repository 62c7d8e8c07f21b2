import { CrudRepository, In, Repository, sql } from '@tenon/data';
import { ArticleTag } from './article-tag.entity';

/** Tags of articles. */
@Repository(ArticleTag)
export class ArticleTagRepository extends CrudRepository<ArticleTag, number> {
  deleteByArticleId = this.derive('deleteByArticleId');

  /** Tag names by article id, each list sorted. */
  async namesByArticle(articleIds: readonly number[]): Promise<Map<number, string[]>> {
    const byArticle = new Map<number, string[]>(articleIds.map((id) => [id, []]));
    if (articleIds.length === 0) return byArticle;
    const tags = await this.findBy({ articleId: In([...new Set(articleIds)]) }, { orderBy: { name: 'asc' } });
    for (const tag of tags) byArticle.get(tag.articleId)?.push(tag.name);
    return byArticle;
  }

  /** Every tag in use, the most used first. */
  async popular(): Promise<string[]> {
    const rows = await this.query()
      .selectFrom(this.table)
      .select(['name', sql<number>`count(*)`.as('uses')])
      .groupBy('name')
      .orderBy('uses', 'desc')
      .orderBy('name', 'asc')
      .execute();
    return rows.map((r) => r.name as string);
  }
}
