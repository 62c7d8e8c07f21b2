import 'reflect-metadata';
import { ApplicationContext, Module } from '@tenon/core';
import { JwtService, SecurityModule, type SecurityModuleOptions } from '@tenon/security';

/** Boots a context with only the security module and gives its JwtService (and the context to close). */
export async function bootJwt(
  options: SecurityModuleOptions,
): Promise<{ jwt: JwtService; close: () => Promise<void> }> {
  @Module({ imports: [SecurityModule.forRoot(options)] })
  class JwtTestModule {}
  const context = await ApplicationContext.create(JwtTestModule, { logger: false });
  return { jwt: context.get(JwtService), close: () => context.close() };
}

export const SECRET = 'a-test-secret-that-is-32-bytes-long!';
