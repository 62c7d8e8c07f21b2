/**
 * What `ExecutionContext.getClass()` and `getHandler()` name when an error happened where no
 * handler was chosen: an unknown route (404), a wrong method (405), a URL Fastify could not
 * decode, or a route that a plugin (Swagger UI, static files) serves. `getClass()` is
 * `NoController`, `getHandler()` is `NoController.prototype.handle`; neither carries metadata, so
 * `Reflector` lookups give `undefined`.
 *
 * @example
 * catch(error: HttpException, ctx: ExecutionContext) {
 *   if (ctx.getClass() === NoController) return { errors: { route: [error.message] } };
 * }
 */
export class NoController {
  /** Never called: it stands for the handler that was not found. */
  handle(): void {}
}
