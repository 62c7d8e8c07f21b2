import 'reflect-metadata';
import { UnauthorizedException } from '@tenon/http';
import jwt from 'jsonwebtoken';
import { AppConfig } from '../../src/config/app.config';
import { JwtService } from '../../src/auth/jwt.service';

function config(overrides: Partial<AppConfig> = {}): AppConfig {
  return Object.assign(new AppConfig(), {
    jwtSecret: 'a-test-secret-of-at-least-32-characters!',
    ...overrides,
  });
}

function rejection(run: () => unknown): UnauthorizedException {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UnauthorizedException);
    return error as UnauthorizedException;
  }
  throw new Error('expected a rejection');
}

describe('JwtService', () => {
  const service = new JwtService(config());
  const secret = config().jwtSecret;

  it('signs HS256 tokens with the user id as subject and an expiry, and reads them back', () => {
    const token = service.sign({ userId: 42, username: 'jake' });
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { alg: string };
    expect(header.alg).toBe('HS256');
    const payload = jwt.decode(token) as jwt.JwtPayload;
    expect(payload.sub).toBe('42');
    expect(payload.exp! - payload.iat!).toBe(7 * 24 * 3600);
    expect(service.verify(token)).toEqual({ userId: 42, username: 'jake' });
  });

  it('rejects alg none', () => {
    const unsigned = jwt.sign({ username: 'jake' }, '', { algorithm: 'none', subject: '42' });
    const error = rejection(() => service.verify(unsigned));
    expect(error.status).toBe(401);
    expect(error.detail).toBe('Unauthorized: the token is invalid. Log in again to get a new token.');
  });

  it('rejects a token signed with another secret, and a tampered payload', () => {
    const forged = jwt.sign({ username: 'jake' }, 'another-secret-of-at-least-32-characters', {
      algorithm: 'HS256',
      subject: '1',
    });
    expect(rejection(() => service.verify(forged)).detail).toBe(
      'Unauthorized: the token is invalid. Log in again to get a new token.',
    );
    const [h, , s] = service.sign({ userId: 1, username: 'jake' }).split('.');
    const payload = Buffer.from(JSON.stringify({ username: 'jake', sub: '2' })).toString('base64url');
    expect(rejection(() => service.verify(`${h}.${payload}.${s}`)).status).toBe(401);
  });

  it('rejects another algorithm even with the right key (HS512)', () => {
    const other = jwt.sign({ username: 'jake' }, secret, { algorithm: 'HS512', subject: '1' });
    expect(rejection(() => service.verify(other)).status).toBe(401);
  });

  it('rejects an expired token with its own message', () => {
    const expired = jwt.sign({ username: 'jake', exp: Math.floor(Date.now() / 1000) - 10 }, secret, {
      algorithm: 'HS256',
      subject: '1',
    });
    expect(rejection(() => service.verify(expired)).detail).toBe(
      'Unauthorized: the token has expired. Log in again to get a new token.',
    );
  });

  it('rejects a valid signature over claims that name no user', () => {
    for (const claims of [
      { username: 'jake' },
      { username: 'jake', sub: 'abc' },
      { sub: '1' },
      { username: 'jake', sub: '-1' },
    ]) {
      const token = jwt.sign(claims, secret, { algorithm: 'HS256' });
      expect(rejection(() => service.verify(token)).detail).toBe(
        'Unauthorized: the token does not name a user. Log in again to get a new token.',
      );
    }
  });

  it('rejects garbage', () => {
    expect(rejection(() => service.verify('not.a.token')).status).toBe(401);
  });
});
