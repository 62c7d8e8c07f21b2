import { CrudRepository, In, Repository } from '@tenon/data';
import { Follow } from './follow.entity';

/** Who follows whom. */
@Repository(Follow)
export class FollowRepository extends CrudRepository<Follow, number> {
  existsByFollowerIdAndFolloweeId = this.derive('existsByFollowerIdAndFolloweeId');
  deleteByFollowerIdAndFolloweeId = this.derive('deleteByFollowerIdAndFolloweeId');

  /**
   * Follows `followeeId` unless already followed. The unique index on the pair makes a
   * concurrent duplicate a no-op instead of a second row.
   */
  async follow(followerId: number, followeeId: number): Promise<void> {
    await this.query()
      .insertInto(this.table)
      .values({ follower_id: followerId, followee_id: followeeId, created_at: new Date() })
      .onConflict((oc) => oc.columns(['follower_id', 'followee_id']).doNothing())
      .execute();
  }

  /** Which of `candidateIds` the follower follows. */
  async followedAmong(followerId: number | undefined, candidateIds: readonly number[]): Promise<Set<number>> {
    if (followerId === undefined || candidateIds.length === 0) return new Set();
    const rows = await this.findBy({ followerId, followeeId: In([...new Set(candidateIds)]) });
    return new Set(rows.map((r) => r.followeeId));
  }
}
