import type { onSendHookHandler } from 'fastify';
import { NO_STORE } from '../metadata/metadata-keys';

/**
 * Marks responses that carry credentials or other secrets (tokens, session data, a user's
 * profile) as not to be stored by any cache: every response of the route (or of every route of
 * the controller), errors included, gets `Cache-Control: no-store` and `Pragma: no-cache` (for
 * HTTP/1.0 caches), as OAuth 2.0 requires of token responses (RFC 6749, section 5.1). A browser,
 * a proxy or a CDN then keeps no copy a later user of the same machine or cache could read.
 *
 * @example
 * @Controller('users')
 * export class AuthController {
 *   @Post('login') @NoStore()
 *   login(@Body() dto: LoginDto) { return this.auth.login(dto); } // { token: '…' }
 * }
 *
 * @NoStore() // every route of the controller
 * @Controller('user')
 * export class CurrentUserController { ... }
 */
export function NoStore(): ClassDecorator & MethodDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    Reflect.defineMetadata(NO_STORE, true, descriptor !== undefined ? (descriptor.value as object) : target);
  };
}

/** True when the route's handler or its controller is marked with {@link NoStore}. */
export function isNoStore(controller: Function, handler: Function): boolean {
  return (
    Reflect.getMetadata(NO_STORE, handler) === true || Reflect.getMetadata(NO_STORE, controller) === true
  );
}

/**
 * The route hook that sets the headers on every response, as it is sent: success, errors of
 * guards, pipes and handlers, and replies a handler sends itself through `@Res()`.
 */
export const noStoreHook: onSendHookHandler = (_request, reply, payload, done) => {
  reply.header('cache-control', 'no-store');
  reply.header('pragma', 'no-cache');
  done(null, payload);
};
