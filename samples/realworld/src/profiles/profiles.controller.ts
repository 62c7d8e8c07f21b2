import { Controller, Delete, Get, Param, Post, UseGuards } from '@tenon/http';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { OptionalAuth } from '../auth/optional-auth.decorator';
import type { ProfileResponse } from './profile.dto';
import { ProfilesService } from './profiles.service';

/** `/profiles/:username` and its `follow` sub-resource. */
@Controller('profiles/:username')
@UseGuards(AuthGuard)
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get()
  @OptionalAuth()
  get(
    @Param('username') username: string,
    @CurrentUser() viewer: AuthUser | undefined,
  ): Promise<ProfileResponse> {
    return this.profiles.get(username, viewer);
  }

  @Post('follow')
  follow(@Param('username') username: string, @CurrentUser() viewer: AuthUser): Promise<ProfileResponse> {
    return this.profiles.follow(username, viewer);
  }

  @Delete('follow')
  unfollow(@Param('username') username: string, @CurrentUser() viewer: AuthUser): Promise<ProfileResponse> {
    return this.profiles.unfollow(username, viewer);
  }
}
