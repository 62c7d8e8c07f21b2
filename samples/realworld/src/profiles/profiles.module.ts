import { Module } from '@tenon/core';
import { DataModule } from '@tenon/data';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { FollowRepository } from './follow.repository';
import { ProfilesController } from './profiles.controller';
import { ProfilesService } from './profiles.service';

/** Profiles and follows. Exports the follows for articles (the feed) and comments. */
@Module({
  imports: [DataModule.forFeature([FollowRepository]), UsersModule, AuthModule],
  controllers: [ProfilesController],
  providers: [ProfilesService],
  exports: [FollowRepository],
})
export class ProfilesModule {}
