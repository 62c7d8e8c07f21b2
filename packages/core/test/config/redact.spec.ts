import 'reflect-metadata';
import { inspect } from 'node:util';
import { IsString } from 'class-validator';
import { loadConfig } from '../../src/config/config.loader';
import { redactConfig, REDACTED } from '../../src/config/redact';
import { Secret } from '../../src/config/secret.decorator';
import { AppConfig, validEnv } from './fixtures';
import { Logger } from '../../src/logger/logger';
import { createRootLogger } from '../../src/logger/root-logger.factory';

describe('secret redaction', () => {
  const config = loadConfig({
    schema: AppConfig,
    ignoreEnvFile: true,
    env: { ...validEnv, CORS_ORIGINS: 'a.com,b.com' },
  });

  it('keeps the real values on the instance for the code that uses them', () => {
    expect(config.jwtSecret).toBe(validEnv.JWT_SECRET);
    expect(config.db.password).toBe(validEnv.DB_PASSWORD);
  });

  it('redacts JSON.stringify, nested groups included', () => {
    expect(JSON.parse(JSON.stringify(config))).toEqual({
      port: 3000,
      debug: false,
      corsOrigins: ['a.com', 'b.com'],
      databaseUrl: 'postgres://localhost/app',
      jwtSecret: '[redacted]',
      db: { host: 'localhost', port: 5432, password: '[redacted]', pool: { max: 10 } },
    });
    expect(JSON.stringify({ config })).not.toContain(validEnv.DB_PASSWORD);
  });

  it('redacts util.inspect (console.log) and keeps the class names', () => {
    expect(inspect(config, { depth: 5, breakLength: Infinity })).toBe(
      "AppConfig { port: 3000, debug: false, corsOrigins: [ 'a.com', 'b.com' ], databaseUrl: 'postgres://localhost/app', " +
        "jwtSecret: '[redacted]', db: DbConfig { host: 'localhost', port: 5432, password: '[redacted]', pool: PoolConfig { max: 10 } } }",
    );
    expect(inspect({ wrapped: config }, { depth: 5 })).not.toContain(validEnv.JWT_SECRET);
    expect(inspect(config.db)).toContain("password: '[redacted]'");
  });

  it('redacts a config object written to a log line', () => {
    const lines: string[] = [];
    const root = createRootLogger({
      format: 'json',
      destination: { write: (line: string) => void lines.push(line) },
    });
    new Logger('Boot', root).info('configuration', { config });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(validEnv.JWT_SECRET);
    expect(lines[0]).not.toContain(validEnv.DB_PASSWORD);
    expect(JSON.parse(lines[0]!).config).toMatchObject({
      jwtSecret: '[redacted]',
      db: { password: '[redacted]' },
    });
  });

  it('adds no enumerable keys to the instance', () => {
    expect(Object.keys(config)).not.toContain('toJSON');
    expect({ ...config.db }).toEqual({
      host: 'localhost',
      port: 5432,
      password: validEnv.DB_PASSWORD,
      pool: config.db.pool,
    });
  });

  it('redactConfig returns a plain redacted copy of any config object, loaded or not', () => {
    const plain = redactConfig(config);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(plain['db'])).toBe(Object.prototype);
    expect(plain).toMatchObject({ jwtSecret: REDACTED, db: { password: REDACTED } });

    class Handmade {
      @Secret() @IsString() token = 't0ps3cret';
      @Secret() @IsString() unset?: string;
      name = 'x';
      shared = { a: 1 };
      twice = this.shared;
      when = new Date(0);
    }
    expect(redactConfig(new Handmade())).toEqual({
      token: REDACTED,
      ...(Object.keys(new Handmade()).includes('unset') ? { unset: undefined } : {}),
      name: 'x',
      shared: { a: 1 },
      twice: { a: 1 },
      when: new Date(0),
    });
  });

  it('inherits secrets from a parent class without leaking a child secret into the parent', () => {
    class Base {
      @Secret() @IsString() key = 'base-key';
    }
    class Child extends Base {
      @Secret() @IsString() extra = 'child-extra';
      @IsString() open = 'visible';
    }
    expect(redactConfig(new Child())).toEqual({ key: REDACTED, extra: REDACTED, open: 'visible' });
    const base = new Base() as Base & { extra?: string };
    base.extra = 'not secret on Base';
    expect(redactConfig(base)).toEqual({ key: REDACTED, extra: 'not secret on Base' });
  });

  it('prints a cycle instead of recursing forever', () => {
    const loop: Record<string, unknown> = { name: 'a' };
    loop['self'] = loop;
    expect(redactConfig(loop)).toEqual({ name: 'a', self: '[Circular]' });
  });
});
