import { Injectable, Logger } from '@tenon/core';
import { Catch, type ExceptionFilter, type ExecutionContext } from '@tenon/http';
import { toConduitError } from './conduit-error';

// The part of Fastify's reply this filter uses (the app has no direct dependency on fastify).
interface Reply {
  code(status: number): Reply;
  type(contentType: string): Reply;
  send(body: unknown): unknown;
}

/**
 * Gives every error response the RealWorld spec's shape (`{"errors": {"body": ["…"]}}`, 422 for
 * invalid input) instead of the framework's default problem+json. Installed globally by
 * `createConduitApp`; the framework's default stays untouched for every other app.
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
    context.getReply<Reply>().code(status).type('application/json; charset=utf-8').send(body);
  }
}
