import { HttpErrorCode } from '../errors/errors';
import { HttpException, type ProblemFieldError } from '../exceptions/http.exception';
import type { ArgumentMetadata, PipeTransform } from '../metadata/enhancer-types';
import { ValidationPipe, type ValidationPipeOptions } from '../validation/validation.pipe';
import { describeArgument, nestParseFailure, type ParsePipeOptions } from './parse-error';

/** Options of `ParseArrayPipe`. */
export interface ParseArrayPipeOptions extends ParsePipeOptions, ValidationPipeOptions {
  /** The item type: `Number`, `String`, `Boolean`, or a DTO class validated item by item. */
  items?: Function;
  /** Splits string input (default `,`). */
  separator?: string;
  /** Rejects more items than this (default 1000), so huge lists cannot exhaust the server. */
  maxItems?: number;
}

/**
 * Accepts a list, as a repeated query key (`?id=1&id=2`), a separated string (`?id=1,2`) or a
 * JSON array, and converts or validates each item.
 *
 * @example
 * @Get() byIds(@Query('ids', new ParseArrayPipe({ items: Number })) ids: number[]) {}
 * @Post('bulk') bulk(@Body(new ParseArrayPipe({ items: CreateTodoDto })) dtos: CreateTodoDto[]) {}
 */
export class ParseArrayPipe implements PipeTransform<unknown, unknown> {
  private readonly validation: ValidationPipe;

  constructor(private readonly options: ParseArrayPipeOptions = {}) {
    this.validation = new ValidationPipe(options);
  }

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if ((value === undefined || value === null) && this.options.optional) return value;
    const status = this.options.errorHttpStatusCode ?? 400;
    const property = metadata.data ?? metadata.type;
    let list: unknown[];
    if (Array.isArray(value)) list = value;
    else if (typeof value === 'string') list = value === '' ? [] : value.split(this.options.separator ?? ',');
    else {
      if (metadata.errorFormat === 'nest')
        throw nestParseFailure('Validation failed (parsable array expected)', status);
      throw new HttpException(`The ${describeArgument(metadata)} must be a list.`, status, {
        code: HttpErrorCode.VALIDATION_FAILED,
        errors: [{ property, constraints: { isArray: `${property} must be an array` } }],
      });
    }
    const max = this.options.maxItems ?? 1000;
    if (list.length > max) {
      throw new HttpException(`The ${describeArgument(metadata)} has more than ${max} items.`, status, {
        code: HttpErrorCode.VALIDATION_FAILED,
        errors: [
          {
            property,
            constraints: { arrayMaxSize: `${property} must contain no more than ${max} elements` },
          },
        ],
      });
    }
    const items = this.options.items;
    if (items === undefined || items === String) return items === String ? list.map((v) => String(v)) : list;
    const errors: ProblemFieldError[] = [];
    const out = list.map((item, i) => {
      const path = `${property}.${i}`;
      if (items === Number) {
        const n =
          typeof item === 'number'
            ? item
            : typeof item === 'string' && item.trim() !== ''
              ? Number(item)
              : NaN;
        if (!Number.isFinite(n))
          errors.push({ property: path, constraints: { isNumber: `${path} must be a number` } });
        return n;
      }
      if (items === Boolean) {
        if (item === true || item === 'true') return true;
        if (item === false || item === 'false') return false;
        errors.push({ property: path, constraints: { isBoolean: `${path} must be true or false` } });
        return item;
      }
      try {
        return this.validation.transform(item, { type: metadata.type, metatype: items });
      } catch (error) {
        if (error instanceof HttpException && error.options.errors) {
          for (const e of error.options.errors) errors.push({ ...e, property: `${path}.${e.property}` });
          return item;
        }
        if (error instanceof HttpException) {
          errors.push({ property: path, constraints: { isObject: `${path} must be an object` } });
          return item;
        }
        throw error;
      }
    });
    if (errors.length > 0) {
      const count = errors.length === 1 ? '1 invalid item' : `${errors.length} invalid items`;
      throw new HttpException(`The ${describeArgument(metadata)} has ${count}: see errors.`, status, {
        code: HttpErrorCode.VALIDATION_FAILED,
        errors,
      });
    }
    return out;
  }
}
