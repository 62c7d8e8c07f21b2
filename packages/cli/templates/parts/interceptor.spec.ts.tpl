import type { CallHandler, ExecutionContext } from '@tenon/http';
import { {{Name}}Interceptor } from '../../src/{{folder}}/{{file}}.interceptor{{ext}}';

describe('{{Name}}Interceptor', () => {
  it('wraps the result of the handler', async () => {
    // The promise form of `next` is enough here (the handler would answer 42).
    const next = (async () => 42) as unknown as CallHandler;
    const result = await new {{Name}}Interceptor().intercept({} as ExecutionContext, next);
    expect(result).toEqual({ data: 42 });
  });
});
