import { HttpException } from '@tenon/http';

/** The RealWorld spec's error body: `{"errors": {"body": ["…"]}}`. */
export interface ConduitErrorBody {
  errors: { body: string[] };
}

/** A status and the spec's body for it. */
export interface ConduitError {
  status: number;
  body: ConduitErrorBody;
}

const INTERNAL: ConduitError = { status: 500, body: { errors: { body: ['Internal server error'] } } };

function numberField(error: object, key: string): number | undefined {
  const value = (error as Record<string, unknown>)[key];
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

function messageOf(error: object): string | undefined {
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && message !== '' ? message : undefined;
}

/**
 * Translates anything thrown while handling a request into the spec's status and error body.
 *
 * - Validation problems (one message per broken rule) and every other 400 become 422, the
 *   status the spec gives to input it cannot process: malformed JSON, wrong types, missing or
 *   unknown fields.
 * - Other HTTP errors (401, 403, 404, 413…) and coded errors that carry an HTTP status (the data
 *   package's optimistic-lock error is a 409) keep their status and message.
 * - Anything else is a 500 that says nothing about the cause (the filter logs it).
 *
 * @example
 * toConduitError(new NotFoundException('article not found'));
 * // { status: 404, body: { errors: { body: ['article not found'] } } }
 */
export function toConduitError(error: unknown): ConduitError {
  if (error instanceof HttpException) {
    const status = error.status === 400 ? 422 : error.status;
    if (status >= 500) return INTERNAL;
    const fields = error.options.errors ?? [];
    const messages = fields.flatMap((field) => Object.values(field.constraints));
    return {
      status,
      body: { errors: { body: messages.length > 0 ? messages : [error.detail ?? error.title] } },
    };
  }
  if (typeof error === 'object' && error !== null) {
    // Errors of Tenon packages that map to an HTTP status, and Fastify's own client errors
    // (body too large, unsupported media type), which carry `statusCode`.
    const status = numberField(error, 'status') ?? numberField(error, 'statusCode');
    if (status !== undefined && status >= 400 && status < 500) {
      return {
        status: status === 400 ? 422 : status,
        body: { errors: { body: [messageOf(error) ?? 'The request cannot be processed'] } },
      };
    }
  }
  return INTERNAL;
}
