import { SetMetadata } from '@tenon/http';
import { ACCESS_METADATA, type AccessLevel } from './access.metadata';

/**
 * Opens a route (or every route of a controller) to anonymous callers: the global
 * authentication guard does not run for it. Every route without it requires authentication.
 *
 * @example
 * @Post('login') @Public() login(@Body() dto: LoginDto) {}
 */
export const Public = (): ClassDecorator & MethodDecorator =>
  SetMetadata<string, AccessLevel>(ACCESS_METADATA, 'public');

/**
 * Lets anonymous callers in, but authenticates those that send credentials: `@CurrentUser()`
 * is the user or `undefined`, and credentials that are sent must be valid (401 otherwise), so a
 * client with an expired token learns to log in again.
 *
 * @example
 * @Get(':slug') @OptionalAuth() get(@Param('slug') slug: string, @CurrentUser() viewer?: User) {}
 */
export const OptionalAuth = (): ClassDecorator & MethodDecorator =>
  SetMetadata<string, AccessLevel>(ACCESS_METADATA, 'optional');
