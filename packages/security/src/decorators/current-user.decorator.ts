import { createParamDecorator, type ExecutionContext } from '@tenon/http';

/**
 * The authenticated user of the request, as the authentication guard left it (what the
 * `validate` option returned, else the token's claims); with a property name, that property.
 * `undefined` on `@Public()` and anonymous `@OptionalAuth()` requests.
 *
 * @example
 * @Get('me') me(@CurrentUser() user: User) { return user; }
 * @Get('mine') mine(@CurrentUser('id') userId: number) { return this.orders.of(userId); }
 */
export const CurrentUser = createParamDecorator((property: string | undefined, context: ExecutionContext) => {
  const user = context.getRequest<{ user?: unknown }>().user;
  if (property === undefined || user === undefined || user === null) return user;
  return (user as Record<string, unknown>)[property];
});
