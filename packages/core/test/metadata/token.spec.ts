import 'reflect-metadata';
import { InjectionToken, forwardRef, tokenName } from '@tenon/core';

describe('tokenName', () => {
  it('prints every kind of token as written', () => {
    class UsersService {}
    expect(tokenName(UsersService)).toBe('UsersService');
    expect(tokenName('API_URL')).toBe("'API_URL'");
    expect(tokenName(Symbol('clock'))).toBe('Symbol(clock)');
    expect(tokenName(new InjectionToken<string>('DB_URL'))).toBe('InjectionToken(DB_URL)');
    expect(tokenName(forwardRef(() => UsersService))).toBe('UsersService');
    expect(tokenName(forwardRef(() => undefined))).toBe('forwardRef(() => undefined)');
    expect(tokenName((() => class {})())).toBe('<anonymous class>');
  });
});
