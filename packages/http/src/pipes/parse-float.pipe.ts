import type { ArgumentMetadata, PipeTransform } from '../metadata/enhancer-types';
import { parseFailure, type ParsePipeOptions } from './parse-error';

const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Turns a decimal number string into a number; `Infinity`, `NaN`, hex and empty strings are 400s.
 *
 * @example
 * @Get() near(@Query('lat', ParseFloatPipe) lat: number) {}
 */
export class ParseFloatPipe implements PipeTransform<unknown, number | undefined | null> {
  constructor(private readonly options: ParsePipeOptions = {}) {}

  transform(value: unknown, metadata: ArgumentMetadata): number | undefined | null {
    if ((value === undefined || value === null) && this.options.optional) return value;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && DECIMAL.test(value)) {
      const n = Number(value);
      if (Number.isFinite(n)) return n;
    }
    throw parseFailure(
      metadata,
      'isNumber',
      'a number',
      this.options.errorHttpStatusCode,
      'numeric string is expected',
    );
  }
}
