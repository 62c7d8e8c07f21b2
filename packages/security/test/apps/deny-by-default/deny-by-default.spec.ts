import 'reflect-metadata';
import { HttpApplication } from '@tenon/http';
import { JwtService, SecurityErrorCode } from '@tenon/security';
import { AppModule, UserDirectory } from './app';

describe('a global AuthenticationGuard denies everything that is not @Public()', () => {
  let app: HttpApplication;
  let jwt: JwtService;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    app = await HttpApplication.create(AppModule, {
      logger: false,
    });
    jwt = app.get(JwtService);
    for (const sub of ['1', '2', '3']) token[sub] = await jwt.sign({}, { subject: sub });
  });
  afterAll(() => app.close());

  const get = (url: string, authorization?: string) =>
    app.inject({ method: 'GET', url, headers: authorization === undefined ? {} : { authorization } });

  it('answers 401 without credentials, as a problem with a code and WWW-Authenticate', async () => {
    const res = await get('/things');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api", Token realm="api"');
    expect(res.json()).toMatchObject({
      status: 401,
      code: SecurityErrorCode.UNAUTHENTICATED,
      detail: 'Authentication required: send the header "Authorization: Bearer <token>".',
    });
  });

  it('serves @Public() routes and controllers to anyone, without reading the token', async () => {
    expect((await get('/things/public')).json()).toEqual({ user: null });
    expect((await get('/things/public', 'Bearer garbage')).statusCode).toBe(200);
    expect((await get('/health')).json()).toEqual({ status: 'up' });
  });

  it('accepts the configured schemes, case-insensitively, and leaves the user for @CurrentUser()', async () => {
    expect((await get('/things', `Bearer ${token['1']}`)).json()).toEqual({ owner: 'ada' });
    expect((await get('/things', `Token ${token['2']}`)).json()).toEqual({ owner: 'bob' });
    expect((await get('/things', `bearer ${token['2']}`)).json()).toEqual({ owner: 'bob' });
    // Another scheme is no credential at all.
    expect((await get('/things', `Basic ${token['1']}`)).json()).toMatchObject({
      code: SecurityErrorCode.UNAUTHENTICATED,
    });
  });

  it.each([
    [
      'a scheme without a token',
      'Bearer',
      'The token is invalid: the Authorization header must be "Bearer <token>". Log in again to get a new token.',
    ],
    [
      'two tokens',
      'Bearer a.b.c d.e.f',
      'The token is invalid: the Authorization header must be "Bearer <token>". Log in again to get a new token.',
    ],
    [
      'a malformed token',
      'Bearer not-a-jwt',
      'The token is invalid: it is not a signed JWT (three base64url parts). Log in again to get a new token.',
    ],
  ])('answers 401 for %s', async (_case, header, detail) => {
    const res = await get('/things', header);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: SecurityErrorCode.INVALID_TOKEN, detail });
  });

  it('answers 401 TENON_SECURITY_UNKNOWN_USER when validate() finds no user (a deleted account)', async () => {
    const res = await get('/things', `Bearer ${token['3']}`);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      code: SecurityErrorCode.UNKNOWN_USER,
      detail:
        'The token names a user that does not exist or whose credentials changed. Log in again to get a new token.',
    });
  });

  it('lets anonymous callers into @OptionalAuth() routes but refuses bad credentials there', async () => {
    expect((await get('/things/optional')).json()).toEqual({ viewer: null });
    expect((await get('/things/optional', `Bearer ${token['1']}`)).json()).toEqual({ viewer: 'ada' });
    expect((await get('/things/optional', 'Bearer x.y.z')).statusCode).toBe(401);
    expect((await get('/things/optional', `Bearer ${token['3']}`)).statusCode).toBe(401);
  });

  it('checks @Roles() with RolesGuard: 403 with a code for a user without the role', async () => {
    expect((await get('/things/admin', `Bearer ${token['1']}`)).json()).toEqual({ ok: true });
    const res = await get('/things/admin', `Bearer ${token['2']}`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: SecurityErrorCode.FORBIDDEN_ROLE,
      detail: 'This route requires one of the roles: admin.',
    });
  });

  it('looks the user up once per request, even when the guard also runs on the controller', async () => {
    const users = app.get(UserDirectory);
    const before = users.lookups;
    expect((await get('/twice', `Bearer ${token['2']}`)).json()).toEqual({ id: 2 });
    expect(users.lookups - before).toBe(1);
    expect((await get('/twice')).statusCode).toBe(401);
  });
});
