import { isUtf8 } from 'node:buffer';
import type { FastifyRequest } from 'fastify';
import { HttpErrorCode } from '../errors/errors';
import { BadRequestException } from '../exceptions/http-exceptions';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function badRequest(code: string, detail: string): BadRequestException {
  return new BadRequestException(detail, { code });
}

// Walks the parsed value without recursion (a 10,000-level body must not overflow the stack),
// looking for keys that could pollute prototypes downstream and for excessive depth.
function inspect(
  root: unknown,
  maxDepth: number,
  checkKeys: boolean,
  checkDepth: boolean,
): Error | undefined {
  const stack: [unknown, number, string][] = [[root, 0, '$']];
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (checkDepth && depth >= maxDepth) {
      return badRequest(
        HttpErrorCode.JSON_TOO_DEEP,
        `The JSON body is nested more than ${maxDepth} levels deep: flatten the document.`,
      );
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item === 'object' && item !== null) stack.push([item, depth + 1, `${path}[${i}]`]);
      }
      continue;
    }
    for (const key of Object.keys(value)) {
      if (checkKeys && FORBIDDEN_KEYS.has(key)) {
        return badRequest(
          HttpErrorCode.FORBIDDEN_JSON_KEY,
          `The JSON body contains the key "${key}" at ${path}: such keys can alter object prototypes and are refused. Rename the property.`,
        );
      }
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) stack.push([item, depth + 1, `${path}.${key}`]);
    }
  }
  return undefined;
}

/**
 * Whether the text holds more than `limit` opening brackets. A value is refused for depth when
 * it has a container at depth `limit`, which takes `limit + 1` nested containers, so a text with
 * no more than `limit` opening brackets cannot be too deep (brackets inside strings only make
 * the count err on the safe side). Two native searches cost a small part of the walk they spare
 * on most bodies longer than `limit` characters (a fifteenth on a 500-byte article).
 */
function moreOpeningBrackets(text: string, limit: number): boolean {
  let count = 0;
  for (let i = text.indexOf('{'); i !== -1; i = text.indexOf('{', i + 1)) if (++count > limit) return true;
  for (let i = text.indexOf('['); i !== -1; i = text.indexOf('[', i + 1)) if (++count > limit) return true;
  return false;
}

/**
 * Fastify content-type parser for JSON: refuses empty bodies, invalid UTF-8, malformed JSON,
 * `__proto__`/`constructor`/`prototype` keys at any depth, and nesting deeper than `maxDepth`,
 * each with its own 400 problem. The walks run only when the raw text could contain what they
 * look for, so ordinary small bodies cost one `JSON.parse`.
 */
export function jsonBodyParser(maxDepth: number) {
  return (
    _request: FastifyRequest,
    body: Buffer,
    done: (error: Error | null, value?: unknown) => void,
  ): void => {
    if (body.length === 0) {
      return done(
        badRequest(
          HttpErrorCode.EMPTY_BODY,
          'The request says its body is JSON but the body is empty: send a JSON document or drop the Content-Type header.',
        ),
      );
    }
    const text = body.toString('utf8');
    // Decoding turns invalid sequences into U+FFFD, so only a body whose text has one can be
    // invalid: the full check (a native call, a quarter of a small body's parse) runs only then.
    if (text.includes('\uFFFD') && !isUtf8(body)) {
      return done(
        badRequest(
          HttpErrorCode.INVALID_UTF8,
          'The request body is not valid UTF-8: encode the JSON text as UTF-8.',
        ),
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'syntax error';
      return done(
        badRequest(
          HttpErrorCode.MALFORMED_JSON,
          `The request body is not valid JSON (${reason}): fix the JSON syntax.`,
        ),
      );
    }
    // Escapes (\u005f…) can spell a key without its letters appearing in the raw text.
    const checkKeys =
      text.includes('__proto__') ||
      text.includes('constructor') ||
      text.includes('prototype') ||
      text.includes('\\u');
    const checkDepth = text.length > maxDepth && moreOpeningBrackets(text, maxDepth);
    if (checkKeys || checkDepth) {
      const problem = inspect(value, maxDepth, checkKeys, checkDepth);
      if (problem) return done(problem);
    }
    done(null, value);
  };
}
