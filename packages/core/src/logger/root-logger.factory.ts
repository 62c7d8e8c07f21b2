import pino from 'pino';
import { currentRequestContext } from '../request/request-context';
import { resolveLogFormat, resolveLogLevel, type LoggerOptions } from './logger-options';
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
  const level = resolveLogLevel(options.level, process.env);
  const format = resolveLogFormat(options.format, process.env);
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
