import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, UseGuards } from '@tenon/http';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { OptionalAuth } from '../auth/optional-auth.decorator';
import { NewCommentRequest, type MultipleCommentsResponse, type SingleCommentResponse } from './comment.dto';
import { CommentsService } from './comments.service';

/** `/articles/:slug/comments`. */
@Controller('articles/:slug/comments')
@UseGuards(AuthGuard)
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  @OptionalAuth()
  list(
    @Param('slug') slug: string,
    @CurrentUser() viewer: AuthUser | undefined,
  ): Promise<MultipleCommentsResponse> {
    return this.comments.list(slug, viewer);
  }

  @Post()
  add(
    @Param('slug') slug: string,
    @Body() request: NewCommentRequest,
    @CurrentUser() viewer: AuthUser,
  ): Promise<SingleCommentResponse> {
    return this.comments.add(slug, request.comment, viewer);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(
    @Param('slug') slug: string,
    @Param('id', ParseIntPipe) id: number,
    @CurrentUser() viewer: AuthUser,
  ): Promise<void> {
    return this.comments.delete(slug, id, viewer);
  }
}
