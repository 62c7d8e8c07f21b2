import 'reflect-metadata';
import { IsInt, IsString } from 'class-validator';
import {
  DefaultValuePipe,
  HttpException,
  ParseArrayPipe,
  ParseBoolPipe,
  ParseEnumPipe,
  ParseFloatPipe,
  ParseIntPipe,
  ParseUUIDPipe,
  Reflector,
  SetMetadata,
  type ArgumentMetadata,
} from '@tenon/http';

const param: ArgumentMetadata = { type: 'param', data: 'id' };
const query: ArgumentMetadata = { type: 'query', data: 'q' };

function rejection(fn: () => unknown): { status: number; detail: string | undefined; errors: unknown } {
  try {
    fn();
  } catch (error) {
    const e = error as HttpException;
    return { status: e.status, detail: e.detail, errors: e.options.errors };
  }
  throw new Error('expected a rejection');
}

describe('parse pipes', () => {
  it('ParseIntPipe accepts decimal integers only', () => {
    const pipe = new ParseIntPipe();
    expect(pipe.transform('42', param)).toBe(42);
    expect(pipe.transform('-7', param)).toBe(-7);
    for (const bad of ['4.2', 'abc', '', ' 1', '1e3', '99999999999999999999', ['1'], undefined]) {
      expect(rejection(() => pipe.transform(bad, param))).toEqual({
        status: 400,
        detail: 'The route parameter "id" must be an integer.',
        errors: [{ property: 'id', constraints: { isInt: 'id must be an integer' } }],
      });
    }
    expect(new ParseIntPipe({ optional: true }).transform(undefined, param)).toBeUndefined();
    expect(rejection(() => new ParseIntPipe({ errorHttpStatusCode: 422 }).transform('x', param)).status).toBe(
      422,
    );
  });

  it('ParseFloatPipe accepts finite decimal numbers', () => {
    const pipe = new ParseFloatPipe();
    expect(pipe.transform('3.5', query)).toBe(3.5);
    expect(pipe.transform('-.5e2', query)).toBe(-50);
    for (const bad of ['Infinity', 'NaN', '0x10', '', '1,5']) {
      expect(rejection(() => pipe.transform(bad, query)).detail).toBe(
        'The query parameter "q" must be a number.',
      );
    }
  });

  it('ParseBoolPipe accepts true and false', () => {
    const pipe = new ParseBoolPipe();
    expect(pipe.transform('true', query)).toBe(true);
    expect(pipe.transform(false, query)).toBe(false);
    expect(rejection(() => pipe.transform('yes', query)).detail).toBe(
      'The query parameter "q" must be true or false.',
    );
  });

  it('ParseUUIDPipe checks the format and the version', () => {
    const v4 = '3b241101-e2bb-4255-8caf-4136c566a962';
    expect(new ParseUUIDPipe().transform(v4, param)).toBe(v4);
    expect(new ParseUUIDPipe({ version: '4' }).transform(v4, param)).toBe(v4);
    expect(rejection(() => new ParseUUIDPipe({ version: '7' }).transform(v4, param)).detail).toBe(
      'The route parameter "id" must be a UUID (version 7).',
    );
    expect(rejection(() => new ParseUUIDPipe().transform('nope', param)).detail).toBe(
      'The route parameter "id" must be a UUID.',
    );
  });

  it('ParseEnumPipe accepts string and numeric enum values', () => {
    enum Status {
      Open = 'open',
      Done = 'done',
    }
    enum Level {
      Low = 1,
      High = 2,
    }
    expect(new ParseEnumPipe(Status).transform('done', query)).toBe(Status.Done);
    expect(new ParseEnumPipe(Level).transform('2', query)).toBe(Level.High);
    expect(rejection(() => new ParseEnumPipe(Level).transform('High', query)).detail).toBe(
      'The query parameter "q" must be one of: 1, 2.',
    );
  });

  it('DefaultValuePipe replaces missing values only', () => {
    const pipe = new DefaultValuePipe(10);
    expect(pipe.transform(undefined)).toBe(10);
    expect(pipe.transform(null)).toBe(10);
    expect(pipe.transform(NaN)).toBe(10);
    expect(pipe.transform(0)).toBe(0);
    expect(pipe.transform('')).toBe('');
  });

  it('ParseArrayPipe splits, converts and validates items', () => {
    expect(new ParseArrayPipe({ items: Number }).transform('1,2,3', query)).toEqual([1, 2, 3]);
    expect(new ParseArrayPipe({ items: Number }).transform(['4', '5'], query)).toEqual([4, 5]);
    expect(new ParseArrayPipe({ items: Boolean, separator: ';' }).transform('true;false', query)).toEqual([
      true,
      false,
    ]);
    expect(rejection(() => new ParseArrayPipe({ items: Number }).transform('1,x', query))).toEqual({
      status: 400,
      detail: 'The query parameter "q" has 1 invalid item: see errors.',
      errors: [{ property: 'q.1', constraints: { isNumber: 'q.1 must be a number' } }],
    });
    expect(rejection(() => new ParseArrayPipe({ maxItems: 2 }).transform('1,2,3', query)).detail).toBe(
      'The query parameter "q" has more than 2 items.',
    );
    class Item {
      @IsString() name!: string;
      @IsInt() n!: number;
    }
    const body: ArgumentMetadata = { type: 'body' };
    expect(
      rejection(() =>
        new ParseArrayPipe({ items: Item }).transform(
          [
            { name: 'a', n: 1 },
            { name: 2, n: 1 },
          ],
          body,
        ),
      ),
    ).toEqual({
      status: 400,
      detail: 'The body has 1 invalid item: see errors.',
      errors: [{ property: 'body.1.name', constraints: { isString: 'name must be a string' }, value: 2 }],
    });
    const items = new ParseArrayPipe({ items: Item }).transform([{ name: 'a', n: 1 }], body) as Item[];
    expect(items[0]).toBeInstanceOf(Item);
  });
});

describe('Reflector', () => {
  it('reads, overrides and merges metadata of handlers and classes', () => {
    @SetMetadata('roles', ['user'])
    @SetMetadata('meta', { a: 1 })
    class C {
      @SetMetadata('roles', ['admin'])
      @SetMetadata('meta', { b: 2 })
      handler() {}
      plain() {}
    }
    const reflector = new Reflector();
    const handler = C.prototype.handler;
    expect(reflector.get('roles', handler)).toEqual(['admin']);
    expect(reflector.getAllAndOverride('roles', [handler, C])).toEqual(['admin']);
    expect(reflector.getAllAndOverride('roles', [C.prototype.plain, C])).toEqual(['user']);
    expect(reflector.getAllAndMerge('roles', [handler, C])).toEqual(['admin', 'user']);
    expect(reflector.getAllAndMerge('meta', [handler, C])).toEqual({ b: 2, a: 1 });
    expect(reflector.getAllAndMerge('missing', [handler, C])).toEqual([]);
  });
});
