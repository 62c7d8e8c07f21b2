import 'reflect-metadata';
import { HttpApplication } from '@tenon/http';
import { JwtService, SecurityErrorCode } from '@tenon/security';
import { AppModule } from './app';

describe('a passport strategy next to the JWT strategy', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(AppModule, { logger: false });
  });
  afterAll(() => app.close());

  const who = (authorization?: string) =>
    app.inject({ url: '/whoami', headers: authorization ? { authorization } : {} });

  it('authenticates users by JWT and machine clients by the passport bearer strategy', async () => {
    const jwt = await app.get(JwtService).sign({}, { subject: '5' });
    expect((await who(`Bearer ${jwt}`)).json()).toEqual({ user: '5' });
    expect((await who('Bearer opaque-token-1')).json()).toEqual({ client: 'billing' });
  });

  it('answers with the first refusal when no strategy succeeds', async () => {
    const res = await who('Bearer opaque-token-2');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      code: SecurityErrorCode.INVALID_TOKEN,
      detail:
        'The token is invalid: it is not a signed JWT (three base64url parts). Log in again to get a new token.',
    });
  });

  it('fails the request with a 500 when the strategy reports an error', async () => {
    const res = await who('Bearer explode');
    expect(res.statusCode).toBe(500);
  });

  it("answers 401 without credentials, with the passport strategy's own challenge", async () => {
    // passport-http-bearer fails (rather than passes) a request without a token.
    const res = await who();
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="Users"');
    expect(res.json()).toMatchObject({
      code: SecurityErrorCode.STRATEGY_FAILED,
      detail: 'Authentication failed (bearer).',
    });
  });
});
