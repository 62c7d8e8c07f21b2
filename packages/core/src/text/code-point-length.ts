/**
 * The length of a string in Unicode code points: what PostgreSQL's `varchar(n)` and `char_length`,
 * MySQL's `VARCHAR(n)` (utf8mb4) and Ajv's `maxLength` count. A surrogate pair (an emoji) is one;
 * a variation selector (U+FE0F) or a combining mark is one of its own; a lone surrogate is one.
 * The one definition of a string's length in Tenon: the data layer checks column lengths with it
 * and `@tenon/http` counts class-validator's `@MaxLength()`, `@MinLength()` and `@Length()` with it.
 *
 * @example
 * codePointLength('😀');        // 1 (2 UTF-16 units)
 * codePointLength('❤\uFE0F');  // 2 (validator.js counts 1)
 */
export function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}
