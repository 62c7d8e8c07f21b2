import { createParamDecorator, type ExecutionContext } from '@tenon/http';
import type { AuthenticatedRequest, AuthUser } from './auth-user';

/**
 * The caller authenticated by `AuthGuard`: an `AuthUser`, or `undefined` on an
 * `@OptionalAuth()` route called without a token.
 *
 * @example
 * @Get() me(@CurrentUser() user: AuthUser) { return this.users.current(user); }
 */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser | undefined =>
    context.getRequest<AuthenticatedRequest>().user,
);
