import { Column, Entity, Id } from '@tenon/data';
import { LIMITS } from '../common/validation';

/** One tag of one article. */
@Entity('article_tags', { uniques: [['articleId', 'name']] })
export class ArticleTag {
  @Id({ generated: 'identity' }) id!: number;
  @Column() articleId!: number;
  @Column({ length: LIMITS.tag }) name!: string;
}
