/** The subject `ArticlePublished` goes out on; the worker sample listens on it. */
export const ARTICLE_PUBLISHED = 'articles.published';

/**
 * Announced through the transactional outbox when an article is created: written in the same
 * transaction as the article, sent to the broker after the commit (never for a rolled-back one).
 */
export interface ArticlePublished {
  slug: string;
  title: string;
  description: string;
  tagList: string[];
  authorId: number;
  authorUsername: string;
  publishedAt: string;
}
