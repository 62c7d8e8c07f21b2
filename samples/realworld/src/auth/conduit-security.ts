import { extractToken, type JwtClaims, type SecurityModuleOptions } from '@tenon/security';
import type { HttpRequest } from '@tenon/http';
import type { AppConfig } from '../config/app.config';
import type { UserRepository } from '../users/user.repository';
import type { AuthUser } from './auth-user';
import { legacyScryptVerifier } from './legacy-scrypt.verifier';
import { TOKEN_VERSION_CLAIM } from './token-claims';

// The spec's scheme is `Token`; `Bearer` is accepted too because many clients send it.
const SCHEMES = ['Token', 'Bearer'];

/**
 * The security options of the Conduit API: HS256 tokens with the configured secret (or, only
 * when `ALLOW_DEVELOPMENT_SECRET=true`, a random one per process), `Authorization: Token <jwt>`,
 * and a `validate` that looks the account up once per request: a token whose user was deleted,
 * or that was issued before the last password change, is 401.
 *
 * @example
 * SecurityModule.forRootAsync({ imports: [UsersModule], inject: [AppConfig, UserRepository], useFactory: conduitSecurity });
 */
export function conduitSecurity(config: AppConfig, users: UserRepository): SecurityModuleOptions {
  return {
    jwt: {
      ...(config.jwtSecret !== undefined ? { secret: config.jwtSecret } : {}),
      algorithms: ['HS256'],
      expiresIn: config.jwtTtlSeconds,
      allowDevelopmentSecret: config.allowDevelopmentSecret,
    },
    schemes: SCHEMES,
    password: { legacy: [legacyScryptVerifier] },
    async validate(claims: JwtClaims, request: HttpRequest): Promise<AuthUser | null> {
      const id = Number(claims.sub);
      // Ids are 32-bit integer columns: anything else names no user.
      if (!Number.isSafeInteger(id) || id <= 0 || id > 2 ** 31 - 1) return null;
      const user = await users.findById(id);
      const version = claims[TOKEN_VERSION_CLAIM] ?? 0;
      if (!user || version !== user.tokenVersion) return null;
      const extracted = extractToken(request, SCHEMES);
      return { id, user, token: extracted.found && 'token' in extracted ? extracted.token : '' };
    },
  };
}
