import { Injectable } from '@tenon/core';
import { Reflector, UnauthorizedException, type CanActivate, type ExecutionContext } from '@tenon/http';
import type { AuthenticatedRequest } from './auth-user';
import { JwtService } from './jwt.service';
import { OPTIONAL_AUTH } from './optional-auth.decorator';

// The spec's scheme is `Token`; `Bearer` is accepted too because many clients send it.
const SCHEME = /^(?:Token|Bearer) +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;

/**
 * Authenticates `Authorization: Token <jwt>`. Puts the caller on `request.user`, where
 * `@CurrentUser()` finds it. Without a token: 401, unless the route is `@OptionalAuth()`. A
 * malformed, expired or forged token is 401 on every route, so clients learn to log in again.
 *
 * @example
 * @Controller('user') @UseGuards(AuthGuard)
 * export class UserController {}
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (header === undefined || header === '') {
      if (
        this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH, [context.getHandler(), context.getClass()])
      )
        return true;
      throw new UnauthorizedException(
        'Unauthorized: send the header "Authorization: Token <jwt>" (log in to get a token).',
      );
    }
    const match = typeof header === 'string' ? SCHEME.exec(header.trim()) : null;
    if (!match) {
      throw new UnauthorizedException('Unauthorized: the Authorization header must be "Token <jwt>".');
    }
    const token = match[1]!;
    const { userId } = this.jwt.verify(token);
    request.user = { id: userId, token };
    return true;
  }
}
