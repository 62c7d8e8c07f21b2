import type { HttpRequest } from '@tenon/http';

/** What the `Authorization` header holds for the given schemes. */
export type ExtractedToken =
  { found: false } | { found: true; token: string } | { found: true; malformed: true };

/**
 * Reads `Authorization: <scheme> <token>` for any of the schemes (compared case-insensitively,
 * RFC 9110). No header, or another scheme: not found. One of the schemes with no or several
 * tokens: malformed.
 *
 * @example
 * extractToken(request, ['Bearer', 'Token']); // { found: true, token: 'eyJ...' }
 */
export function extractToken(request: HttpRequest, schemes: readonly string[]): ExtractedToken {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || header.trim() === '') return { found: false };
  const trimmed = header.trim();
  const space = trimmed.search(/\s/);
  const scheme = (space === -1 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  if (!schemes.some((s) => s.toLowerCase() === scheme)) return { found: false };
  const token = space === -1 ? '' : trimmed.slice(space).trim();
  if (token === '' || /\s/.test(token)) return { found: true, malformed: true };
  return { found: true, token };
}
