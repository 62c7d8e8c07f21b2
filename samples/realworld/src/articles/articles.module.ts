import { Module } from '@tenon/core';
import { DataModule } from '@tenon/data';
import { ProfilesModule } from '../profiles/profiles.module';
import { UsersModule } from '../users/users.module';
import { ArticleTagRepository } from './article-tag.repository';
import { ArticleRepository } from './article.repository';
import { ArticlesController } from './articles.controller';
import { ArticlesService } from './articles.service';
import { FavoriteRepository } from './favorite.repository';

/** Articles, tags and favorites (an article's comments go with it through a cascading foreign key). */
@Module({
  imports: [
    DataModule.forFeature([ArticleRepository, ArticleTagRepository, FavoriteRepository]),
    UsersModule,
    ProfilesModule,
  ],
  controllers: [ArticlesController],
  providers: [ArticlesService],
  exports: [ArticlesService, ArticleTagRepository],
})
export class ArticlesModule {}
