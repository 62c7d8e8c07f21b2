import 'reflect-metadata';
import { IsBoolean, IsDate, IsIn, IsInt, IsNumber, IsOptional, IsString, Max } from 'class-validator';
import { Type } from 'class-transformer';
import { TenonError } from '@tenon/core';
import { loadConfig, envFiles, resolveProfiles } from '../../src/config/config.loader';
import { InvalidConfigError } from '../../src/config/invalid-config.error';
import { ConfigFileUnreadableError } from '../../src/config/config-file-unreadable.error';
import { ConfigFileMalformedError } from '../../src/config/config-file-malformed.error';
import { ConfigProperties } from '../../src/config/config-properties.decorator';
import { Secret } from '../../src/config/secret.decorator';
import { mkdirSync } from 'node:fs';
import { AppConfig, DbConfig, PoolConfig, validEnv } from './fixtures';
import { TempDir } from './temp-dir';

function failure(run: () => unknown): InvalidConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidConfigError) return error;
    throw error;
  }
  throw new Error('expected InvalidConfigError');
}

describe('loadConfig', () => {
  let dir: TempDir;
  beforeEach(() => (dir = new TempDir()));
  afterEach(() => dir.remove());

  const load = (env: Record<string, string | undefined>, extra: { profiles?: string[] } = {}) =>
    loadConfig({ schema: AppConfig, envFilePath: dir.file('.env'), env, ...extra });

  describe('precedence', () => {
    it('takes .env, then .env.<profile> in profile order, then the environment', () => {
      dir.write('.env', 'DATABASE_URL=from-env-file\nPORT=1000\nDB_HOST=base\nDB_PORT=1\n');
      dir.write('.env.shared', 'PORT=2000\nDB_HOST=shared\n');
      dir.write('.env.local', 'PORT=3000\n');
      const config = load(
        { ...validEnv, DATABASE_URL: undefined, PORT: '4000' },
        { profiles: ['shared', 'local'] },
      );
      expect(config.databaseUrl).toBe('from-env-file');
      expect(config.db.port).toBe(1);
      expect(config.db.host).toBe('shared');
      expect(config.port).toBe(4000);
    });

    it('lets a later profile override an earlier one', () => {
      dir.write('.env.shared', 'PORT=2000\n');
      dir.write('.env.local', 'PORT=3000\n');
      expect(load(validEnv, { profiles: ['shared', 'local'] }).port).toBe(3000);
      expect(load(validEnv, { profiles: ['local', 'shared'] }).port).toBe(2000);
    });

    it('reads profiles from TENON_PROFILES, else NODE_ENV', () => {
      dir.write('.env.staging', 'PORT=2000\n');
      dir.write('.env.production', 'PORT=3000\n');
      dir.write('.env.eu', 'DB_HOST=eu\n');
      expect(load({ ...validEnv, NODE_ENV: 'production' }).port).toBe(3000);
      const both = load({ ...validEnv, NODE_ENV: 'production', TENON_PROFILES: 'staging, eu' });
      expect([both.port, both.db.host]).toEqual([2000, 'eu']);
      expect(load(validEnv).port).toBe(3000 /* the class default: no profile */);
    });

    it('lets a profile file set values no other source sets', () => {
      dir.write('.env.test', `DB_PASSWORD=${validEnv.DB_PASSWORD}\n`);
      expect(load({ ...validEnv, DB_PASSWORD: undefined, NODE_ENV: 'test' }).db.password).toBe('db-password');
    });

    it('treats an empty value as not set, so a lower source or the default applies', () => {
      dir.write('.env', 'PORT=1234\nDB_HOST=\n');
      const config = load({ ...validEnv, PORT: '' });
      expect(config.port).toBe(1234);
      expect(config.db.host).toBe('localhost');
    });

    it('reads several base files, later ones winning, each with its profile file', () => {
      const a = dir.write('a.env', 'PORT=1\nDB_HOST=a\nDB_PORT=10\n');
      const b = dir.write('b.env', 'PORT=2\n');
      dir.write('a.env.prod', 'DB_HOST=a-prod\n');
      const config = loadConfig({
        schema: AppConfig,
        envFilePath: [a, b],
        profiles: ['prod'],
        env: validEnv,
      });
      expect([config.port, config.db.host, config.db.port]).toEqual([2, 'a-prod', 10]);
    });

    it('reads no file with ignoreEnvFile', () => {
      dir.write('.env', 'PORT=1\n');
      const config = loadConfig({
        schema: AppConfig,
        envFilePath: dir.file('.env'),
        ignoreEnvFile: true,
        env: validEnv,
      });
      expect(config.port).toBe(3000);
    });

    it('defaults to .env in the working directory and process.env', () => {
      dir.write('.env', 'DATABASE_URL=cwd-file\nJWT_SECRET=from-the-cwd-env-file\n');
      const cwd = process.cwd();
      const saved = process.env['DB_PASSWORD'];
      process.chdir(dir.path);
      process.env['DB_PASSWORD'] = 'process-env-password';
      try {
        const config = loadConfig({ schema: AppConfig, profiles: [] });
        expect([config.databaseUrl, config.db.password]).toEqual(['cwd-file', 'process-env-password']);
      } finally {
        process.chdir(cwd);
        if (saved === undefined) delete process.env['DB_PASSWORD'];
        else process.env['DB_PASSWORD'] = saved;
      }
    });
  });

  describe('mapping', () => {
    it('maps camelCase properties from UPPER_SNAKE variables, and accepts the exact name', () => {
      expect(load({ ...validEnv, DATABASE_URL: undefined, databaseUrl: 'exact' }).databaseUrl).toBe('exact');
      // The UPPER_SNAKE name wins within one source.
      expect(load({ ...validEnv, databaseUrl: 'exact' }).databaseUrl).toBe(validEnv.DATABASE_URL);
    });

    it('binds nested @ConfigProperties groups from prefixed variables, prefixes nesting', () => {
      const config = load({ ...validEnv, DB_HOST: 'db.internal', DB_PORT: '6543', DB_POOL_MAX: '25' });
      expect(config.db).toBeInstanceOf(DbConfig);
      expect(config.db.pool).toBeInstanceOf(PoolConfig);
      expect(config.db).toMatchObject({ host: 'db.internal', port: 6543, password: 'db-password' });
      expect(config.db.pool.max).toBe(25);
    });

    it('applies class field defaults, nested ones included', () => {
      const config = load(validEnv);
      expect(config).toBeInstanceOf(AppConfig);
      expect(config).toMatchObject({ port: 3000, debug: false, corsOrigins: [] });
      expect(config.db).toMatchObject({ host: 'localhost', port: 5432 });
      expect(config.db.pool.max).toBe(10);
    });

    it('ignores unknown variables', () => {
      const config = load({ ...validEnv, UNRELATED: 'x', DB_UNKNOWN: 'y', PATH: '/bin' });
      expect(Object.keys(config)).toEqual(['port', 'debug', 'corsOrigins', 'databaseUrl', 'jwtSecret', 'db']);
      expect(Object.keys(config.db)).toEqual(['host', 'port', 'password', 'pool']);
    });

    it('honours a prefix on the root schema', () => {
      @ConfigProperties('app')
      class Prefixed {
        @IsString() name = 'none';
      }
      expect(
        loadConfig({ schema: Prefixed, ignoreEnvFile: true, env: { APP_NAME: 'tenon', NAME: 'x' } }).name,
      ).toBe('tenon');
    });

    it('finds a nested group by its default value when the property has no decorator', () => {
      @ConfigProperties('cache')
      class CacheConfig {
        @IsInt() ttl = 60;
      }
      class WithDefaultGroup {
        cache = new CacheConfig();
        retries = 3;
      }
      const config = loadConfig({
        schema: WithDefaultGroup,
        ignoreEnvFile: true,
        env: { CACHE_TTL: '5', RETRIES: '7' },
      });
      expect(config.cache).toBeInstanceOf(CacheConfig);
      expect(config.cache.ttl).toBe(5);
      expect(config.retries).toBe(7);
    });
  });

  describe('conversion', () => {
    class Types {
      @IsNumber() ratio = 0.5;
      @IsInt() count = 0;
      @IsBoolean() enabled = false;
      @IsBoolean() verbose = true;
      @IsString({ each: true }) tags: string[] = [];
      @Type(() => Number) @IsInt({ each: true }) ports: number[] = [];
      @IsDate() since = new Date(0);
      @IsIn(['json', 'pretty']) format: 'json' | 'pretty' = 'json';
      @IsString() text = '';
    }
    const types = (env: Record<string, string>) => loadConfig({ schema: Types, ignoreEnvFile: true, env });

    it('converts numbers by declared type', () => {
      expect(types({ RATIO: ' 0.25 ', COUNT: '-42' })).toMatchObject({ ratio: 0.25, count: -42 });
      expect(types({ COUNT: '1e3' }).count).toBe(1000);
    });

    it.each([
      ['true', true],
      ['false', false],
      ['1', true],
      ['0', false],
      ['YES', true],
      ['no', false],
      ['On', true],
      ['off', false],
    ])('converts the boolean %p to %p', (text, value) => {
      expect(types({ ENABLED: text, VERBOSE: text })).toMatchObject({ enabled: value, verbose: value });
    });

    it('converts comma lists and JSON arrays, element types by @Type', () => {
      expect(types({ TAGS: 'a, b,,c ', PORTS: '80,443' })).toMatchObject({
        tags: ['a', 'b', 'c'],
        ports: [80, 443],
      });
      expect(types({ TAGS: '["x,y", "z"]' }).tags).toEqual(['x,y', 'z']);
    });

    it('keeps strings as written and converts dates', () => {
      const config = types({ TEXT: '  padded  ', SINCE: '2024-01-02T03:04:05Z', FORMAT: 'pretty' });
      expect(config.text).toBe('  padded  ');
      expect(config.since).toEqual(new Date('2024-01-02T03:04:05Z'));
      expect(config.format).toBe('pretty');
    });

    it('reports values that do not convert, as written', () => {
      const error = failure(() =>
        types({ RATIO: 'abc', COUNT: '12abc', ENABLED: 'maybe', TAGS: '[1,', SINCE: 'never', FORMAT: 'xml' }),
      );
      expect(error.message).toBe(
        [
          'Configuration is invalid (6 problems in Types):',
          '  - RATIO (ratio): must be a number conforming to the specified constraints; got "abc" from the environment',
          '  - COUNT (count): must be an integer number; got "12abc" from the environment',
          '  - ENABLED (enabled): must be a boolean value; got "maybe" from the environment',
          '  - TAGS (tags): must be a JSON array or a comma-separated list; got "[1," from the environment',
          '  - SINCE (since): must be a Date instance; got "never" from the environment',
          '  - FORMAT (format): must be one of the following values: json, pretty; got "xml" from the environment',
          'Fix: set these variables in the environment (env files are not read: ignoreEnvFile is true).',
        ].join('\n'),
      );
    });

    it("uses the default value's type where tsc emitted design:type Object for an inferred type", () => {
      class Inferred {
        @IsOptional() port = 80;
        @IsOptional() tls = true;
      }
      // What tsc (unlike swc) emits for `port = 80` under a decorator.
      Reflect.defineMetadata('design:type', Object, Inferred.prototype, 'port');
      Reflect.defineMetadata('design:type', Object, Inferred.prototype, 'tls');
      const config = loadConfig({
        schema: Inferred,
        ignoreEnvFile: true,
        env: { PORT: '8080', TLS: 'false' },
      });
      expect(config).toMatchObject({ port: 8080, tls: false });
    });

    it('rejects unconvertible values even when no validator checks the type', () => {
      class Loose {
        @IsOptional() port = 80;
        @IsOptional() tls = false;
      }
      const error = failure(() =>
        loadConfig({ schema: Loose, ignoreEnvFile: true, env: { PORT: 'http', TLS: 'sure' } }),
      );
      expect(error.violations).toEqual([
        {
          property: 'port',
          variable: 'PORT',
          constraints: { conversion: 'must be a number' },
          value: 'http',
          source: 'environment',
        },
        {
          property: 'tls',
          variable: 'TLS',
          constraints: { conversion: 'must be a boolean: true, false, 1, 0, yes, no, on or off' },
          value: 'sure',
          source: 'environment',
        },
      ]);
    });
  });

  describe('violations', () => {
    it('lists every violation in one error, nested ones with their variable and path, secrets redacted', () => {
      dir.write('.env', 'PORT=abc\nDB_PASSWORD=short\n');
      dir.write('.env.production', 'DB_POOL_MAX=0\n');
      const error = failure(() =>
        load({ JWT_SECRET: 'too-short', DEBUG: 'maybe' }, { profiles: ['production', 'eu'] }),
      );
      expect(error).toBeInstanceOf(TenonError);
      expect(error.code).toBe('TENON_CORE_INVALID_CONFIG');
      expect(error.name).toBe('InvalidConfigError');
      expect(error.schemaName).toBe('AppConfig');
      const env = dir.file('.env');
      expect(error.message).toBe(
        [
          'Configuration is invalid (6 problems in AppConfig):',
          `  - PORT (port): must be an integer number, must not be less than 1; got "abc" from ${env}`,
          '  - DEBUG (debug): must be a boolean value; got "maybe" from the environment',
          '  - DATABASE_URL (databaseUrl): must be a string, should not be empty; not set',
          '  - JWT_SECRET (jwtSecret): must be longer than or equal to 16 characters; got "[redacted]" from the environment',
          `  - DB_PASSWORD (db.password): must be longer than or equal to 8 characters; got "[redacted]" from ${env}`,
          `  - DB_POOL_MAX (db.pool.max): must not be less than 1; got "0" from ${env}.production`,
          'Fix: set these variables in the environment or in an env file. Files read, lowest precedence first ' +
            `(the environment overrides them all): ${env}, ${env}.production, ${env}.eu (not found).`,
        ].join('\n'),
      );
      expect(error.message).not.toContain('too-short');
      expect(error.message).not.toContain('short\n');
      expect(error.violations).toEqual([
        {
          property: 'port',
          variable: 'PORT',
          constraints: { isInt: 'must be an integer number', min: 'must not be less than 1' },
          value: 'abc',
          source: 'env-file',
          file: env,
        },
        {
          property: 'debug',
          variable: 'DEBUG',
          constraints: { isBoolean: 'must be a boolean value' },
          value: 'maybe',
          source: 'environment',
        },
        {
          property: 'databaseUrl',
          variable: 'DATABASE_URL',
          constraints: { isString: 'must be a string', isNotEmpty: 'should not be empty' },
          value: undefined,
          source: 'unset',
        },
        {
          property: 'jwtSecret',
          variable: 'JWT_SECRET',
          constraints: { minLength: 'must be longer than or equal to 16 characters' },
          value: '[redacted]',
          source: 'environment',
        },
        {
          property: 'db.password',
          variable: 'DB_PASSWORD',
          constraints: { minLength: 'must be longer than or equal to 8 characters' },
          value: '[redacted]',
          source: 'env-file',
          file: env,
        },
        {
          property: 'db.pool.max',
          variable: 'DB_POOL_MAX',
          constraints: { min: 'must not be less than 1' },
          value: '0',
          source: 'env-file',
          file: `${env}.production`,
        },
      ]);
    });

    it('names the variable that was actually read', () => {
      const error = failure(() => load({ ...validEnv, port: 'abc' }));
      expect(error.violations[0]).toMatchObject({ property: 'port', variable: 'port', value: 'abc' });
    });

    it('reports an invalid default, and a required secret that is missing', () => {
      class Defaults {
        @IsInt() @Max(10) retries = 99;
        @Secret() @IsString() apiKey!: string;
        @Secret() @IsString() @IsIn(['x']) token = 'built-in-token';
      }
      const error = failure(() => loadConfig({ schema: Defaults, ignoreEnvFile: true, env: {} }));
      expect(error.message).toBe(
        [
          'Configuration is invalid (3 problems in Defaults):',
          '  - RETRIES (retries): must not be greater than 10; got 99 (the default)',
          '  - TOKEN (token): must be one of the following values: x; got "[redacted]" (the default)',
          '  - API_KEY (apiKey): must be a string; not set',
          'Fix: set these variables in the environment (env files are not read: ignoreEnvFile is true).',
        ].join('\n'),
      );
    });

    it('speaks of one problem in the singular and shows paths under the working directory relative to it', () => {
      const cwd = process.cwd();
      dir.write('.env', 'PORT=0\n');
      process.chdir(dir.path);
      try {
        const error = failure(() => loadConfig({ schema: AppConfig, profiles: ['dev'], env: validEnv }));
        expect(error.message).toBe(
          [
            'Configuration is invalid (1 problem in AppConfig):',
            '  - PORT (port): must not be less than 1; got "0" from .env',
            'Fix: set these variables in the environment or in an env file. Files read, lowest precedence first ' +
              '(the environment overrides them all): .env, .env.dev (not found).',
          ].join('\n'),
        );
      } finally {
        process.chdir(cwd);
      }
    });
  });

  describe('env file problems', () => {
    it('fails on an unreadable env file, naming it', () => {
      mkdirSync(dir.file('.env.production'));
      expect(() => load(validEnv, { profiles: ['production'] })).toThrow(ConfigFileUnreadableError);
      expect(() => load(validEnv, { profiles: ['production'] })).toThrow(
        `The env file ${dir.file('.env.production')} exists but cannot be read`,
      );
    });

    it('fails on a malformed env file rather than silently losing a variable', () => {
      dir.write('.env', 'PORT 8080\nDATABASE_URL=x\n');
      expect(() => load(validEnv)).toThrow(ConfigFileMalformedError);
    });
  });
});

describe('resolveProfiles and envFiles', () => {
  it('prefers the option, then TENON_PROFILES, then NODE_ENV', () => {
    expect(resolveProfiles(['a'], { TENON_PROFILES: 'b', NODE_ENV: 'c' })).toEqual(['a']);
    expect(resolveProfiles(undefined, { TENON_PROFILES: ' b , ,c ', NODE_ENV: 'd' })).toEqual(['b', 'c']);
    expect(resolveProfiles(undefined, { NODE_ENV: 'production' })).toEqual(['production']);
    expect(resolveProfiles(undefined, {})).toEqual([]);
  });

  it('orders files lowest precedence first, relative paths against the working directory', () => {
    expect(envFiles(['/x/.env', '/y/.env'], ['p', 'q'])).toEqual([
      '/x/.env',
      '/y/.env',
      '/x/.env.p',
      '/y/.env.p',
      '/x/.env.q',
      '/y/.env.q',
    ]);
    expect(envFiles(undefined, [])).toEqual([`${process.cwd()}/.env`]);
  });
});
