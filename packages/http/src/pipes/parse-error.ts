import { STATUS_CODES } from 'node:http';
import { HttpErrorCode } from '../errors/errors';
import { HttpException } from '../exceptions/http.exception';
import type { ArgumentMetadata } from '../metadata/enhancer-types';

/** Options shared by the parse pipes. */
export interface ParsePipeOptions {
  /** The status of the rejection (default 400). */
  errorHttpStatusCode?: number;
  /** Lets `undefined` and `null` through untouched. */
  optional?: boolean;
}

export function describeArgument(metadata: ArgumentMetadata): string {
  const where =
    metadata.type === 'param'
      ? 'route parameter'
      : metadata.type === 'query'
        ? 'query parameter'
        : metadata.type;
  return metadata.data ? `${where} "${metadata.data}"` : where;
}

/**
 * The rejection every parse pipe throws: a problem naming the argument and what was expected,
 * with one field error so clients handle it like any validation failure. The value is not
 * echoed: it may be long or sensitive. With `errorFormat: 'nest'`, NestJS's wording and
 * response instead (`nest`, e.g. `'numeric string is expected'`): `message` is
 * `'Validation failed (numeric string is expected)'` and `getResponse()` is
 * `{ statusCode, message, error }`, as NestJS's pipes throw them.
 */
export function parseFailure(
  metadata: ArgumentMetadata,
  constraint: string,
  expected: string,
  status = 400,
  nest = `${expected} is expected`,
): HttpException {
  if (metadata.errorFormat === 'nest') return nestParseFailure(`Validation failed (${nest})`, status);
  const property = metadata.data ?? metadata.type;
  return new HttpException(`The ${describeArgument(metadata)} must be ${expected}.`, status, {
    code: HttpErrorCode.VALIDATION_FAILED,
    errors: [{ property, constraints: { [constraint]: `${property} must be ${expected}` } }],
  });
}

/** A parse pipe's rejection as NestJS words it (`errorFormat: 'nest'`). */
export function nestParseFailure(message: string, status = 400): HttpException {
  return new HttpException({ statusCode: status, message, error: STATUS_CODES[status] }, status, {
    code: HttpErrorCode.VALIDATION_FAILED,
  });
}
