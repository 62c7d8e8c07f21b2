import 'reflect-metadata';
import { HttpApplication } from '@tenon/http';
import { JwtService, SecurityConfigError, SecurityErrorCode } from '@tenon/security';
import { appWithSecretFrom } from './app';

describe('an application without a JWT secret', () => {
  it('does not boot, and says why and how to fix it', async () => {
    const error = await HttpApplication.create(appWithSecretFrom({}), {
      logger: false,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SecurityConfigError);
    expect((error as SecurityConfigError).code).toBe(SecurityErrorCode.NO_SECRET);
    expect((error as Error).message).toMatch(
      /^SecurityModule has no key to sign tokens with: .* Fix: pass jwt\.secret/,
    );
  });

  it('boots with a random per-process secret when the development flag is set', async () => {
    const app = await HttpApplication.create(appWithSecretFrom({ ALLOW_DEVELOPMENT_SECRET: 'true' }), {
      logger: false,
    });
    const token = await app.get(JwtService).sign({}, { subject: '1' });
    expect((await app.inject({ url: '/ping', headers: { authorization: `Bearer ${token}` } })).body).toBe(
      'pong',
    );
    expect((await app.inject({ url: '/ping' })).statusCode).toBe(401);
    await app.close();
  });

  it('boots with a secret from the environment', async () => {
    const app = await HttpApplication.create(appWithSecretFrom({ JWT_SECRET: 'x'.repeat(32) }), {
      logger: false,
    });
    expect(app.get(JwtService).signingAlgorithm).toBe('HS256');
    await app.close();
  });
});
