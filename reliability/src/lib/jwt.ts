import { createHmac } from 'node:crypto';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An HS256 JWT signed with `secret` (written by hand: the suite must be able to forge bad ones). */
export function signHs256(claims: Record<string, unknown>, secret: string): string {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/** The forged tokens every JWT-protected API must refuse with 401. */
export function forgedTokens(claims: Record<string, unknown>, secret: string): Record<string, string> {
  const now = Math.floor(Date.now() / 1000);
  const valid = signHs256({ ...claims, iat: now, exp: now + 3600 }, secret);
  const [head, body] = valid.split('.');
  return {
    'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${body}.`,
    'alg none, no dot': `${b64({ alg: 'none', typ: 'JWT' })}.${body}`,
    'alg NONE': `${b64({ alg: 'NONE', typ: 'JWT' })}.${body}.`,
    'wrong signature': `${head}.${body}.${createHmac('sha256', `${secret}-other`).update(`${head}.${body}`).digest('base64url')}`,
    'signature of another payload': `${head}.${b64({ ...claims, sub: '999999', iat: now, exp: now + 3600 })}.${valid.split('.')[2]}`,
    'HS512 with the same secret': (() => {
      const h = `${b64({ alg: 'HS512', typ: 'JWT' })}.${body}`;
      return `${h}.${createHmac('sha512', secret).update(h).digest('base64url')}`;
    })(),
    expired: signHs256({ ...claims, iat: now - 7200, exp: now - 3600 }, secret),
    'not before in the future': signHs256({ ...claims, iat: now, nbf: now + 3600, exp: now + 7200 }, secret),
    malformed: 'not.a.jwt',
    empty: '',
  };
}
