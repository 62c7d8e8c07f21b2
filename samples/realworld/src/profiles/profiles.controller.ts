import { ApiOperation, ApiTags, Controller, Delete, Get, Param, Post, UseGuards } from '@tenon/http';
import { HttpCode } from '@tenon/http';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { OptionalAuth } from '../auth/optional-auth.decorator';
import type { ProfileResponse } from './profile.dto';
import { ProfilesService } from './profiles.service';

/** `/profiles/:username` and its `follow` sub-resource. */
@Controller('profiles/:username')
@UseGuards(AuthGuard)
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
