import { ApiOperation, ApiTags, Controller, Delete, Get, HttpCode, Param, Post } from '@tenon/http';
import { CurrentUser, OptionalAuth } from '@tenon/security';
import type { AuthUser } from '../auth/auth-user';
import type { ProfileResponse } from './profile.dto';
import { ProfilesService } from './profiles.service';

/** `/profiles/:username` and its `follow` sub-resource. */
@Controller('profiles/:username')
@ApiTags('Profile')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get()
  @OptionalAuth()
  @ApiOperation({ operationId: 'GetProfileByUsername', summary: 'Get a profile' })
  get(
    @Param('username') username: string,
    @CurrentUser() viewer: AuthUser | undefined,
  ): Promise<ProfileResponse> {
    return this.profiles.get(username, viewer);
  }

  @Post('follow')
  @HttpCode(200)
  @ApiOperation({ operationId: 'FollowUserByUsername', summary: 'Follow a user' })
  follow(@Param('username') username: string, @CurrentUser() viewer: AuthUser): Promise<ProfileResponse> {
    return this.profiles.follow(username, viewer);
  }

  @Delete('follow')
  @ApiOperation({ operationId: 'UnfollowUserByUsername', summary: 'Unfollow a user' })
  unfollow(@Param('username') username: string, @CurrentUser() viewer: AuthUser): Promise<ProfileResponse> {
    return this.profiles.unfollow(username, viewer);
  }
}
