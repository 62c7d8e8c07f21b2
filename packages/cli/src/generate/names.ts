import pluralize from 'pluralize';
import { CliError } from '../errors/cli.error';
import { CliErrorCode } from '../errors/errors';

/** The forms of one name that templates use (`cats` → `Cat`, `cat`, `cats`, `cat`, `cats`). */
export interface Names {
  /** PascalCase singular: the class base (`BlogPost`). */
  Name: string;
  /** PascalCase plural (`BlogPosts`). */
  Names: string;
  /** camelCase singular: a variable (`blogPost`). */
  name: string;
  /** camelCase plural (`blogPosts`). */
  names: string;
  /** kebab-case singular: the file base (`blog-post`). */
  file: string;
  /** The folder under src/ and test/: the name as typed, in kebab-case (`blog-posts`). */
  folder: string;
  /** kebab-case plural: the route (`blog-posts`). */
  path: string;
  /** snake_case plural: the table (`blog_posts`). */
  table: string;
}

const VALID = /^[A-Za-z][A-Za-z0-9_-]*$/;

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const pascal = (ws: string[]): string => ws.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
const camel = (ws: string[]): string => {
  const p = pascal(ws);
  return p[0]!.toLowerCase() + p.slice(1);
};

/**
 * Every form of `input`. The last word is made singular for classes and plural for routes and
 * tables (pluralize's English rules: `category` ↔ `categories`).
 *
 * @example
 * namesOf('blog-posts').Name; // 'BlogPost'
 */
export function namesOf(input: string): Names {
  if (!VALID.test(input))
    throw new CliError(
      CliErrorCode.INVALID_NAME,
      `"${input}" cannot name a class and its files: use letters, digits, "-" and "_", starting with a letter (e.g. cats, blog-posts).`,
    );
  const ws = words(input);
  const last = ws[ws.length - 1]!;
  const singular = [...ws.slice(0, -1), pluralize.singular(last)];
  const plural = [...ws.slice(0, -1), pluralize.plural(last)];
  return {
    Name: pascal(singular),
    Names: pascal(plural),
    name: camel(singular),
    names: camel(plural),
    file: singular.join('-'),
    folder: ws.join('-'),
    path: plural.join('-'),
    table: plural.join('_'),
  };
}
