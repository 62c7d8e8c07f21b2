import 'reflect-metadata';
import { ApplicationContext, InjectionToken, Module, type Provider, type TokenValue } from '@tenon/core';

// Compile-time checks: `tsc -b` fails when a `@ts-expect-error` line stops being an error.
const PORT = new InjectionToken<number>('PORT');
type PortValue = TokenValue<typeof PORT>;
const port: PortValue = 3000;

// @ts-expect-error a provider needs a token
const missingToken: Provider = { useValue: 1 };

// @ts-expect-error useClass takes a class, not an instance
const notAClass: Provider = { provide: 'X', useClass: {} };

describe('public types', () => {
  it('carries the value type of an InjectionToken through get()', async () => {
    @Module({ providers: [{ provide: PORT, useValue: 8080 }] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    const value: number = ctx.get(PORT);
    // @ts-expect-error a number token does not give a string
    const wrong: string = ctx.get(PORT);
    expect(value).toBe(8080);
    expect([port, missingToken, notAClass, wrong]).toHaveLength(4);
  });
});
