import type pino from 'pino';
import { pino as loadPino } from '../loading/lazy-modules';
import { currentRequestContext } from '../request/request-context';
import {
  resolveLogFormat,
  resolveLogLevel,
  type LogFormat,
  type LoggerOptions,
  type LogLevel,
} from './logger-options';
import { createPrettyStream } from './pretty-stream';

/**
 * Builds the pino logger every `Logger` writes through. Inside a request (or
 * `context.runInRequestScope()`), each line also carries the request's log bindings, `reqId`
 * first; errors under `err` or `error` are serialized with their type, message and stack.
 *
 * @example
 * const root = createRootLogger({ level: 'debug' });
 * new Logger('Worker', root).info('started');
 * // {"level":30,"time":…,"pid":…,"hostname":…,"context":"Worker","msg":"started"}
 */
export function createRootLogger(options: LoggerOptions = {}): pino.Logger {
  return prepareRootLogger(options)();
}

/**
 * Checks the options (and reads `LOG_LEVEL` / `LOG_FORMAT`) now, so that a wrong level is a boot
 * error, but builds the pino logger on the first call only: an application that never writes a
 * line (`logger: false`) does not pay for loading pino at start-up.
 */
export function prepareRootLogger(options: LoggerOptions = {}): () => pino.Logger {
  const level = resolveLogLevel(options.level, process.env);
  const format = resolveLogFormat(options.format, process.env);
  let root: pino.Logger | undefined;
  return () => (root ??= buildRootLogger(options, level, format));
}

function buildRootLogger(options: LoggerOptions, level: LogLevel, format: LogFormat): pino.Logger {
  const pino = loadPino();
  const config: pino.LoggerOptions = {
    level,
    mixin: requestBindings,
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
  };
  if (options.redact !== undefined && options.redact.length > 0) {
    config.redact = { paths: options.redact, censor: '[redacted]' };
  }
  const destination = format === 'pretty' ? createPrettyStream(options.destination) : options.destination;
  return destination === undefined ? pino(config) : pino(config, destination);
}

// Runs for every line written, so it only reads the AsyncLocalStorage store. The copy is needed:
// pino merges the line's fields into the object the mixin returns.
function requestBindings(): object {
  const context = currentRequestContext();
  return context === undefined ? {} : { ...context.logBindings };
}
