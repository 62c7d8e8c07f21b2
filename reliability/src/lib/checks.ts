import type { IncomingHttpHeaders } from 'node:http';

type Headers = IncomingHttpHeaders | Record<string, string | string[] | number | undefined>;

function header(headers: Headers, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value);
}

/**
 * Why a response is not a well-formed RFC 9457 problem document (empty when it is): the media
 * type, a JSON object body, `type`/`title` strings, `status` equal to the HTTP status, optional
 * `detail`/`instance` strings, and `errors` entries with a property and constraints.
 */
export function problemDefects(status: number, headers: Headers, body: string): string[] {
  const defects: string[] = [];
  const type = header(headers, 'content-type');
  if (!type.startsWith('application/problem+json'))
    defects.push(`content-type is "${type}", not application/problem+json`);
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return [...defects, `body is not JSON: ${preview(body)}`];
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return [...defects, 'body is not an object'];
  const p = doc as Record<string, unknown>;
  if (typeof p.type !== 'string' || p.type === '') defects.push('no "type" string');
  if (typeof p.title !== 'string' || p.title === '') defects.push('no "title" string');
  if (p.status !== status) defects.push(`"status" is ${JSON.stringify(p.status)}, the response is ${status}`);
  if (p.detail !== undefined && typeof p.detail !== 'string') defects.push('"detail" is not a string');
  if (p.instance !== undefined && typeof p.instance !== 'string') defects.push('"instance" is not a string');
  if (p.errors !== undefined) {
    if (!Array.isArray(p.errors)) defects.push('"errors" is not an array');
    else
      for (const e of p.errors as unknown[]) {
        const entry = e as { property?: unknown; constraints?: unknown };
        if (typeof entry?.property !== 'string' || typeof entry.constraints !== 'object') {
          defects.push(`an "errors" entry lacks property/constraints: ${preview(JSON.stringify(e))}`);
          break;
        }
      }
  }
  return defects;
}

/**
 * Why a response is not the RealWorld spec's error shape (`{"errors":{"body":["…"]}}` as JSON),
 * which samples/realworld answers instead of problem documents.
 */
export function conduitErrorDefects(headers: Headers, body: string): string[] {
  const defects: string[] = [];
  const type = header(headers, 'content-type');
  if (!type.startsWith('application/json')) defects.push(`content-type is "${type}", not application/json`);
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return [...defects, `body is not JSON: ${preview(body)}`];
  }
  const errors = (doc as { errors?: { body?: unknown } } | null)?.errors;
  const messages = errors?.body;
  if (!Array.isArray(messages) || messages.length === 0 || messages.some((m) => typeof m !== 'string'))
    defects.push(`body is not {"errors":{"body":["…"]}}: ${preview(body)}`);
  else if (Object.keys(doc as object).length !== 1)
    defects.push(`body has keys besides "errors": ${preview(body)}`);
  return defects;
}

const LEAKS: [string, RegExp][] = [
  ['a stack trace', /\n\s+at \S|\bat [\w.<>]+ \(/],
  ['a source file path', /(\/[\w.@-]+)+\.(?:js|ts|mjs|cjs)\b|node:internal/],
  ['SQL', /\b(?:select\s+[\s\S]*\bfrom|insert\s+into|update\s+\S+\s+set|delete\s+from)\b/i],
  [
    'a database driver message',
    /relation "|syntax error at or near|violates (?:unique|foreign key|not-null|check)|duplicate key value|terminating connection|Connection terminated|ECONNREFUSED|ECONNRESET|postgres at |127\.0\.0\.1:5432|pglite/i,
  ],
  [
    'an internal error class',
    /\b(?:TypeError|ReferenceError|RangeError|SyntaxError|DataError|KyselyError|DatabaseError)\b/,
  ],
];

/** What a production error body gives away (empty when it gives away nothing). */
export function leaks(body: string): string[] {
  return LEAKS.filter(([, pattern]) => pattern.test(body)).map(([name]) => name);
}

export function preview(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}… (${text.length} chars)` : flat;
}
