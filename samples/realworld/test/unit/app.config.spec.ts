import 'reflect-metadata';
import { InvalidConfigError, loadConfig } from '@tenon/core';
import { AppConfig } from '../../src/config/app.config';

const load = (env: Record<string, string>) => loadConfig({ schema: AppConfig, env, ignoreEnvFile: true });

function failure(env: Record<string, string>): InvalidConfigError {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidConfigError);
    return error as InvalidConfigError;
  }
  throw new Error('expected the configuration to be refused');
}

describe('AppConfig', () => {
  it('runs with no environment: port 3000, the embedded database in a folder, no secret', () => {
    const config = load({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toBe('pglite://./.tenon/data');
    // No secret and no development flag: the security module refuses to boot (see security.e2e).
    expect(config.jwtSecret).toBeUndefined();
    expect(config.allowDevelopmentSecret).toBe(false);
    expect(config.jwtTtlSeconds).toBe(604800);
  });

  it('reads the explicit development flag', () => {
    expect(load({ ALLOW_DEVELOPMENT_SECRET: 'true' }).allowDevelopmentSecret).toBe(true);
    expect(failure({ ALLOW_DEVELOPMENT_SECRET: 'maybe' }).message).toContain('ALLOW_DEVELOPMENT_SECRET');
  });

  it('reads PORT, DATABASE_URL and JWT_SECRET', () => {
    const config = load({
      PORT: '8080',
      DATABASE_URL: 'postgres://app@db/conduit',
      JWT_SECRET: 's'.repeat(40),
    });
    expect([config.port, config.databaseUrl, config.jwtSecret]).toEqual([
      8080,
      'postgres://app@db/conduit',
      's'.repeat(40),
    ]);
  });

  it('refuses short secrets', () => {
    expect(load({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(32) }).jwtSecret).toBe('p'.repeat(32));
    expect(failure({ JWT_SECRET: 'short' }).message).toContain(
      'JWT_SECRET (jwtSecret): must be longer than or equal to 32 characters',
    );
  });
});
