import { Inject, Injectable, Optional } from '@tenon/core';
import { Reflector, type CanActivate, type ExecutionContext, type HttpRequest } from '@tenon/http';
import { ACCESS_METADATA, type AccessLevel } from '../decorators/access.metadata';
import { AuthenticationException } from '../errors/auth.exceptions';
import { JwtService } from '../jwt/jwt.service';
import type { SecurityModuleOptions } from '../module/security-options';
import { SECURITY_OPTIONS } from '../module/security.tokens';
import type { AuthStrategy } from '../strategies/auth-strategy';
import { JwtStrategy } from '../strategies/jwt.strategy';

// Set on a request once it went through authentication, so that the guard registered both
// globally and on a controller authenticates (and looks the user up) once.
const AUTHENTICATED = Symbol('tenon.security.authenticated');

type AuthenticatedRequest = HttpRequest & { user?: unknown; [AUTHENTICATED]?: true };

/**
 * Denies every request unless its route is `@Public()`: the strategies (the JWT one first,
 * then `strategies`) are tried in order, the first success puts the user on `request.user`
 * (for `@CurrentUser()`), and the first refusal is the 401 when none succeeds. `@OptionalAuth()`
 * routes also let anonymous requests in. `SecurityModule` registers it as a global guard
 * (`APP_GUARD`), ahead of the application's own global guards; naming it again on a controller
 * does not authenticate twice.
 *
 * @example
 * @Module({ imports: [SecurityModule.forRoot({ jwt: { secret, algorithms: ['HS256'], expiresIn: '1h' } })] })
 * export class AppModule {} // every route needs a token unless @Public()
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly strategies: AuthStrategy[];
  private readonly schemes: readonly string[];

  constructor(
    @Inject(SECURITY_OPTIONS) options: SecurityModuleOptions,
    jwt: JwtService,
    // Injected under HTTP; a context booted without @tenon/http has none, and the class needs
    // no more than a fresh one.
    @Optional() private readonly reflector: Reflector = new Reflector(),
  ) {
    this.schemes = options.schemes ?? ['Bearer'];
    this.strategies = [new JwtStrategy(jwt, this.schemes, options.validate), ...(options.strategies ?? [])];
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<AccessLevel>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access === 'public') return true;
    const request = context.getRequest<AuthenticatedRequest>();
    if (request[AUTHENTICATED]) {
      if (request.user !== undefined || access === 'optional') return true;
      throw AuthenticationException.unauthenticated(this.schemes);
    }
    const user = await this.authenticate(request);
    request[AUTHENTICATED] = true;
    if (user !== undefined) request.user = user;
    else if (access !== 'optional') throw AuthenticationException.unauthenticated(this.schemes);
    return true;
  }

  /**
   * The user the request authenticates as, `undefined` when it sends no credentials any
   * strategy reads; throws the first strategy's refusal when credentials were refused.
   */
  async authenticate(request: HttpRequest): Promise<unknown> {
    let refusal: Error | undefined;
    for (const strategy of this.strategies) {
      const result = await strategy.authenticate(request);
      if (result.outcome === 'success') return result.user;
      if (result.outcome === 'fail') refusal ??= result.error;
    }
    if (refusal) throw refusal;
    return undefined;
  }
}
