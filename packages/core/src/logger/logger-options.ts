import type { DestinationStream, Level } from 'pino';
import { InvalidLoggerOptionsError } from './invalid-logger-options.error';

/** A pino level, or `silent` to write nothing. */
export type LogLevel = Level | 'silent';

/** `json`: one JSON object per line (production). `pretty`: coloured, human-readable lines. */
export type LogFormat = 'json' | 'pretty';

/**
 * How the root logger is built.
 *
 * @example
 * const root = createRootLogger({ level: 'debug', format: 'pretty', redact: ['req.headers.authorization'] });
 */
export interface LoggerOptions {
  /** Default: `LOG_LEVEL`, else `info`. */
  level?: LogLevel;
  /** Default: `LOG_FORMAT`, else `pretty` when `NODE_ENV` is `development`, else `json`. */
  format?: LogFormat;
  /** Where lines go. Default: standard output. Tests pass a stream to capture lines. */
  destination?: DestinationStream;
  /** pino redaction paths (e.g. `req.headers.cookie`); matching values print as `[redacted]`. */
  redact?: string[];
}

export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
export const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty'];

type Env = Readonly<Record<string, string | undefined>>;

/** The level from the option, else `LOG_LEVEL` (any case), else `info`. */
export function resolveLogLevel(level: string | undefined, env: Env): LogLevel {
  if (level !== undefined) return check(level, LOG_LEVELS, 'the logger option `level`');
  const fromEnv = env['LOG_LEVEL']?.trim();
  return fromEnv ? check(fromEnv.toLowerCase(), LOG_LEVELS, 'LOG_LEVEL', fromEnv) : 'info';
}

/** The format from the option, else `LOG_FORMAT` (any case), else by `NODE_ENV`. */
export function resolveLogFormat(format: string | undefined, env: Env): LogFormat {
  if (format !== undefined) return check(format, LOG_FORMATS, 'the logger option `format`');
  const fromEnv = env['LOG_FORMAT']?.trim();
  if (fromEnv) return check(fromEnv.toLowerCase(), LOG_FORMATS, 'LOG_FORMAT', fromEnv);
  return env['NODE_ENV'] === 'development' ? 'pretty' : 'json';
}

function check<T extends string>(value: string, allowed: readonly T[], setting: string, written = value): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InvalidLoggerOptionsError(setting, written, allowed);
}
