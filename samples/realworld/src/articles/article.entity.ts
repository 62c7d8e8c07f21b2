import { Column, CreatedDate, Entity, Id, LastModifiedDate, ManyToOne, OneToMany } from '@tenon/data';
import { LIMITS } from '../common/validation';
import { User } from '../users/user.entity';
import { ArticleTag } from './article-tag.entity';

/** An article; its tags, favorites and comments live in their own tables. */
@Entity('articles')
export class Article {
  @Id({ generated: 'identity' }) id!: number;
  @Column({ length: 120, unique: true }) slug!: string;
  @Column({ length: LIMITS.title }) title!: string;
  @Column({ length: LIMITS.description }) description!: string;
  @Column({ type: 'text' }) body!: string;
  @Column() authorId!: number;
  @ManyToOne(() => User, 'authorId') author?: User;
  @OneToMany(() => ArticleTag, 'articleId') tags?: ArticleTag[];
  @CreatedDate() createdAt!: Date;
  @LastModifiedDate() updatedAt!: Date;
}
