import 'reflect-metadata';
import { SecurityErrorCode } from '@tenon/security';
import { ConduitClient, createTestApp } from '../e2e/conduit-client';

// Issue 15, item 9: no constant secret in the source; without JWT_SECRET the API refuses to
// boot unless the development flag is set, and then signs with a secret of its own process.
jest.setTimeout(60_000);

describe('the JWT secret', () => {
  it('is required: without JWT_SECRET and without the development flag the boot fails', async () => {
    const error = await createTestApp({
      config: { jwtSecret: undefined, allowDevelopmentSecret: false },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: SecurityErrorCode.NO_SECRET });
    expect((error as Error).message).toContain('pass jwt.allowDevelopmentSecret: true');
  });

  it('is random per process with the development flag: tokens of another run are refused', async () => {
    const first = await createTestApp({ config: { jwtSecret: undefined, allowDevelopmentSecret: true } });
    const second = await createTestApp({ config: { jwtSecret: undefined, allowDevelopmentSecret: true } });
    try {
      const user = await new ConduitClient(first).register('dev');
      expect((await new ConduitClient(first).call('GET', '/user', { token: user.token })).status).toBe(200);
      const other = await new ConduitClient(second).call('GET', '/user', { token: user.token });
      expect(other.status).toBe(401);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
