import 'reflect-metadata';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { SignJWT, exportJWK } from 'jose';
import { AuthenticationException, SecurityErrorCode, type JwtService } from '@tenon/security';
import { SECRET, bootJwt } from './boot-jwt';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token signed by hand with HMAC, for headers jose would not write. */
function hmacToken(header: object, payload: object, secret: string | Buffer): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

async function refusal(jwt: JwtService, token: string): Promise<AuthenticationException> {
  const error = await jwt.verify(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthenticationException);
  return error as AuthenticationException;
}

const now = (): number => Math.floor(Date.now() / 1000);

describe('JwtService with one HMAC secret', () => {
  let jwt: JwtService;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ jwt, close } = await bootJwt({
      jwt: { secret: SECRET, algorithms: ['HS256'], expiresIn: '1h', issuer: 'tenon-test', audience: 'api' },
    }));
  });
  afterAll(() => close());

  it('signs tokens that carry exp, iat, iss, aud and the claims, and verifies them', async () => {
    const token = await jwt.sign({ username: 'jake', exp: 1 }, { subject: '42' });
    const claims = await jwt.verify(token);
    expect(claims).toMatchObject({ sub: '42', username: 'jake', iss: 'tenon-test', aud: 'api' });
    // The caller's `exp` does not override the service's lifetime.
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(jwt.signingAlgorithm).toBe('HS256');
  });

  it.each([
    ['an empty token', '', 'The token is invalid: it is empty. Log in again to get a new token.'],
    [
      'two parts',
      'abc.def',
      'The token is invalid: it is not a signed JWT (three base64url parts). Log in again to get a new token.',
    ],
    [
      'an unsigned token',
      `${b64({ alg: 'none' })}.${b64({ sub: '1', exp: now() + 60 })}.`,
      'The token is invalid: it is not a signed JWT (three base64url parts). Log in again to get a new token.',
    ],
    [
      'characters outside base64url',
      'a+b.c/d.e=f',
      'The token is invalid: it is not a signed JWT (three base64url parts). Log in again to get a new token.',
    ],
    [
      'a header that is not JSON',
      `${Buffer.from('{nope').toString('base64url')}.${b64({})}.c2ln`,
      'The token is invalid: its header is not valid JSON. Log in again to get a new token.',
    ],
  ])('refuses %s', async (_case, token, message) => {
    const error = await refusal(jwt, token);
    expect(error.code).toBe(SecurityErrorCode.INVALID_TOKEN);
    expect(error.status).toBe(401);
    expect(error.message).toBe(message);
    expect(error.options.headers).toEqual({ 'www-authenticate': 'Bearer realm="api"' });
  });

  it('refuses alg "none" even with a signature part', async () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: '1', exp: now() + 60 })}.AAAA`;
    const error = await refusal(jwt, token);
    expect(error.message).toBe(
      'The token is invalid: its algorithm "none" is not accepted. Log in again to get a new token.',
    );
  });

  it('refuses an algorithm that is not pinned, even with the right secret', async () => {
    const token = await new SignJWT({ sub: '1' })
      .setProtectedHeader({ alg: 'HS512' })
      .setExpirationTime('1h')
      .setIssuer('tenon-test')
      .setAudience('api')
      .sign(Buffer.from(SECRET.repeat(2)));
    const error = await refusal(jwt, token);
    expect(error.message).toBe(
      'The token is invalid: its algorithm "HS512" is not accepted. Log in again to get a new token.',
    );
  });

  it('refuses a token without exp', async () => {
    const token = hmacToken(
      { alg: 'HS256', typ: 'JWT' },
      { sub: '1', iss: 'tenon-test', aud: 'api' },
      SECRET,
    );
    const error = await refusal(jwt, token);
    expect(error.code).toBe(SecurityErrorCode.INVALID_TOKEN);
    expect(error.message).toBe(
      'The token is invalid: its "exp" claim is missing. Log in again to get a new token.',
    );
  });

  it('refuses an expired token with its own code', async () => {
    const token = hmacToken(
      { alg: 'HS256' },
      { sub: '1', iss: 'tenon-test', aud: 'api', exp: now() - 10 },
      SECRET,
    );
    const error = await refusal(jwt, token);
    expect(error.code).toBe(SecurityErrorCode.TOKEN_EXPIRED);
    expect(error.message).toBe('The token has expired. Log in again to get a new token.');
  });

  it.each([
    [
      'issuer',
      { iss: 'someone-else', aud: 'api' },
      'The token is invalid: its "iss" claim is not accepted. Log in again to get a new token.',
    ],
    [
      'audience',
      { iss: 'tenon-test', aud: 'other-api' },
      'The token is invalid: its "aud" claim is not accepted. Log in again to get a new token.',
    ],
    [
      'missing issuer',
      { aud: 'api' },
      'The token is invalid: its "iss" claim is missing. Log in again to get a new token.',
    ],
  ])('refuses a wrong %s', async (_case, claims, message) => {
    const token = hmacToken({ alg: 'HS256' }, { sub: '1', exp: now() + 60, ...claims }, SECRET);
    const error = await refusal(jwt, token);
    expect(error.message).toBe(message);
  });

  it('refuses a token signed with another secret', async () => {
    const token = hmacToken(
      { alg: 'HS256' },
      { sub: '1', iss: 'tenon-test', aud: 'api', exp: now() + 60 },
      'x'.repeat(40),
    );
    const error = await refusal(jwt, token);
    expect(error.message).toBe(
      'The token is invalid: its signature does not match. Log in again to get a new token.',
    );
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = (await jwt.sign({ admin: false }, { subject: '1' })).split('.');
    const forged = `${header}.${b64({ sub: '1', admin: true, iss: 'tenon-test', aud: 'api', exp: now() + 60 })}.${signature}`;
    expect((await refusal(jwt, forged)).message).toContain('its signature does not match');
  });

  it('writes a numeric sub as a string (RFC 7519) and gives the number back, as @nestjs/jwt users expect', async () => {
    const token = await jwt.sign({ sub: 2, username: 'maria' });
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(payload).toMatchObject({ sub: '2', sub_type: 'number' });
    const claims = await jwt.verify(token);
    expect(claims).toMatchObject({ sub: 2, username: 'maria' });
    expect(claims).not.toHaveProperty('sub_type');
    // A string sub stays a string, and the subject option wins over the claim.
    await expect(jwt.verify(await jwt.sign({ sub: '2' }))).resolves.toMatchObject({ sub: '2' });
    const both = await jwt.verify(await jwt.sign({ sub: 2 }, { subject: 'u-7' }));
    expect(both.sub).toBe('u-7');
    expect(both).not.toHaveProperty('sub_type');
  });

  it('gives a sub back as the string it is when its digits are not the number they claim', async () => {
    const forgedType = hmacToken(
      { alg: 'HS256', typ: 'JWT' },
      { sub: '007', sub_type: 'number', iss: 'tenon-test', aud: 'api', exp: now() + 60 },
      SECRET,
    );
    await expect(jwt.verify(forgedType)).resolves.toMatchObject({ sub: '007', sub_type: 'number' });
  });

  it.each([
    [Number.NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [{ id: 1 }, 'an object'],
    [true, 'boolean'],
  ])('refuses to sign the sub %p with TENON_SECURITY_INVALID_SUBJECT', async (sub, shown) => {
    const error = await jwt.sign({ sub }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: SecurityErrorCode.INVALID_SUBJECT,
      message:
        `JwtService.sign() was given a "sub" claim that is ${shown}: a token's subject is a string (RFC 7519), and a finite number is written as its digits. ` +
        "Fix: pass the user's id as a string or a number, e.g. sign({ sub: user.id }) or sign(claims, { subject: String(user.id) }).",
    });
  });

  it('refuses oversized tokens before parsing them', async () => {
    const huge = `${b64({ alg: 'HS256' })}.${'A'.repeat(10_000)}.AAAA`;
    const error = await refusal(jwt, huge);
    expect(error.message).toBe(
      'The token is invalid: it is longer than 8192 characters. Log in again to get a new token.',
    );
  });
});

describe('JwtService with a key set (RS256, rotation)', () => {
  const oldPair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const newPair = generateKeyPairSync('rsa', { modulusLength: 2048 });

  it('verifies tokens of a retired key by kid, signs with the new one, refuses unknown kids', async () => {
    const before = await bootJwt({
      jwt: { keys: [{ kid: 'k1', privateKey: oldPair.privateKey }], algorithms: ['RS256'], expiresIn: 600 },
    });
    const oldToken = await before.jwt.sign({}, { subject: '7' });
    await before.close();
    const after = await bootJwt({
      jwt: {
        keys: [
          { kid: 'k2', privateKey: newPair.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string },
          { kid: 'k1', publicKey: await exportJWK(oldPair.publicKey) },
        ],
        algorithms: ['RS256'],
        expiresIn: 600,
      },
    });
    await expect(after.jwt.verify(oldToken)).resolves.toMatchObject({ sub: '7' });
    const newToken = await after.jwt.sign({}, { subject: '8' });
    expect(JSON.parse(Buffer.from(newToken.split('.')[0]!, 'base64url').toString())).toEqual({
      alg: 'RS256',
      typ: 'JWT',
      kid: 'k2',
    });
    await expect(after.jwt.verify(newToken)).resolves.toMatchObject({ sub: '8' });

    // A token naming a key the set no longer has.
    const third = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const stranger = await new SignJWT({ sub: '9' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k3' })
      .setExpirationTime('1h')
      .sign(third.privateKey);
    expect((await refusal(after.jwt, stranger)).message).toBe(
      'The token is invalid: it names an unknown key "k3". Log in again to get a new token.',
    );
    // The right kid with another key's signature.
    const impostor = await new SignJWT({ sub: '9' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k2' })
      .setExpirationTime('1h')
      .sign(third.privateKey);
    expect((await refusal(after.jwt, impostor)).message).toContain('its signature does not match');
    await after.close();
  });

  it('refuses HS256 tokens signed with the public key as the secret (algorithm confusion)', async () => {
    const { jwt, close } = await bootJwt({
      jwt: { keys: [{ kid: 'k1', privateKey: oldPair.privateKey }], algorithms: ['RS256'], expiresIn: 600 },
    });
    const pem = oldPair.publicKey.export({ format: 'pem', type: 'spki' }) as string;
    const token = hmacToken({ alg: 'HS256', kid: 'k1' }, { sub: '1', exp: now() + 60 }, pem);
    expect((await refusal(jwt, token)).message).toBe(
      'The token is invalid: its algorithm "HS256" is not accepted. Log in again to get a new token.',
    );
    await close();
  });

  it('keeps HMAC and RSA keys apart when both families are allowed', async () => {
    const { jwt, close } = await bootJwt({
      jwt: {
        keys: [
          { kid: 'rsa', privateKey: oldPair.privateKey },
          { kid: 'hmac', secret: SECRET },
        ],
        algorithms: ['RS256', 'HS256'],
        expiresIn: 600,
      },
    });
    const pem = oldPair.publicKey.export({ format: 'pem', type: 'spki' }) as string;
    // Confusion: HS256 with the RSA public key as secret, claiming the RSA key's kid.
    const confused = hmacToken({ alg: 'HS256', kid: 'rsa' }, { sub: '1', exp: now() + 60 }, pem);
    expect((await refusal(jwt, confused)).message).toBe(
      'The token is invalid: it names an unknown key "rsa". Log in again to get a new token.',
    );
    const honest = hmacToken({ alg: 'HS256', kid: 'hmac' }, { sub: '2', exp: now() + 60 }, SECRET);
    await expect(jwt.verify(honest)).resolves.toMatchObject({ sub: '2' });
    await close();
  });
});
