import { Inject, Injectable, Optional } from '@tenon/core';
import { Reflector, type CanActivate, type ExecutionContext } from '@tenon/http';
import { ROLES_METADATA } from '../decorators/access.metadata';
import { AuthenticationException, MissingRoleException } from '../errors/auth.exceptions';
import type { SecurityModuleOptions } from '../module/security-options';
import { SECURITY_OPTIONS } from '../module/security.tokens';

function defaultRoles(user: unknown): readonly string[] | undefined {
  const roles = (user as { roles?: unknown } | null | undefined)?.roles;
  return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : undefined;
}

/**
 * Lets a request through when its route has no `@Roles()`, or when the user (left by the
 * authentication guard) has one of the listed roles; 403 `TENON_SECURITY_FORBIDDEN_ROLE`
 * otherwise, 401 without a user. Roles come from `user.roles`, or the `rolesOf` option.
 * `SecurityModule` registers it as a global guard (`APP_GUARD`) after `AuthenticationGuard`.
 *
 * @example
 * @Get('reports') @Roles('admin', 'auditor') reports() {}
 */
@Injectable()
export class RolesGuard implements CanActivate {
  private readonly rolesOf: (user: unknown) => readonly string[] | undefined;
  private readonly schemes: readonly string[];

  constructor(
    @Optional() @Inject(SECURITY_OPTIONS) options?: SecurityModuleOptions,
    @Optional() private readonly reflector: Reflector = new Reflector(),
  ) {
    this.rolesOf = options?.rolesOf ?? defaultRoles;
    this.schemes = options?.schemes ?? ['Bearer'];
  }

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<string[]>(ROLES_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required || required.length === 0) return true;
    const user = context.getRequest<{ user?: unknown }>().user;
    if (user === undefined || user === null) throw AuthenticationException.unauthenticated(this.schemes);
    const roles = this.rolesOf(user) ?? [];
    if (required.some((role) => roles.includes(role))) return true;
    throw new MissingRoleException(required);
  }
}
