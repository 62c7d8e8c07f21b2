import { normalizeTags, slugify } from '../../src/articles/slug';

describe('slugify', () => {
  it('lower-cases, strips accents and punctuation, and adds a random suffix', () => {
    expect(slugify('How to train your dragon')).toMatch(/^how-to-train-your-dragon-[a-z0-9]{6}$/);
    expect(slugify('  Ça va? Très bien!  ')).toMatch(/^ca-va-tres-bien-[a-z0-9]{6}$/);
    expect(slugify('How to train your dragon')).not.toBe(slugify('How to train your dragon'));
  });

  it('falls back to "article" when nothing of the title survives, and bounds the length', () => {
    expect(slugify('?!*')).toMatch(/^article-[a-z0-9]{6}$/);
    expect(slugify('日本語')).toMatch(/^article-[a-z0-9]{6}$/);
    const long = slugify('word '.repeat(100));
    expect(long.length).toBeLessThanOrEqual(80 + 7);
    expect(long).toMatch(/^word(-word)*-[a-z0-9]{6}$/);
  });
});

describe('normalizeTags', () => {
  it('trims, drops blanks and duplicates, and sorts', () => {
    expect(normalizeTags(['training', ' dragons ', 'dragons', '', 'training'])).toEqual([
      'dragons',
      'training',
    ]);
    expect(normalizeTags(undefined)).toEqual([]);
  });
});
