import type { ExecutionContext } from '@tenon/http';
import { {{Name}}Guard } from '../../src/{{folder}}/{{file}}.guard{{ext}}';

const contextWith = (headers: Record<string, string>): ExecutionContext =>
  ({ getRequest: () => ({ headers }) }) as unknown as ExecutionContext;

describe('{{Name}}Guard', () => {
  it('allows a request with the header and denies one without', () => {
    const guard = new {{Name}}Guard();
    expect(guard.canActivate(contextWith({ 'x-{{file}}': 'yes' }))).toBe(true);
    expect(guard.canActivate(contextWith({}))).toBe(false);
  });
});
