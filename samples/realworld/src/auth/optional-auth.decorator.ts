import { SetMetadata } from '@tenon/http';

/** The metadata key `AuthGuard` reads. */
export const OPTIONAL_AUTH = 'conduit:optional-auth';

/**
 * Marks a route whose token is optional: anonymous requests pass, a token that is present must
 * still be valid. Routes without it require a token.
 *
 * @example
 * @Get() @OptionalAuth() list(@CurrentUser() user: AuthUser | undefined) {}
 */
export const OptionalAuth = (): ClassDecorator & MethodDecorator => SetMetadata(OPTIONAL_AUTH, true);
