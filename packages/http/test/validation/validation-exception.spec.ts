import 'reflect-metadata';
import { TenonError } from '@tenon/core';
import { HttpException } from '../../src';
import { validationException } from '../../src/validation/validation-exception';

describe('validationException', () => {
  const fields = [{ property: 'name', constraints: { isString: 'name must be a string' } }];

  it('is the HttpException the constructor gives with no stack frames', () => {
    const made = validationException('The request body has 1 invalid field: see errors.', 400, fields);
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    const built = new HttpException('The request body has 1 invalid field: see errors.', 400, {
      code: 'TENON_HTTP_VALIDATION_FAILED',
      errors: fields,
    });
    Error.stackTraceLimit = limit;
    expect(made).toBeInstanceOf(HttpException);
    expect(made).toBeInstanceOf(TenonError);
    expect(made).toBeInstanceOf(Error);
    expect(made.code).toBe('TENON_HTTP_VALIDATION_FAILED');
    expect(made.message).toBe('The request body has 1 invalid field: see errors.');
    expect(made.stack).toBe(built.stack);
    expect(made.getStatus()).toBe(400);
    expect(made.getResponse()).toEqual(built.getResponse());
    expect(Reflect.ownKeys(made)).toEqual(Reflect.ownKeys(built));
    for (const key of Reflect.ownKeys(built))
      expect(Object.getOwnPropertyDescriptor(made, key)).toEqual(Object.getOwnPropertyDescriptor(built, key));
  });

  it('keeps the constructor’s check of the status', () => {
    expect(() => validationException('x', 700, fields)).toThrow(RangeError);
  });
});
