import {
  Module,
  createConfigurableModule,
  type AsyncModuleOptions,
  type DynamicModule,
  type Provider,
} from '@tenon/core';
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
  validate: (options) => [
    ...(typeof options.jwt === 'object' && options.jwt !== null
      ? []
      : [
          "jwt: is required (e.g. { secret: process.env.JWT_SECRET, algorithms: ['HS256'], expiresIn: '1h' })",
        ]),
    // forRoot() takes it out before this check: here it came from a forRootAsync() factory,
    // too late to leave the guards out (they are registered before any factory runs).
    ...(options.globalGuards === undefined
      ? []
      : [
          'globalGuards: is decided when the module is declared, not by the forRootAsync() factory: pass it beside the factory, forRootAsync({ useFactory, globalGuards: false })',
        ]),
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

// Without the global guards: JwtService, PasswordHasher and the options stay, for applications
// that install guards of their own (an APP_GUARD, as a @nestjs/jwt application has).
function withoutGlobalGuards(module: DynamicModule): DynamicModule {
  const providers = (module.providers ?? []).filter(
    (p: Provider) => !(typeof p === 'object' && p !== null && 'provide' in p && p.provide === APP_GUARD),
  );
  return { ...module, providers };
}

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
 *
 * `globalGuards: false` (in `forRoot()`'s options or beside `forRootAsync()`'s factory) leaves
 * the guards out: `JwtService` and `PasswordHasher` only, for an application that keeps its
 * own `APP_GUARD`, or puts `AuthenticationGuard`/`RolesGuard` in `@UseGuards()` where it wants them.
 *
 * @example
 * SecurityModule.forRoot({ jwt: { secret: process.env.JWT_SECRET, algorithms: ['HS256'], expiresIn: '60s' }, globalGuards: false });
 */
@Module({})
export class SecurityModule extends ConfigurableModuleClass {
  static override forRoot(options: SecurityModuleOptions & { global?: boolean }): DynamicModule {
    const { globalGuards, ...rest } = options;
    const module = super.forRoot.call(this, rest);
    return globalGuards === false ? withoutGlobalGuards(module) : module;
  }

  static override forRootAsync(
    options: AsyncModuleOptions<SecurityModuleOptions> & { globalGuards?: boolean },
  ): DynamicModule {
    const { globalGuards, ...rest } = options;
    const module = super.forRootAsync.call(this, rest);
    return globalGuards === false ? withoutGlobalGuards(module) : module;
  }
}
