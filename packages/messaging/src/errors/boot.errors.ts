import { TenonError } from '@tenon/core';
import { MessagingErrorCode } from './errors';

/**
 * A subject given to `@MessagePattern`, `@EventPattern`, `emit()` or `send()` is empty or has
 * characters the brokers treat specially.
 *
 * @example
 * @EventPattern('orders created') // spaces are not allowed
 */
export class InvalidSubjectError extends TenonError {
  constructor(subject: unknown, where: string) {
    super(
      MessagingErrorCode.INVALID_SUBJECT,
      `${where} was given the subject ${JSON.stringify(subject)}, which is not a valid subject.\n` +
        `  Cause: a subject is one or more dot-separated tokens of letters, digits, '-' and '_' (e.g. 'orders.created'); ` +
        `spaces, wildcards ('*', '>', '#') and empty tokens mean different things on NATS, RabbitMQ and Redis.\n` +
        `  Fix: use a subject such as 'orders.created'.`,
    );
  }
}

/** Two `@MessagePattern` handlers answer the same subject in one application. */
export class DuplicateResponderError extends TenonError {
  constructor(subject: string, first: string, second: string) {
    super(
      MessagingErrorCode.DUPLICATE_RESPONDER,
      `The subject '${subject}' has two @MessagePattern handlers: ${first} and ${second}.\n` +
        `  Cause: a request gets one reply, so one handler per subject answers it in an application.\n` +
        `  Fix: remove one of them, or use @EventPattern for handlers that only react.`,
    );
  }
}

/** A transport's client library (an optional peer dependency) is not installed. */
export class ClientLibraryMissingError extends TenonError {
  constructor(transport: string, packages: readonly string[], cause: unknown) {
    super(
      MessagingErrorCode.CLIENT_LIBRARY_MISSING,
      `The ${transport} transport needs ${packages.join(' and ')}, which could not be loaded.\n` +
        `  Cause: the broker client libraries are optional peer dependencies of @tenon/messaging.\n` +
        `  Fix: npm install ${packages.join(' ')}`,
      { cause },
    );
  }
}

/** `@Idempotent()` or `Outbox` was used in an application without `@tenon/data`. */
export class DataModuleMissingError extends TenonError {
  constructor(feature: string) {
    super(
      MessagingErrorCode.DATA_MODULE_MISSING,
      `${feature} needs a database from @tenon/data, and no TransactionManager is registered.\n` +
        `  Cause: the inbox and the outbox are tables written in the same transaction as the handler's or the service's work.\n` +
        `  Fix: import DataModule.forRoot({ url }) in the application (and install @tenon/data).`,
    );
  }
}

/**
 * A guard, interceptor, pipe or filter class named in `@UseGuards()` (and friends) on a message
 * handler has constructor parameters, and the handler's module does not provide it.
 *
 * @example
 * @UseGuards(TenantGuard) // TenantGuard needs TenantService, but is not in the module's providers
 * @EventPattern('orders.created') onCreated() {}
 */
export class EnhancerNotProvidedError extends TenonError {
  constructor(kind: string, enhancer: string, handler: string, module: string, cause: unknown) {
    super(
      MessagingErrorCode.ENHANCER_NOT_PROVIDED,
      `The ${kind} ${enhancer} on the message handler ${handler} cannot be built: it has constructor parameters and ${module} does not provide it.\n` +
        `  Cause: enhancer classes of message handlers are taken from the handler's module, so that they get injection.\n` +
        `  Fix: add ${enhancer} to the providers of ${module} (or of a module it imports that exports it), or pass an instance.`,
      { cause },
    );
  }
}

/**
 * The application registers `APP_GUARD`, `APP_INTERCEPTOR`, `APP_PIPE` or `APP_FILTER` providers
 * (core's tokens), and @tenon/http, which runs guards and interceptors, is not installed: the
 * message handlers would run without them.
 *
 * @example
 * providers: [{ provide: APP_GUARD, useClass: TenantGuard }] // in a worker without @tenon/http installed
 */
export class HttpPackageMissingError extends TenonError {
  constructor(enhancers: readonly string[], cause?: unknown) {
    super(
      MessagingErrorCode.HTTP_PACKAGE_MISSING,
      `The application registers ${enhancers.join(', ')}, and @tenon/http, which runs guards, interceptors, pipes and filters on message handlers, is not installed.\n` +
        `  Cause: message handlers apply the APP_* enhancers through @tenon/http's handler pipeline (an optional peer of @tenon/messaging); without it they would run unguarded.\n` +
        `  Fix: npm install @tenon/http (no HTTP server is started: a plain ApplicationContext worker applies them too), or remove these providers.`,
      cause === undefined ? undefined : { cause },
    );
  }
}

/** `transportFromUrl()` was given a URL whose scheme names no transport. */
export class InvalidTransportUrlError extends TenonError {
  constructor(url: string) {
    // Credentials in a URL are not for logs.
    const shown = url.replace(/\/\/[^@/]*@/, '//***@');
    super(
      MessagingErrorCode.INVALID_TRANSPORT_URL,
      `transportFromUrl() was given '${shown}', whose scheme names no transport.\n` +
        `  Cause: the scheme picks the broker: nats://, amqp:// (amqps://), redis:// (rediss://), or memory:// for the in-process broker.\n` +
        `  Fix: use one of these schemes, e.g. nats://127.0.0.1:4222, or memory:// to run without a broker.`,
    );
  }
}
