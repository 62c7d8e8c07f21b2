import 'reflect-metadata';
import { ApplicationContext, Injectable, Module } from '@tenon/core';
import { ConfigModule } from '../../src/config/config.module';
import { InvalidConfigError } from '../../src/config/invalid-config.error';
import { AppConfig, DbConfig, PoolConfig, validEnv } from './fixtures';
import { TempDir } from './temp-dir';

@Injectable()
class Server {
  constructor(readonly config: AppConfig) {}
}

@Injectable()
class Database {
  constructor(
    readonly db: DbConfig,
    readonly pool: PoolConfig,
  ) {}
}

@Module({ providers: [Server], exports: [Server] })
class ServerModule {}

// Imports nothing: ConfigModule is global by default.
@Module({ providers: [Database], exports: [Database] })
class DatabaseModule {}

describe('ConfigModule in an application', () => {
  let dir: TempDir;
  beforeEach(() => (dir = new TempDir()));
  afterEach(() => dir.remove());

  const appModule = (env: Record<string, string | undefined>, global?: boolean) => {
    @Module({
      imports: [
        ConfigModule.forRoot({ schema: AppConfig, envFilePath: dir.file('.env'), env, profiles: [], global }),
        ServerModule,
        DatabaseModule,
      ],
    })
    class AppModule {}
    return AppModule;
  };

  it('injects the schema and each nested group by type, one shared instance', async () => {
    dir.write('.env', 'PORT=8080\nDB_POOL_MAX=20\n');
    const context = await ApplicationContext.create(appModule({ ...validEnv, DB_HOST: 'db.internal' }));
    try {
      const server = context.get(Server);
      const database = context.get(Database);
      expect(server.config).toBeInstanceOf(AppConfig);
      expect(server.config.port).toBe(8080);
      expect(database.db).toBeInstanceOf(DbConfig);
      expect(database.db.host).toBe('db.internal');
      expect(database.db).toBe(server.config.db);
      expect(database.pool.max).toBe(20);
      expect(context.get(AppConfig)).toBe(server.config);
    } finally {
      await context.close();
    }
  });

  it('fails boot with every violation, the error unwrapped', async () => {
    const boot = ApplicationContext.create(appModule({ PORT: 'abc', DB_PASSWORD: 'short' }));
    await expect(boot).rejects.toBeInstanceOf(InvalidConfigError);
    await expect(
      ApplicationContext.create(appModule({ PORT: 'abc', DB_PASSWORD: 'short' })),
    ).rejects.toMatchObject({
      code: 'TENON_CORE_INVALID_CONFIG',
      violations: [
        expect.objectContaining({ variable: 'PORT' }),
        expect.objectContaining({ variable: 'DATABASE_URL' }),
        expect.objectContaining({ variable: 'JWT_SECRET' }),
        expect.objectContaining({ variable: 'DB_PASSWORD', value: '[redacted]' }),
      ],
    });
  });

  it('is visible only to importers when not global', async () => {
    const error = (await ApplicationContext.create(appModule(validEnv, false)).catch(
      (e: unknown) => e,
    )) as Error & {
      code: string;
    };
    expect(error.code).toBe('TENON_CORE_BOOT_FAILED');
    expect(error.message).toContain(
      'Cause: ConfigModule provides and exports AppConfig, but ServerModule does not import ConfigModule.',
    );
    expect(error.message).toContain(
      'Cause: ConfigModule provides and exports DbConfig, but DatabaseModule does not import ConfigModule.',
    );
  });
});
