import { randomBytes } from 'node:crypto';

const MAX_BASE_LENGTH = 80;

/**
 * A URL-safe slug for a title, with a random suffix so that two articles with the same title
 * get different slugs without a lookup: `How to train your dragon` → `how-to-train-your-dragon-k3x9q2`.
 *
 * @example
 * slugify('Ça va? Très bien!'); // 'ca-va-tres-bien-…'
 */
export function slugify(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents, split off by NFKD
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_BASE_LENGTH)
    .replace(/-+$/, '');
  const suffix = randomBytes(6)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 6)
    .padEnd(6, '0');
  return base === '' ? `article-${suffix}` : `${base}-${suffix}`;
}

/** Trimmed, without duplicates, in alphabetical order: the spec lists tags sorted. */
export function normalizeTags(tags: readonly string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim()).filter((t) => t !== ''))].sort();
}
