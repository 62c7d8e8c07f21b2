import { Injectable } from '@tenon/core';
import { NotFoundException, UnprocessableEntityException } from '@tenon/http';
import type { AuthUser } from '../auth/auth-user';
import type { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { FollowRepository } from './follow.repository';
import type { ProfileResponse, ProfileView } from './profile.dto';

/** A user as another user sees them. */
export function toProfile(user: User, following: boolean): ProfileView {
  return { username: user.username, bio: user.bio, image: user.image, following };
}

/** Profiles and follows. */
@Injectable()
export class ProfilesService {
  constructor(
    private readonly users: UserRepository,
    private readonly follows: FollowRepository,
  ) {}

  async get(username: string, viewer: AuthUser | undefined): Promise<ProfileResponse> {
    const user = await this.require(username);
    const following =
      viewer !== undefined && (await this.follows.existsByFollowerIdAndFolloweeId(viewer.id, user.id));
    return { profile: toProfile(user, following) };
  }

  async follow(username: string, viewer: AuthUser): Promise<ProfileResponse> {
    const user = await this.require(username);
    if (user.id === viewer.id) throw new UnprocessableEntityException('You cannot follow yourself.');
    await this.follows.follow(viewer.id, user.id);
    return { profile: toProfile(user, true) };
  }

  async unfollow(username: string, viewer: AuthUser): Promise<ProfileResponse> {
    const user = await this.require(username);
    await this.follows.deleteByFollowerIdAndFolloweeId(viewer.id, user.id);
    return { profile: toProfile(user, false) };
  }

  private async require(username: string): Promise<User> {
    const user = await this.users.findOneByUsername(username);
    if (!user) throw new NotFoundException(`No profile has the username "${username}".`);
    return user;
  }
}
