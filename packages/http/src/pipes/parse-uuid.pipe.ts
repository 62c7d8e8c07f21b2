import type { ArgumentMetadata, PipeTransform } from '../metadata/enhancer-types';
import { parseFailure, type ParsePipeOptions } from './parse-error';

const PATTERNS: Record<string, RegExp> = {
  all: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  '3': /^[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  '4': /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i,
  '5': /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i,
  '7': /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i,
};

/**
 * Accepts a UUID string (any version, or the one given) and returns it unchanged.
 *
 * @example
 * @Get(':id') get(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string) {}
 */
export class ParseUUIDPipe implements PipeTransform<unknown, string | undefined | null> {
  private readonly pattern: RegExp;

  constructor(private readonly options: ParsePipeOptions & { version?: '3' | '4' | '5' | '7' } = {}) {
    this.pattern = PATTERNS[options.version ?? 'all']!;
  }

  transform(value: unknown, metadata: ArgumentMetadata): string | undefined | null {
    if ((value === undefined || value === null) && this.options.optional) return value;
    if (typeof value === 'string' && this.pattern.test(value)) return value;
    const expected = this.options.version ? `a UUID (version ${this.options.version})` : 'a UUID';
    throw parseFailure(
      metadata,
      'isUuid',
      expected,
      this.options.errorHttpStatusCode,
      `uuid${this.options.version ? ` v ${this.options.version}` : ''} is expected`,
    );
  }
}
