import { Module } from '@tenon/core';
import { DataModule } from '@tenon/data';
import { UsersModule } from '../users/users.module';
import { FollowRepository } from './follow.repository';
import { ProfilesController } from './profiles.controller';
import { ProfilesService } from './profiles.service';

/** Profiles and follows. Exports the follows for articles (the feed) and comments. */
@Module({
  imports: [DataModule.forFeature([FollowRepository]), UsersModule],
  controllers: [ProfilesController],
  providers: [ProfilesService],
  exports: [FollowRepository],
})
export class ProfilesModule {}
