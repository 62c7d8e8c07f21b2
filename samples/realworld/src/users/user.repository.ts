import { CrudRepository, In, Repository } from '@tenon/data';
import { User } from './user.entity';

/** Users, found by email (login), by username (profiles) and by id (tokens). */
@Repository(User)
export class UserRepository extends CrudRepository<User, number> {
  findOneByEmail = this.derive('findOneByEmail');
  findOneByUsername = this.derive('findOneByUsername');
  existsByEmail = this.derive('existsByEmail');
  existsByUsername = this.derive('existsByUsername');

  /** The users with these ids, by id (for authors of a page of articles or comments). */
  async mapByIds(ids: readonly number[]): Promise<Map<number, User>> {
    const unique = [...new Set(ids)];
    const users = unique.length === 0 ? [] : await this.findBy({ id: In(unique) });
    return new Map(users.map((u) => [u.id, u]));
  }
}
