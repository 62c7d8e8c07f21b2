import { Injectable, Logger } from '@tenon/core';
import { Catch, type ExceptionFilter, type ExecutionContext, type HttpReply } from '@tenon/http';
import { toConduitError } from './conduit-error';

/**
 * Gives every error response the RealWorld spec's shape (`{"errors": {"body": ["…"]}}`, 422 for
 * invalid input) instead of the framework's default problem+json. As a global filter it also
 * sees errors raised before a handler runs: malformed JSON, a body over the limit, unknown
 * routes and methods. Installed globally by `createConduitApp`; the framework's default stays
 * untouched for every other app.
 *
 * @example
 * await HttpApplication.create(AppModule, { globalFilters: [ConduitExceptionFilter] });
 */
@Catch()
@Injectable()
export class ConduitExceptionFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(error: unknown, context: ExecutionContext): void {
    const { status, body } = toConduitError(error);
    if (status >= 500)
      this.log.error(error instanceof Error ? error : new Error(String(error)), 'request failed');
    context.getReply<HttpReply>().code(status).type('application/json; charset=utf-8').send(body);
  }
}
