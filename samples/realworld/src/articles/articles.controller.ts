import {
  ApiOperation,
  ApiTags,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
} from '@tenon/http';
import { CurrentUser, OptionalAuth } from '@tenon/security';
import type { AuthUser } from '../auth/auth-user';
import {
  ListArticlesQuery,
  NewArticleRequest,
  PageQuery,
  UpdateArticleRequest,
  type MultipleArticlesResponse,
  type SingleArticleResponse,
} from './article.dto';
import { ArticlesService } from './articles.service';

/** `/articles`: lists, the feed, one article, and favorites. */
@Controller('articles')
@ApiTags('Articles')
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Get()
  @OptionalAuth()
  @ApiOperation({ operationId: 'GetArticles', summary: 'Get recent articles globally' })
  list(
    @Query() query: ListArticlesQuery,
    @CurrentUser() viewer: AuthUser | undefined,
  ): Promise<MultipleArticlesResponse> {
    return this.articles.list(query, viewer);
  }

  @Get('feed')
  @ApiOperation({ operationId: 'GetArticlesFeed', summary: 'Get recent articles from users you follow' })
  feed(@Query() query: PageQuery, @CurrentUser() viewer: AuthUser): Promise<MultipleArticlesResponse> {
    return this.articles.feed(query, viewer);
  }

  @Get(':slug')
  @OptionalAuth()
  @ApiOperation({ operationId: 'GetArticle', summary: 'Get an article' })
  get(
    @Param('slug') slug: string,
    @CurrentUser() viewer: AuthUser | undefined,
  ): Promise<SingleArticleResponse> {
    return this.articles.get(slug, viewer);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ operationId: 'CreateArticle', summary: 'Create an article' })
  create(
    @Body() request: NewArticleRequest,
    @CurrentUser() viewer: AuthUser,
  ): Promise<SingleArticleResponse> {
    return this.articles.create(request.article, viewer);
  }

  @Put(':slug')
  @ApiOperation({ operationId: 'UpdateArticle', summary: 'Update an article' })
  update(
    @Param('slug') slug: string,
    @Body() request: UpdateArticleRequest,
    @CurrentUser() viewer: AuthUser,
  ): Promise<SingleArticleResponse> {
    return this.articles.update(slug, request.article, viewer);
  }

  @Delete(':slug')
  @HttpCode(204)
  @ApiOperation({ operationId: 'DeleteArticle', summary: 'Delete an article' })
  remove(@Param('slug') slug: string, @CurrentUser() viewer: AuthUser): Promise<void> {
    return this.articles.delete(slug, viewer);
  }

  @Post(':slug/favorite')
  @HttpCode(200)
  @ApiTags('Favorites')
  @ApiOperation({ operationId: 'CreateArticleFavorite', summary: 'Favorite an article' })
  favorite(@Param('slug') slug: string, @CurrentUser() viewer: AuthUser): Promise<SingleArticleResponse> {
    return this.articles.favorite(slug, viewer);
  }

  @Delete(':slug/favorite')
  @ApiTags('Favorites')
  @ApiOperation({ operationId: 'DeleteArticleFavorite', summary: 'Unfavorite an article' })
  unfavorite(@Param('slug') slug: string, @CurrentUser() viewer: AuthUser): Promise<SingleArticleResponse> {
    return this.articles.unfavorite(slug, viewer);
  }
}
