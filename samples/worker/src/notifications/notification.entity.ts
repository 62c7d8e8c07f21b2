import { Column, CreatedDate, Entity, Id } from '@tenon/data';

/** One "new article" notice for the followers' feeds, written once per published article. */
@Entity('article_notifications')
export class ArticleNotification {
  @Id({ generated: true }) id!: number;
  @Column({ unique: true }) slug!: string;
  @Column() title!: string;
  @Column() authorUsername!: string;
  @Column() publishedAt!: string;
  @CreatedDate() receivedAt!: Date;
}
