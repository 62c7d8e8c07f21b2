import type { PipeTransform } from '../metadata/enhancer-types';

/**
 * Replaces a missing value (`undefined`, `null`, `NaN`) with a default; put it before parse pipes.
 *
 * @example
 * @Get() list(@Query('page', new DefaultValuePipe(1), ParseIntPipe) page: number) {}
 */
export class DefaultValuePipe<T = unknown> implements PipeTransform<unknown, unknown> {
  constructor(private readonly defaultValue: T) {}

  transform(value: unknown): unknown {
    if (value === undefined || value === null || (typeof value === 'number' && Number.isNaN(value))) {
      return this.defaultValue;
    }
    return value;
  }
}
