import type { ExecutionContext } from '@tenon/http';
import { {{Name}}Interceptor } from '../../src/{{folder}}/{{file}}.interceptor{{ext}}';

describe('{{Name}}Interceptor', () => {
  it('wraps the result of the handler', async () => {
    const result = await new {{Name}}Interceptor().intercept({} as ExecutionContext, async () => 42);
    expect(result).toEqual({ data: 42 });
  });
});
