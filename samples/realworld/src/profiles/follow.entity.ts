import { Column, CreatedDate, Entity, Id, ManyToOne } from '@tenon/data';
import { User } from '../users/user.entity';

/** `followerId` follows `followeeId`; one row per pair. */
@Entity('follows', { uniques: [['followerId', 'followeeId']] })
export class Follow {
  @Id({ generated: 'identity' }) id!: number;
  @Column() followerId!: number;
  @ManyToOne(() => User, 'followerId') follower?: User;
  @Column() followeeId!: number;
  @ManyToOne(() => User, 'followeeId') followee?: User;
  @CreatedDate() createdAt!: Date;
}
