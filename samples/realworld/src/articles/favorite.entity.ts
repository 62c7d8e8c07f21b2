import { Column, CreatedDate, Entity, Id } from '@tenon/data';

/** `userId` favorited `articleId`; one row per pair (a unique index in the migration). */
@Entity('favorites')
export class Favorite {
  @Id({ generated: 'identity' }) id!: number;
  @Column() userId!: number;
  @Column() articleId!: number;
  @CreatedDate() createdAt!: Date;
}
