import { Module } from '@tenon/core';
import { DataModule } from '@tenon/data';
import { AuthModule } from '../auth/auth.module';
import { CommentRepository } from '../comments/comment.repository';
import { ProfilesModule } from '../profiles/profiles.module';
import { UsersModule } from '../users/users.module';
import { ArticleTagRepository } from './article-tag.repository';
import { ArticleRepository } from './article.repository';
import { ArticlesController } from './articles.controller';
import { ArticlesService } from './articles.service';
import { FavoriteRepository } from './favorite.repository';

/**
 * Articles, tags and favorites. The comment repository is registered here because deleting an
 * article deletes its comments in the same transaction.
 */
@Module({
  imports: [
    DataModule.forFeature([ArticleRepository, ArticleTagRepository, FavoriteRepository, CommentRepository]),
    UsersModule,
    ProfilesModule,
    AuthModule,
  ],
  controllers: [ArticlesController],
  providers: [ArticlesService],
  exports: [ArticlesService, ArticleTagRepository, CommentRepository],
})
export class ArticlesModule {}
