import 'reflect-metadata';
import type { FactoryProvider } from '@tenon/core';
import { ConfigModule } from '../../src/config/config.module';
import { InvalidConfigError } from '../../src/config/invalid-config.error';
import { InvalidConfigSchemaError } from '../../src/config/invalid-config-schema.error';
import { AppConfig, DbConfig, PoolConfig, validEnv } from './fixtures';

describe('ConfigModule.forRoot', () => {
  const options = { schema: AppConfig, ignoreEnvFile: true, env: validEnv };

  it('is a global dynamic module providing and exporting the schema and each nested group', () => {
    const module = ConfigModule.forRoot(options);
    expect(module.module).toBe(ConfigModule);
    expect(module.global).toBe(true);
    expect(module.providers!.map((provider) => (provider as FactoryProvider).provide)).toEqual([
      AppConfig,
      DbConfig,
      PoolConfig,
    ]);
    expect(module.exports).toEqual([AppConfig, DbConfig, PoolConfig]);
    expect(ConfigModule.forRoot({ ...options, global: false }).global).toBe(false);
  });

  it('loads when the factory runs, and the nested providers pick their group from the schema', () => {
    const [root, db, pool] = ConfigModule.forRoot(options).providers as FactoryProvider[];
    const config = (root!.useFactory as () => AppConfig)();
    expect(config).toBeInstanceOf(AppConfig);
    expect(db!.inject).toEqual([AppConfig]);
    expect(pool!.inject).toEqual([AppConfig]);
    expect((db!.useFactory as (c: AppConfig) => DbConfig)(config)).toBe(config.db);
    expect((pool!.useFactory as (c: AppConfig) => PoolConfig)(config)).toBe(config.db.pool);
  });

  it('defers reading the environment to the factory, so boot reports invalid configuration', () => {
    const module = ConfigModule.forRoot({ ...options, env: {} });
    const factory = (module.providers![0] as FactoryProvider).useFactory as () => AppConfig;
    expect(factory).toThrow(InvalidConfigError);
  });

  it('checks the schema shape at once', () => {
    class Empty {}
    expect(() => ConfigModule.forRoot({ schema: Empty })).toThrow(InvalidConfigSchemaError);
  });
});
