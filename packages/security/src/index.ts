// Types only: @tenon/core checks at import that the Reflect metadata polyfill is loaded.
import type {} from 'reflect-metadata';

export { SecurityErrorCode } from './errors/errors';
export { SecurityConfigError } from './errors/security-config.error';
export {
  AuthenticationException,
  MissingRoleException,
  InvalidPasswordException,
} from './errors/auth.exceptions';

export { SecurityModule } from './module/security.module';
export { SECURITY_OPTIONS } from './module/security.tokens';
export type {
  SecurityModuleOptions,
  JwtOptions,
  JwtKey,
  JwtAlgorithm,
  KeyMaterial,
  ValidateUser,
} from './module/security-options';

export { JwtService } from './jwt/jwt.service';
export type { JwtClaims, SignOptions } from './jwt/jwt-claims';

export { Public, OptionalAuth } from './decorators/public.decorator';
export { Roles } from './decorators/roles.decorator';
export { CurrentUser } from './decorators/current-user.decorator';
export { AuthenticationGuard } from './guards/authentication.guard';
export { RolesGuard } from './guards/roles.guard';

export { PasswordHasher } from './password/password-hasher';
export type { PasswordHasherOptions, LegacyPasswordVerifier } from './password/password-hasher-options';

export type { AuthStrategy, AuthResult } from './strategies/auth-strategy';
export { JwtStrategy } from './strategies/jwt.strategy';
export { passportStrategy } from './strategies/passport-strategy.adapter';
export type { PassportStrategyLike } from './strategies/passport-strategy.adapter';
export { extractToken } from './strategies/token-extractor';
export type { ExtractedToken } from './strategies/token-extractor';
