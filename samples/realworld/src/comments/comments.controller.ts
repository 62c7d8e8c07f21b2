import {
  ApiOperation,
  ApiTags,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
} from '@tenon/http';
import { CurrentUser, OptionalAuth } from '@tenon/security';
import type { AuthUser } from '../auth/auth-user';
import { PageQuery } from '../articles/article.dto';
import { NewCommentRequest, type MultipleCommentsResponse, type SingleCommentResponse } from './comment.dto';
import { CommentsService } from './comments.service';

/** `/articles/:slug/comments`. */
@Controller('articles/:slug/comments')
@ApiTags('Comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  @OptionalAuth()
  @ApiOperation({ operationId: 'GetArticleComments', summary: 'Get comments for an article' })
  list(
    @Param('slug') slug: string,
    @Query() page: PageQuery,
    @CurrentUser() viewer: AuthUser | undefined,
  ): Promise<MultipleCommentsResponse> {
    return this.comments.list(slug, page, viewer);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ operationId: 'CreateArticleComment', summary: 'Create a comment for an article' })
  add(
    @Param('slug') slug: string,
    @Body() request: NewCommentRequest,
    @CurrentUser() viewer: AuthUser,
  ): Promise<SingleCommentResponse> {
    return this.comments.add(slug, request.comment, viewer);
  }

  @Delete(':id')
  @ApiOperation({ operationId: 'DeleteArticleComment', summary: 'Delete a comment for an article' })
  @HttpCode(204)
  remove(
    @Param('slug') slug: string,
    @Param('id', ParseIntPipe) id: number,
    @CurrentUser() viewer: AuthUser,
  ): Promise<void> {
    return this.comments.delete(slug, id, viewer);
  }
}
