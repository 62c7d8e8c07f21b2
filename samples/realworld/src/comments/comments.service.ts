import { Injectable } from '@tenon/core';
import { ForbiddenException, NotFoundException } from '@tenon/http';
import type { PageQuery } from '../articles/article.dto';
import { ArticlesService, goneIfDeleted } from '../articles/articles.service';
import type { AuthUser } from '../auth/auth-user';
import { FollowRepository } from '../profiles/follow.repository';
import { toProfile } from '../profiles/profiles.service';
import { UserRepository } from '../users/user.repository';
import type {
  CommentView,
  MultipleCommentsResponse,
  NewCommentDto,
  SingleCommentResponse,
} from './comment.dto';
import type { Comment } from './comment.entity';
import { CommentRepository } from './comment.repository';

const MAX_ID = 2 ** 31 - 1;
/** Comments per page when the client does not say: an article's whole thread could be megabytes. */
const DEFAULT_PAGE_SIZE = 20;

/** Comments of articles. */
@Injectable()
export class CommentsService {
  constructor(
    private readonly comments: CommentRepository,
    private readonly articles: ArticlesService,
    private readonly users: UserRepository,
    private readonly follows: FollowRepository,
  ) {}

  /** One page of an article's comments, newest first (20 unless `limit` says otherwise, at most 100). */
  async list(slug: string, page: PageQuery, viewer: AuthUser | undefined): Promise<MultipleCommentsResponse> {
    const article = await this.articles.require(slug);
    const comments = await this.comments.findAll({
      where: { articleId: article.id },
      orderBy: { createdAt: 'desc', id: 'desc' },
      limit: page.limit ?? DEFAULT_PAGE_SIZE,
      offset: page.offset ?? 0,
    });
    return { comments: await this.views(comments, viewer) };
  }

  async add(slug: string, dto: NewCommentDto, viewer: AuthUser): Promise<SingleCommentResponse> {
    const article = await this.articles.require(slug);
    const comment = await goneIfDeleted(slug, () =>
      this.comments.save({ body: dto.body, articleId: article.id, authorId: viewer.id }),
    );
    const [view] = await this.views([comment], viewer);
    return { comment: view! };
  }

  async delete(slug: string, id: number, viewer: AuthUser): Promise<void> {
    const article = await this.articles.require(slug);
    // Ids are 32-bit integer columns: a larger number names no comment (the repository would
    // refuse it as an invalid value, which is a bug of ours, not the client's).
    const comment =
      id > 0 && id <= MAX_ID ? await this.comments.findOneByIdAndArticleId(id, article.id) : null;
    if (!comment) throw new NotFoundException(`The article "${slug}" has no comment ${id}.`);
    if (comment.authorId !== viewer.id)
      throw new ForbiddenException('Only the author of a comment may delete it.');
    await this.comments.deleteById(comment.id);
  }

  private async views(comments: readonly Comment[], viewer: AuthUser | undefined): Promise<CommentView[]> {
    const authorIds = comments.map((c) => c.authorId);
    const [authors, following] = await Promise.all([
      this.users.mapByIds(authorIds),
      this.follows.followedAmong(viewer?.id, authorIds),
    ]);
    return comments.map((c) => ({
      id: c.id,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      body: c.body,
      author: toProfile(authors.get(c.authorId)!, following.has(c.authorId)),
    }));
  }
}
