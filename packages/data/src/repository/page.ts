import { invalidPageable } from '../errors/query.errors';
import type { Criteria, OrderBy } from './criteria';

/**
 * A page request: 0-based `page` and `size`.
 *
 * @example
 * const page = Pageable.of(0, 20);
 * await todos.findPage({ ...page, where: { done: false }, orderBy: { createdAt: 'desc' } });
 */
export interface Pageable {
  page: number;
  size: number;
}

/** Builds and checks page requests. */
export const Pageable = {
  /** @example Pageable.of(2, 50) */
  of(page: number, size: number): Pageable {
    const pageable = { page, size };
    assertPageable(pageable);
    return pageable;
  },
};

/** What `findPage` / `findSlice` take: a page request plus optional filter and order. */
export interface PageQuery<T> extends Pageable {
  where?: Criteria<T> | readonly Criteria<T>[];
  orderBy?: OrderBy<T>;
}

export const MAX_PAGE_SIZE = 10_000;

export function assertPageable(pageable: Pageable): void {
  const { page, size } = pageable;
  if (!Number.isSafeInteger(page) || page < 0)
    throw invalidPageable(`page is ${JSON.stringify(page) ?? String(page)}`);
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw invalidPageable(`size is ${JSON.stringify(size) ?? String(size)}`);
  }
}

/**
 * A slice of results with whether more follow, without counting them (one query, no COUNT).
 *
 * @example
 * const slice = await todos.findSlice({ page: 0, size: 20 });
 * if (slice.hasNext) ...
 */
export class Slice<T> {
  constructor(
    readonly content: T[],
    readonly page: number,
    readonly size: number,
    readonly hasNext: boolean,
  ) {}

  get hasPrevious(): boolean {
    return this.page > 0;
  }

  /** The same slice with each element mapped (e.g. to a DTO). */
  map<U>(fn: (item: T) => U): Slice<U> {
    return new Slice(this.content.map(fn), this.page, this.size, this.hasNext);
  }
}

/**
 * One page of results plus the total count.
 *
 * @example
 * const page = await todos.findPage({ page: 0, size: 20 });
 * page.content; page.total; page.totalPages; page.hasNext;
 */
export class Page<T> {
  constructor(
    readonly content: T[],
    readonly total: number,
    readonly page: number,
    readonly size: number,
  ) {}

  get totalPages(): number {
    return Math.ceil(this.total / this.size);
  }

  get hasNext(): boolean {
    return this.page + 1 < this.totalPages;
  }

  get hasPrevious(): boolean {
    return this.page > 0;
  }

  /** The same page with each element mapped (e.g. to a DTO). */
  map<U>(fn: (item: T) => U): Page<U> {
    return new Page(this.content.map(fn), this.total, this.page, this.size);
  }

  /** Plain JSON for HTTP responses (getters are not serialised by JSON.stringify). */
  toJSON(): { content: T[]; total: number; page: number; size: number; totalPages: number } {
    return {
      content: this.content,
      total: this.total,
      page: this.page,
      size: this.size,
      totalPages: this.totalPages,
    };
  }
}
