import 'reflect-metadata';
import type { HttpRequest } from '@tenon/http';
import { Strategy as BearerStrategy } from 'passport-http-bearer';
import { Strategy as CustomStrategy } from 'passport-custom';
import {
  AuthenticationException,
  SecurityErrorCode,
  passportStrategy,
  type AuthResult,
} from '@tenon/security';

const request = (headers: Record<string, string> = {}, query: Record<string, string> = {}): HttpRequest =>
  ({ headers, query, body: undefined }) as unknown as HttpRequest;

function errorOf(result: AuthResult): AuthenticationException {
  expect(result.outcome).toBe('fail');
  return (result as { error: Error }).error as AuthenticationException;
}

describe('passportStrategy(): passport strategies as Tenon strategies', () => {
  const bearer = passportStrategy(
    new BearerStrategy((token, done) => {
      if (token === 'boom') return done(new Error('token store down'));
      return done(null, token === 'good' ? { id: 1 } : false);
    }),
  );

  it('maps success to the user', async () => {
    expect(bearer.name).toBe('bearer');
    await expect(bearer.authenticate(request({ authorization: 'Bearer good' }))).resolves.toEqual({
      outcome: 'success',
      user: { id: 1 },
    });
  });

  it('maps fail(challenge) to a 401 with the challenge as WWW-Authenticate', async () => {
    const error = errorOf(await bearer.authenticate(request({ authorization: 'Bearer bad' })));
    expect(error).toBeInstanceOf(AuthenticationException);
    expect(error.code).toBe(SecurityErrorCode.STRATEGY_FAILED);
    expect(error.message).toBe('Authentication failed (bearer).');
    expect(error.options.headers).toEqual({
      'www-authenticate': 'Bearer realm="Users", error="invalid_token"',
    });
  });

  it('maps fail(status 400) of a malformed request to a 400', async () => {
    const error = errorOf(
      await bearer.authenticate(request({ authorization: 'Bearer a b' }, { access_token: 'x' })),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe(SecurityErrorCode.STRATEGY_FAILED);
  });

  it('maps error(err) to a rejection with that error', async () => {
    await expect(bearer.authenticate(request({ authorization: 'Bearer boom' }))).rejects.toThrow(
      'token store down',
    );
  });

  it('maps pass() to skip, and a fail({ message }) to its message', async () => {
    const custom = passportStrategy(
      Object.assign(
        new CustomStrategy((req, done) => {
          const key = (req as unknown as HttpRequest).headers['x-api-key'];
          if (key === undefined)
            return (custom as unknown as { pass?: () => void }).pass?.() ?? done(null, false);
          return done(null, key === 'k1' ? { client: 'c1' } : false, { message: 'unknown API key' });
        }),
        { name: 'api-key' },
      ),
    );
    await expect(custom.authenticate(request({ 'x-api-key': 'k1' }))).resolves.toEqual({
      outcome: 'success',
      user: { client: 'c1' },
    });
    expect(errorOf(await custom.authenticate(request({ 'x-api-key': 'k2' }))).code).toBe(
      SecurityErrorCode.STRATEGY_FAILED,
    );

    const passing = passportStrategy({
      name: 'passing',
      authenticate(this: { pass(): void }) {
        this.pass();
      },
    });
    await expect(passing.authenticate(request())).resolves.toEqual({ outcome: 'skip' });
    const failing = passportStrategy({
      name: 'failing',
      authenticate(this: { fail(c: unknown): void; success(u: unknown): void }) {
        this.fail({ message: 'account locked' });
        this.success({ id: 2 }); // a second callback is ignored
      },
    });
    expect(errorOf(await failing.authenticate(request())).message).toBe(
      'Authentication failed (failing): account locked.',
    );
    const throwing = passportStrategy({
      name: 'throwing',
      authenticate() {
        throw new Error('strategy bug');
      },
    });
    await expect(throwing.authenticate(request())).rejects.toThrow('strategy bug');
  });
});
