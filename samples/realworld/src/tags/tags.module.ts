import { Module } from '@tenon/core';
import { ArticlesModule } from '../articles/articles.module';
import { TagsController } from './tags.controller';

/** `GET /tags`. */
@Module({ imports: [ArticlesModule], controllers: [TagsController] })
export class TagsModule {}
