import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { ProfileView } from '../profiles/profile.dto';
import { LIMITS, NOT_BLANK } from '../common/validation';

const notBlank = (field: string) => ({ message: `${field} must not be blank` });

/** The fields of `POST /articles`. */
export class NewArticleDto {
  @IsString()
  @Length(1, LIMITS.title)
  @Matches(NOT_BLANK, notBlank('title'))
  title!: string;

  @IsString()
  @Length(1, LIMITS.description)
  @Matches(NOT_BLANK, notBlank('description'))
  description!: string;

  @IsString()
  @Length(1, LIMITS.body)
  @Matches(NOT_BLANK, notBlank('body'))
  body!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.tags)
  @IsString({ each: true })
  @Length(1, LIMITS.tag, { each: true })
  @Matches(NOT_BLANK, { each: true, message: 'tagList must not contain blank tags' })
  tagList?: string[];
}

/** `{"article": {...}}` of `POST /articles`. */
export class NewArticleRequest {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => NewArticleDto)
  article!: NewArticleDto;
}

/**
 * The fields of `PUT /articles/:slug`: any of them, at least one. `tagList` is not in the spec's
 * `UpdateArticle` but the reference front end sends it from its editor, so it is accepted.
 */
export class UpdateArticleDto {
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.title)
  @Matches(NOT_BLANK, notBlank('title'))
  title?: string;

  @IsOptional()
  @IsString()
  @Length(1, LIMITS.description)
  @Matches(NOT_BLANK, notBlank('description'))
  description?: string;

  @IsOptional()
  @IsString()
  @Length(1, LIMITS.body)
  @Matches(NOT_BLANK, notBlank('body'))
  body?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.tags)
  @IsString({ each: true })
  @Length(1, LIMITS.tag, { each: true })
  @Matches(NOT_BLANK, { each: true, message: 'tagList must not contain blank tags' })
  tagList?: string[];
}

/** `{"article": {...}}` of `PUT /articles/:slug`. */
export class UpdateArticleRequest {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateArticleDto)
  article!: UpdateArticleDto;
}

/** `limit` and `offset` of the lists: 1 to 100 articles (default 20), from offset 0 up. */
export class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LIMITS.pageSize)
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

/** The filters of `GET /articles`; an empty value counts as absent. */
export class ListArticlesQuery extends PageQuery {
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.tag)
  tag?: string;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.username)
  author?: string;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.username)
  favorited?: string;
}

/** The spec's `Article`; lists leave out `body`. */
export interface ArticleView {
  slug: string;
  title: string;
  description: string;
  body?: string;
  tagList: string[];
  createdAt: string;
  updatedAt: string;
  favorited: boolean;
  favoritesCount: number;
  author: ProfileView;
}

export interface SingleArticleResponse {
  article: ArticleView;
}

export interface MultipleArticlesResponse {
  articles: ArticleView[];
  articlesCount: number;
}
