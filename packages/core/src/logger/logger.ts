import { types } from 'node:util';
import type pino from 'pino';
import { defaultRootLogger } from './default-root-logger';

/** Extra fields of a log line, or an error (written under `err` with its stack). */
export type LogMeta = Record<string, unknown> | Error;

type Method = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * A contextual logger backed by pino. Every line carries `context` (by convention the class
 * name) and, inside a request, the request's bindings such as `reqId`. Injected by type, its
 * context is the consuming class; built by hand without a root, it writes through the default
 * root logger (created on first use from `LOG_LEVEL` / `LOG_FORMAT`, or the application's).
 *
 * @example
 * @Injectable()
 * export class OrdersService {
 *   constructor(private readonly log: Logger) {}
 *   place(order: Order) {
 *     this.log.info('order placed', { orderId: order.id });
 *   }
 * }
 *
 * const log = new Logger('Migrations');
 * log.error(new Error('disk full'), 'migration failed');
 */
export class Logger {
  private bound: pino.Logger | undefined;
  private boundTo: pino.Logger | undefined;
  // Set by withLazyRoot(): the application's root, built on the first line written.
  private rootFactory: (() => pino.Logger) | undefined;

  constructor(
    /** Written as `context` on every line. */
    readonly context?: string,
    private root?: pino.Logger,
  ) {}

  /**
   * The underlying pino logger (a child carrying `context`), for pino features this class does
   * not wrap. Without an explicit root it follows the current default root.
   */
  get pino(): pino.Logger {
    const root =
      this.root ?? (this.rootFactory === undefined ? defaultRootLogger() : (this.root = this.rootFactory()));
    if (this.boundTo !== root) {
      this.bound = this.context === undefined ? root : root.child({ context: this.context });
      this.boundTo = root;
    }
    return this.bound!;
  }

  trace(message: string, meta?: LogMeta): void {
    this.write('trace', message, meta);
  }

  debug(message: string, meta?: LogMeta): void {
    this.write('debug', message, meta);
  }

  info(message: string, meta?: LogMeta): void {
    this.write('info', message, meta);
  }

  /** The same as `info`, for code written against Nest's or the console's logger. */
  log(message: string, meta?: LogMeta): void {
    this.write('info', message, meta);
  }

  warn(message: string, meta?: LogMeta): void {
    this.write('warn', message, meta);
  }

  /** Logs at `error`; given an error first, the message defaults to the error's. */
  error(message: string, meta?: LogMeta): void;
  error(error: Error, message?: string): void;
  error(first: string | Error, second?: LogMeta | string): void {
    this.writeEither('error', first, second);
  }

  /** Logs at `fatal`; given an error first, the message defaults to the error's. */
  fatal(message: string, meta?: LogMeta): void;
  fatal(error: Error, message?: string): void;
  fatal(first: string | Error, second?: LogMeta | string): void {
    this.writeEither('fatal', first, second);
  }

  /** Whether a line at `level` would be written, to skip building expensive metadata. */
  isLevelEnabled(level: pino.Level): boolean {
    return this.pino.isLevelEnabled(level);
  }

  /**
   * A logger for a part of this one: its context is `Parent:part`.
   *
   * @example
   * const log = new Logger('Importer').child('Csv'); // context "Importer:Csv"
   */
  child(context: string): Logger {
    const child = new Logger(this.context === undefined ? context : `${this.context}:${context}`, this.root);
    child.rootFactory = this.rootFactory;
    return child;
  }

  private writeEither(level: Method, first: string | Error, second: LogMeta | string | undefined): void {
    if (typeof first === 'string')
      this.write(level, first, typeof second === 'string' ? { detail: second } : second);
    else this.write(level, typeof second === 'string' ? second : first.message, first);
  }

  private write(level: Method, message: string, meta: LogMeta | undefined): void {
    const logger = this.pino;
    if (!logger.isLevelEnabled(level)) return;
    if (meta === undefined) logger[level](message);
    else if (isError(meta)) logger[level]({ err: meta }, message);
    else logger[level](meta, message);
  }
}

/**
 * A logger writing through the root `root()` returns, called on the first line written (or the
 * first read of `pino`), so that building it (and loading pino) waits until it is needed.
 */
export function withLazyRoot(context: string | undefined, root: () => pino.Logger): Logger {
  const logger = new Logger(context);
  // Element access reaches the private field: the factory is not part of Logger's public API.
  logger['rootFactory'] = root;
  return logger;
}

function isError(value: unknown): value is Error {
  // isNativeError also recognises errors made in another realm (vm contexts, jest).
  return value instanceof Error || types.isNativeError(value);
}
