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
    for (const key of Reflect.ownKeys(built)) {
      const ours = Object.getOwnPropertyDescriptor(made, key)!;
      const engine = Object.getOwnPropertyDescriptor(built, key)!;
      if (key === 'stack' && 'get' in engine) {
        // V8 in Node 22 and later gives errors an own `stack` accessor where Node 20's has a data
        // property: the value and the attributes a reader sees are what must match.
        expect({ enumerable: ours.enumerable, configurable: ours.configurable }).toEqual({
          enumerable: engine.enumerable,
          configurable: engine.configurable,
        });
        expect(ours.value).toBe(built.stack);
      } else expect(ours).toEqual(engine);
    }
  });

  it('keeps the constructor’s check of the status', () => {
    expect(() => validationException('x', 700, fields)).toThrow(RangeError);
  });
});
