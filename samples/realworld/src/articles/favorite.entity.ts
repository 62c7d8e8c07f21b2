import { Column, CreatedDate, Entity, Id } from '@tenon/data';

/** `userId` favorited `articleId`; one row per pair. */
@Entity('favorites', { uniques: [['userId', 'articleId']] })
export class Favorite {
  @Id({ generated: 'identity' }) id!: number;
  @Column() userId!: number;
  @Column() articleId!: number;
  @CreatedDate() createdAt!: Date;
}
