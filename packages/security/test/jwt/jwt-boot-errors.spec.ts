import 'reflect-metadata';
import { generateKeyPairSync } from 'node:crypto';
import { SecurityConfigError, SecurityErrorCode, type SecurityModuleOptions } from '@tenon/security';
import { SECRET, bootJwt } from './boot-jwt';

async function bootError(options: SecurityModuleOptions): Promise<SecurityConfigError> {
  const error = await bootJwt(options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SecurityConfigError);
  return error as SecurityConfigError;
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('JwtService: the options are checked at boot', () => {
  const env = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = env;
  });

  it('refuses to boot without a secret', async () => {
    const error = await bootError({ jwt: { algorithms: ['HS256'], expiresIn: '1h' } });
    expect(error.code).toBe(SecurityErrorCode.NO_SECRET);
    expect(error.message).toBe(
      'SecurityModule has no key to sign tokens with: jwt.secret and jwt.keys are both missing. ' +
        'Tokens signed with a secret written in the source can be forged by anyone who reads it, so there is no default. ' +
        'Fix: pass jwt.secret (at least 32 bytes, e.g. from an environment variable) or jwt.keys; ' +
        'for local development only, pass jwt.allowDevelopmentSecret: true to sign with a random secret made for this process (its tokens die with it).',
    );
  });

  it('treats an empty secret (an unset environment variable) as no secret', async () => {
    const error = await bootError({ jwt: { secret: '', algorithms: ['HS256'], expiresIn: '1h' } });
    expect(error.code).toBe(SecurityErrorCode.NO_SECRET);
  });

  it('signs with a random per-process secret only when explicitly allowed', async () => {
    process.env.NODE_ENV = 'development';
    const a = await bootJwt({
      jwt: { algorithms: ['HS256'], expiresIn: '1h', allowDevelopmentSecret: true },
    });
    const b = await bootJwt({
      jwt: { algorithms: ['HS256'], expiresIn: '1h', allowDevelopmentSecret: true },
    });
    const token = await a.jwt.sign({}, { subject: '1' });
    await expect(a.jwt.verify(token)).resolves.toMatchObject({ sub: '1' });
    // Another boot has another secret: its tokens are not accepted.
    await expect(b.jwt.verify(token)).rejects.toMatchObject({ code: SecurityErrorCode.INVALID_TOKEN });
    await a.close();
    await b.close();
  });

  it('refuses the development secret in production', async () => {
    process.env.NODE_ENV = 'production';
    const error = await bootError({
      jwt: { algorithms: ['HS256'], expiresIn: '1h', allowDevelopmentSecret: true },
    });
    expect(error.code).toBe(SecurityErrorCode.DEVELOPMENT_SECRET_IN_PRODUCTION);
    expect(error.message).toBe(
      'SecurityModule: jwt.allowDevelopmentSecret is true while NODE_ENV is "production": every restart would log every user out, ' +
        'and each instance behind a load balancer would refuse the tokens of the others. ' +
        'Fix: set jwt.secret or jwt.keys in production, and allow the development secret only outside it.',
    );
  });

  it('refuses a secret shorter than the hash of its algorithm', async () => {
    const error = await bootError({ jwt: { secret: 'short', algorithms: ['HS256'], expiresIn: 60 } });
    expect(error.code).toBe(SecurityErrorCode.WEAK_SECRET);
    expect(error.message).toBe(
      'SecurityModule: jwt.secret is 5 bytes long, shorter than the 32 bytes HS256 needs (RFC 7518, section 3.2): ' +
        'a short secret can be guessed offline from any token. ' +
        "Fix: use a random secret of at least 32 bytes, e.g. the output of `node -e \"console.log(require('crypto').randomBytes(32).toString('base64url'))\"`.",
    );
    const hs512 = await bootError({
      jwt: { keys: [{ kid: 'k1', secret: SECRET }], algorithms: ['HS512'], expiresIn: 60 },
    });
    expect(hs512.message).toContain(
      'the secret of key "k1" is 36 bytes long, shorter than the 64 bytes HS512 needs',
    );
  });

  it.each([
    [
      'no algorithms',
      { secret: SECRET, algorithms: [], expiresIn: 60 },
      "SecurityModule: the jwt options are invalid: jwt.algorithms is empty or missing. Fix: list the algorithms tokens may use, e.g. algorithms: ['HS256'] (secret) or ['RS256'] (key pair).",
    ],
    [
      'alg none',
      { secret: SECRET, algorithms: ['none'], expiresIn: 60 },
      'SecurityModule: the jwt options are invalid: jwt.algorithms names "none", which is not a supported signing algorithm ("none" never is). Fix: use only HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA.',
    ],
    [
      'no expiry',
      { secret: SECRET, algorithms: ['HS256'] },
      "SecurityModule: the jwt options are invalid: jwt.expiresIn is undefined, not a positive number of seconds or a time span. Fix: give a lifetime such as 900 or '15m', '12h', '7d' (every token carries an expiry).",
    ],
    [
      'a zero expiry',
      { secret: SECRET, algorithms: ['HS256'], expiresIn: 0 },
      "SecurityModule: the jwt options are invalid: jwt.expiresIn is 0, not a positive number of seconds or a time span. Fix: give a lifetime such as 900 or '15m', '12h', '7d' (every token carries an expiry).",
    ],
    [
      'an unknown expiry unit',
      { secret: SECRET, algorithms: ['HS256'], expiresIn: '3 fortnights' },
      'SecurityModule: the jwt options are invalid: jwt.expiresIn is "3 fortnights", not a positive number of seconds or a time span.',
    ],
    [
      'a secret with an RSA algorithm',
      { secret: SECRET, algorithms: ['RS256'], expiresIn: 60 },
      'SecurityModule: the jwt options are invalid: the secret key fits none of the algorithms RS256. Fix: list an algorithm for it (HS256, HS384, HS512) or remove the key.',
    ],
    [
      'secret and keys',
      { secret: SECRET, keys: [{ kid: 'a', secret: SECRET }], algorithms: ['HS256'], expiresIn: 60 },
      'SecurityModule: the jwt options are invalid: jwt.secret and jwt.keys are both set. Fix: keep one: secret for a single HMAC secret, keys for a key set.',
    ],
    [
      'two keys with one kid',
      {
        keys: [
          { kid: 'a', secret: SECRET },
          { kid: 'a', secret: SECRET },
        ],
        algorithms: ['HS256'],
        expiresIn: 60,
      },
      'SecurityModule: the jwt options are invalid: two keys have the kid "a". Fix: give every key a distinct, non-empty kid: tokens name the key that signed them.',
    ],
    [
      'only public keys',
      { keys: [{ kid: 'old', publicKey: rsa.publicKey }], algorithms: ['RS256'], expiresIn: 60 },
      'SecurityModule: the jwt options are invalid: no key can sign: every key of jwt.keys has only a public key. Fix: give the signing key its secret or privateKey (verify-only keys are for retired or foreign signers).',
    ],
  ])('refuses %s (TENON_SECURITY_INVALID_JWT_OPTIONS)', async (_case, jwt, message) => {
    const error = await bootError({ jwt } as unknown as SecurityModuleOptions);
    expect(error.code).toBe(SecurityErrorCode.INVALID_JWT_OPTIONS);
    if (message.endsWith('.') && message.includes('Fix:')) expect(error.message).toBe(message);
    else expect(error.message.startsWith(message)).toBe(true);
  });

  it('refuses a key that does not load', async () => {
    const error = await bootError({
      jwt: {
        keys: [{ kid: 'broken', privateKey: '-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----' }],
        algorithms: ['RS256'],
        expiresIn: 60,
      },
    });
    expect(error.code).toBe(SecurityErrorCode.INVALID_KEY);
    expect(error.message).toMatch(
      /^SecurityModule: the key "broken" of jwt\.keys does not load \(.+\)\. Fix: give secret keys as a string or bytes, and RSA, EC or Ed25519 keys as PEM text, a JWK object or a KeyObject\.$/,
    );
    expect((error.cause as { message?: unknown }).message).toEqual(expect.any(String));
  });
});
