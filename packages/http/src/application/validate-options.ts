import { HttpErrorCode } from '../errors/errors';
import { HttpBootError } from '../errors/http-boot.error';
import type { HttpApplicationOptions } from './http-application-options';
import { TRAILING_SLASH_MODES } from '../routing/trailing-slash';
import { DEFAULT_SERVER_LIMITS, SERVER_LIMIT_NAMES } from './server-limits';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function invalid(method: string, option: string, problem: string, fix: string): HttpBootError {
  return new HttpBootError(
    HttpErrorCode.INVALID_OPTIONS,
    `The option ${option} of ${method} ${problem}. Fix: ${fix}.`,
  );
}

// Checked before boot so that a typo fails fast with the option's name, not deep in Fastify.
export function validateOptions(options: HttpApplicationOptions, method: string): void {
  const positive = (name: keyof HttpApplicationOptions): void => {
    const value = options[name];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)) {
      throw invalid(method, name, `is ${String(value)}`, 'give a positive integer');
    }
  };
  positive('bodyLimit');
  positive('maxJsonDepth');
  positive('drainTimeout');
  for (const name of SERVER_LIMIT_NAMES) {
    const value = options[name];
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
      throw invalid(method, name, `is ${String(value)}`, 'give a whole number, 0 or more (0 turns it off)');
    }
  }
  const {
    headersTimeout = DEFAULT_SERVER_LIMITS.headersTimeout,
    requestTimeout = DEFAULT_SERVER_LIMITS.requestTimeout,
  } = options;
  if (headersTimeout > 0 && requestTimeout > 0 && headersTimeout > requestTimeout) {
    throw invalid(
      method,
      'headersTimeout',
      `(${headersTimeout} ms) is longer than requestTimeout (${requestTimeout} ms), which includes the headers`,
      'give a headersTimeout no longer than requestTimeout, or raise requestTimeout',
    );
  }
  if (
    options.readinessGrace !== undefined &&
    !(Number.isInteger(options.readinessGrace) && options.readinessGrace >= 0)
  ) {
    throw invalid(
      method,
      'readinessGrace',
      `is ${String(options.readinessGrace)}`,
      'give a whole number of milliseconds, 0 or more',
    );
  }
  if (options.versioning?.type === 'header' && !/^[\w-]+$/.test(options.versioning.header ?? '')) {
    throw invalid(
      method,
      'versioning.header',
      `is "${String(options.versioning.header)}", not a header name`,
      "give a header name such as 'x-api-version'",
    );
  }
  if (options.trailingSlash !== undefined && !TRAILING_SLASH_MODES.includes(options.trailingSlash)) {
    throw invalid(
      method,
      'trailingSlash',
      `is ${JSON.stringify(options.trailingSlash)}`,
      "give 'strict', 'ignore' or 'redirect'",
    );
  }
  if (
    options.errorFormat !== undefined &&
    options.errorFormat !== 'problem' &&
    options.errorFormat !== 'nest'
  ) {
    throw invalid(
      method,
      'errorFormat',
      `is ${JSON.stringify(options.errorFormat)}`,
      "give 'problem' or 'nest'",
    );
  }
  if (
    options.requestScope !== undefined &&
    !(['always', 'auto', 'route'] as unknown[]).includes(options.requestScope)
  ) {
    throw invalid(
      method,
      'requestScope',
      `is ${JSON.stringify(options.requestScope)}`,
      "give 'auto', 'route' or 'always'",
    );
  }
  const idHeader: unknown = options.requestIdHeader;
  // An RFC 9110 field name: anything else Node refuses when the id is echoed, on every request.
  if (
    idHeader !== undefined &&
    idHeader !== false &&
    !(typeof idHeader === 'string' && HEADER_NAME.test(idHeader))
  ) {
    throw invalid(
      method,
      'requestIdHeader',
      `is ${JSON.stringify(idHeader) ?? String(idHeader)}, not a header name`,
      "give a header name such as 'x-request-id', or false to read and send none",
    );
  }
  if (options.globalPrefix !== undefined && /[\s?#%:*]/.test(options.globalPrefix)) {
    throw invalid(
      method,
      'globalPrefix',
      `is "${options.globalPrefix}"`,
      'use literal path segments only, e.g. "api" or "api/v1"',
    );
  }
}
