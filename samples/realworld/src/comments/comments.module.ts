import { Module } from '@tenon/core';
import { DataModule } from '@tenon/data';
import { ArticlesModule } from '../articles/articles.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { UsersModule } from '../users/users.module';
import { CommentRepository } from './comment.repository';
import { CommentsController } from './comments.controller';
import { CommentsService } from './comments.service';

/** Comments of articles. */
@Module({
  imports: [DataModule.forFeature([CommentRepository]), ArticlesModule, UsersModule, ProfilesModule],
  controllers: [CommentsController],
  providers: [CommentsService],
})
export class CommentsModule {}
