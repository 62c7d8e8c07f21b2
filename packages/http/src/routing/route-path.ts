/** Joins path pieces into one route path: one leading slash, no doubled or trailing slashes. */
export function joinPath(...parts: string[]): string {
  const joined = parts
    .map((p) => p.trim())
    .filter((p) => p !== '' && p !== '/')
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .join('/');
  return `/${joined}`;
}

/**
 * Why a route path cannot be registered, or `undefined` when it is valid. Paths use Fastify's
 * syntax: `:name` params (optionally `:name(regex)`), `*` as the last segment, `::` for a
 * literal colon.
 */
export function invalidPathReason(path: string): string | undefined {
  if (/\s/.test(path)) return 'it contains whitespace';
  if (/[?#]/.test(path)) return 'it contains "?" or "#", which start the query string and fragment';
  if (path.includes('%')) return 'it contains "%": write characters as they are, not percent-encoded';
  if (path.includes('//')) return 'it contains an empty segment ("//")';
  const names: string[] = [];
  let depth = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth < 0) return 'it has a ")" without a matching "("';
    } else if (c === ':' && depth === 0) {
      if (path[i + 1] === ':') {
        i++;
        continue;
      }
      const match = /^[A-Za-z_$][\w$]*/.exec(path.slice(i + 1));
      if (!match) return `a ":" at position ${i} is not followed by a parameter name`;
      if (names.includes(match[0])) return `the parameter "${match[0]}" appears twice`;
      names.push(match[0]);
    } else if (c === '*' && depth === 0 && i !== path.length - 1) {
      return 'the wildcard "*" is not the last character';
    }
  }
  if (depth !== 0) return 'it has a "(" without a matching ")"';
  return undefined;
}

/** The path with parameter names erased, so `/a/:id` and `/a/:name` compare equal. */
export function pathShape(path: string): string {
  return path.replace(/(^|[^:]):[A-Za-z_$][\w$]*/g, '$1:');
}

/**
 * A regular expression matching the URLs the route path matches (used to answer 405); with
 * `trailingSlash`, also the path followed by slashes (Fastify's `ignoreTrailingSlash`).
 */
export function pathMatcher(path: string, trailingSlash = false): RegExp {
  let source = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (c === ':' && path[i + 1] === ':') {
      source += ':';
      i++;
    } else if (c === ':') {
      const name = /^[A-Za-z_$][\w$]*/.exec(path.slice(i + 1))![0];
      i += name.length;
      if (path[i + 1] === '(') {
        let depth = 0;
        let j = i + 1;
        for (; j < path.length; j++) {
          if (path[j] === '(') depth++;
          else if (path[j] === ')' && --depth === 0) break;
        }
        source += path
          .slice(i + 1, j + 1)
          .replace(/^\(\^/, '(')
          .replace(/\$\)$/, ')');
        i = j;
      } else {
        source += '[^/]+';
      }
    } else if (c === '*') {
      source += '.*';
    } else {
      source += c.replace(/[.+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(trailingSlash ? `^${source}/*$` : `^${source}$`);
}
