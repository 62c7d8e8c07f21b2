import { Module, createConfigurableModule } from '@tenon/core';
import { APP_GUARD } from '@tenon/http';
import { AuthenticationGuard } from '../guards/authentication.guard';
import { RolesGuard } from '../guards/roles.guard';
import { JwtService } from '../jwt/jwt.service';
import { PasswordHasher } from '../password/password-hasher';
import type { SecurityModuleOptions } from './security-options';
import { SECURITY_OPTIONS } from './security.tokens';

const { ConfigurableModuleClass } = createConfigurableModule<SecurityModuleOptions>({
  name: 'SecurityModule',
  // Guards registered globally live in the root module: the services they need must be visible there.
  global: true,
  validate: (options) =>
    typeof options.jwt === 'object' && options.jwt !== null
      ? []
      : [
          "jwt: is required (e.g. { secret: process.env.JWT_SECRET, algorithms: ['HS256'], expiresIn: '1h' })",
        ],
  providers: (optionsToken) => [
    { provide: SECURITY_OPTIONS, useExisting: optionsToken },
    JwtService,
    PasswordHasher,
    // Global guards (@tenon/http's APP_GUARD), in this order: authentication leaves
    // request.user, then roles read it. They run before the application's own global guards.
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [SECURITY_OPTIONS, JwtService, PasswordHasher],
});

/**
 * Authentication and authorization: `JwtService` (signs and verifies tokens with `jose`),
 * `AuthenticationGuard` (denies unless `@Public()`) and `RolesGuard` (`@Roles()`), both
 * registered as global guards (`APP_GUARD`) by importing the module, `PasswordHasher`
 * (argon2id), and passport strategies through `passportStrategy()`. Global: import it once, in
 * the root module. The JWT key material is checked when the application
 * boots: without a secret, the boot fails (`TENON_SECURITY_NO_SECRET`) unless a development
 * secret is explicitly allowed.
 *
 * @example
 * @Module({
 *   imports: [
 *     SecurityModule.forRootAsync({
 *       imports: [UsersModule],
 *       inject: [AppConfig, UserRepository],
 *       useFactory: (config: AppConfig, users: UserRepository) => ({
 *         jwt: { secret: config.jwtSecret, algorithms: ['HS256'], expiresIn: '1h' },
 *         validate: (claims) => users.findById(Number(claims.sub)),
 *       }),
 *     }),
 *   ],
 * })
 * export class AppModule {} // every route now needs a token unless it is @Public()
 */
@Module({})
export class SecurityModule extends ConfigurableModuleClass {}
