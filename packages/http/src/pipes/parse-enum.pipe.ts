import type { ArgumentMetadata, PipeTransform } from '../metadata/enhancer-types';
import { parseFailure, type ParsePipeOptions } from './parse-error';

/**
 * Accepts one of the values of a TypeScript enum (string or numeric) and returns the enum value.
 *
 * @example
 * enum Status { Open = 'open', Done = 'done' }
 * @Get() list(@Query('status', new ParseEnumPipe(Status)) status: Status) {}
 */
export class ParseEnumPipe<E extends Record<string, string | number>> implements PipeTransform<
  unknown,
  E[keyof E] | undefined | null
> {
  private readonly values: (string | number)[];

  constructor(
    enumType: E,
    private readonly options: ParsePipeOptions = {},
  ) {
    // Numeric enums map names back to numbers too: keep only the values users write.
    this.values = Object.keys(enumType)
      .filter((key) => !/^\d+$/.test(key))
      .map((key) => enumType[key]!);
  }

  transform(value: unknown, metadata: ArgumentMetadata): E[keyof E] | undefined | null {
    if ((value === undefined || value === null) && this.options.optional) return value;
    for (const candidate of this.values) {
      if (
        candidate === value ||
        (typeof candidate === 'number' && typeof value === 'string' && String(candidate) === value)
      ) {
        return candidate as E[keyof E];
      }
    }
    throw parseFailure(
      metadata,
      'isEnum',
      `one of: ${this.values.join(', ')}`,
      this.options.errorHttpStatusCode,
      'enum string is expected',
    );
  }
}
