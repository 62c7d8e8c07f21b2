import { Column, CreatedDate, Entity, Id, LastModifiedDate, ManyToOne } from '@tenon/data';
import { User } from '../users/user.entity';

/** A comment on an article. */
@Entity('comments')
export class Comment {
  @Id({ generated: 'identity' }) id!: number;
  @Column({ type: 'text' }) body!: string;
  @Column() articleId!: number;
  @Column() authorId!: number;
  @ManyToOne(() => User, 'authorId') author?: User;
  @CreatedDate() createdAt!: Date;
  @LastModifiedDate() updatedAt!: Date;
}
