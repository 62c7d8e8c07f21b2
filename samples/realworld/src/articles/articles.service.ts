import { Injectable } from '@tenon/core';
import { ForbiddenException, NotFoundException, UnprocessableEntityException } from '@tenon/http';
import { ForeignKeyViolationError, Transactional } from '@tenon/data';
import { Outbox } from '@tenon/messaging';
import type { AuthUser } from '../auth/auth-user';
import { FollowRepository } from '../profiles/follow.repository';
import { toProfile } from '../profiles/profiles.service';
import { UserRepository } from '../users/user.repository';
import type {
  ArticleView,
  ListArticlesQuery,
  MultipleArticlesResponse,
  NewArticleDto,
  PageQuery,
  SingleArticleResponse,
  UpdateArticleDto,
} from './article.dto';
import type { Article } from './article.entity';
import { ARTICLE_PUBLISHED, type ArticlePublished } from './article-published.event';
import { ArticleRepository, type ArticleFilter } from './article.repository';
import { ArticleTagRepository } from './article-tag.repository';
import { FavoriteRepository } from './favorite.repository';
import { normalizeTags, slugify } from './slug';

const DEFAULT_LIMIT = 20;

/**
 * Runs a write that references an article found a moment ago: when the article was deleted in
 * between, its foreign key refuses the write, which is the client's 404, not a conflict.
 */
export async function goneIfDeleted<T>(slug: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ForeignKeyViolationError)
      throw new NotFoundException(`No article has the slug "${slug}".`, { cause: error });
    throw error;
  }
}

/** Articles, their tags and favorites, and the feed. */
@Injectable()
export class ArticlesService {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly tags: ArticleTagRepository,
    private readonly favorites: FavoriteRepository,
    private readonly users: UserRepository,
    private readonly follows: FollowRepository,
    private readonly outbox: Outbox,
  ) {}

  /** `GET /articles`: filtered by tag, author and favoriting user; most recent first. */
  async list(query: ListArticlesQuery, viewer: AuthUser | undefined): Promise<MultipleArticlesResponse> {
    const filter: ArticleFilter = {};
    if (query.tag) filter.tag = query.tag;
    for (const [key, username] of [
      ['authorId', query.author],
      ['favoritedBy', query.favorited],
    ] as const) {
      if (!username) continue;
      const user = await this.users.findOneByUsername(username);
      // An unknown username matches no article: an empty list, as for any other filter.
      if (!user) return { articles: [], articlesCount: 0 };
      filter[key] = user.id;
    }
    return this.page(filter, query, viewer);
  }

  /** `GET /articles/feed`: articles by the authors the viewer follows. */
  feed(query: PageQuery, viewer: AuthUser): Promise<MultipleArticlesResponse> {
    return this.page({ followedBy: viewer.id }, query, viewer);
  }

  async get(slug: string, viewer: AuthUser | undefined): Promise<SingleArticleResponse> {
    return this.single(await this.require(slug), viewer);
  }

  /**
   * The article, its tags and its `ArticlePublished` outbox row are written together, or not at all. Write transactions run again
   * after a deadlock or serialization failure (`retry`), which concurrent writers on PostgreSQL
   * can meet; past the attempts the client gets a 409.
   */
  @Transactional({ retry: true })
  async create(dto: NewArticleDto, viewer: AuthUser): Promise<SingleArticleResponse> {
    const article = await this.articles.save({
      slug: slugify(dto.title),
      title: dto.title,
      description: dto.description,
      body: dto.body,
      authorId: viewer.id,
    });
    await this.tags.saveAll(normalizeTags(dto.tagList).map((name) => ({ articleId: article.id, name })));
    const response = await this.single(article, viewer);
    const event: ArticlePublished = {
      slug: response.article.slug,
      title: response.article.title,
      description: response.article.description,
      tagList: response.article.tagList,
      authorId: viewer.id,
      authorUsername: response.article.author.username,
      publishedAt: response.article.createdAt,
    };
    // In this transaction: a rollback (or a retry of it) leaves no event behind.
    await this.outbox.publish(ARTICLE_PUBLISHED, event);
    return response;
  }

  @Transactional({ retry: true })
  async update(slug: string, dto: UpdateArticleDto, viewer: AuthUser): Promise<SingleArticleResponse> {
    // The article row is locked first, as a delete locks it first: a concurrent delete either
    // waits for this update or has removed the row (404), never a deadlock.
    await this.articles.lockBySlug(slug);
    const article = await this.requireOwn(slug, viewer, 'update');
    if (
      dto.title === undefined &&
      dto.description === undefined &&
      dto.body === undefined &&
      dto.tagList === undefined
    ) {
      throw new UnprocessableEntityException(
        'article must contain at least one of title, description, body, tagList',
      );
    }
    const changes: Partial<Article> = {};
    if (dto.title !== undefined && dto.title !== article.title) {
      changes.title = dto.title;
      changes.slug = slugify(dto.title);
    }
    if (dto.description !== undefined) changes.description = dto.description;
    if (dto.body !== undefined) changes.body = dto.body;
    const saved = await this.articles.save({ ...article, ...changes });
    if (dto.tagList !== undefined) {
      await this.tags.deleteByArticleId(article.id);
      await this.tags.saveAll(normalizeTags(dto.tagList).map((name) => ({ articleId: article.id, name })));
    }
    return this.single(saved, viewer);
  }

  /**
   * Comments, favorites and tags go with the article: the foreign keys cascade (see the
   * migration), so this is one statement that locks the article row before its children.
   */
  @Transactional({ retry: true })
  async delete(slug: string, viewer: AuthUser): Promise<void> {
    const article = await this.requireOwn(slug, viewer, 'delete');
    if (!(await this.articles.deleteById(article.id)))
      throw new NotFoundException(`No article has the slug "${slug}".`);
  }

  async favorite(slug: string, viewer: AuthUser): Promise<SingleArticleResponse> {
    const article = await this.require(slug);
    await goneIfDeleted(slug, () => this.favorites.favorite(viewer.id, article.id));
    return this.single(article, viewer);
  }

  async unfavorite(slug: string, viewer: AuthUser): Promise<SingleArticleResponse> {
    const article = await this.require(slug);
    await this.favorites.deleteByUserIdAndArticleId(viewer.id, article.id);
    return this.single(article, viewer);
  }

  /** The article with this slug, or 404. */
  async require(slug: string): Promise<Article> {
    const article = await this.articles.findOneBySlug(slug);
    if (!article) throw new NotFoundException(`No article has the slug "${slug}".`);
    return article;
  }

  private async requireOwn(slug: string, viewer: AuthUser, action: string): Promise<Article> {
    const article = await this.require(slug);
    if (article.authorId !== viewer.id)
      throw new ForbiddenException(`Only the author of an article may ${action} it.`);
    return article;
  }

  private async page(
    filter: ArticleFilter,
    query: PageQuery,
    viewer: AuthUser | undefined,
  ): Promise<MultipleArticlesResponse> {
    const { articles, total } = await this.articles.search(
      filter,
      query.limit ?? DEFAULT_LIMIT,
      query.offset ?? 0,
    );
    return { articles: await this.views(articles, viewer, false), articlesCount: total };
  }

  private async single(article: Article, viewer: AuthUser | undefined): Promise<SingleArticleResponse> {
    const [view] = await this.views([article], viewer, true);
    return { article: view! };
  }

  /** Articles as the viewer sees them, with five queries whatever the number of articles. */
  private async views(
    articles: readonly Article[],
    viewer: AuthUser | undefined,
    withBody: boolean,
  ): Promise<ArticleView[]> {
    const ids = articles.map((a) => a.id);
    const authorIds = articles.map((a) => a.authorId);
    const [authors, tags, counts, favorited, following] = await Promise.all([
      this.users.mapByIds(authorIds),
      this.tags.namesByArticle(ids),
      this.favorites.countsByArticle(ids),
      this.favorites.favoritedAmong(viewer?.id, ids),
      this.follows.followedAmong(viewer?.id, authorIds),
    ]);
    return articles.map((a): ArticleView => ({
      slug: a.slug,
      title: a.title,
      description: a.description,
      ...(withBody ? { body: a.body } : {}),
      tagList: tags.get(a.id) ?? [],
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      favorited: favorited.has(a.id),
      favoritesCount: counts.get(a.id) ?? 0,
      author: toProfile(authors.get(a.authorId)!, following.has(a.authorId)),
    }));
  }
}
