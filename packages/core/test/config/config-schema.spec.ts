import 'reflect-metadata';
import { IsInt, IsString, ValidateNested } from 'class-validator';
import { TenonError } from '@tenon/core';
import { describeSchema, nestedNodes } from '../../src/config/config-schema';
import { ConfigProperties } from '../../src/config/config-properties.decorator';
import { InvalidConfigSchemaError } from '../../src/config/invalid-config-schema.error';
import { toEnvName } from '../../src/config/env-name';
import { AppConfig } from './fixtures';

function schemaError(run: () => unknown): InvalidConfigSchemaError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidConfigSchemaError) return error;
    throw error;
  }
  throw new Error('expected InvalidConfigSchemaError');
}

describe('toEnvName', () => {
  it.each([
    ['databaseUrl', 'DATABASE_URL'],
    ['port', 'PORT'],
    ['maxHTTPConnections', 'MAX_HTTP_CONNECTIONS'],
    ['apiV2Key', 'API_V2_KEY'],
    ['s3Bucket', 'S3_BUCKET'],
    ['already_snake', 'ALREADY_SNAKE'],
    ['db.pool', 'DB_POOL'],
    ['my-app', 'MY_APP'],
  ])('%s → %s', (name, env) => expect(toEnvName(name)).toBe(env));
});

describe('describeSchema', () => {
  it('describes fields, variables and nested groups', () => {
    const root = describeSchema(AppConfig);
    expect(root.fields.map((field) => [field.kind, field.path])).toEqual([
      ['scalar', 'port'],
      ['scalar', 'debug'],
      ['scalar', 'corsOrigins'],
      ['scalar', 'databaseUrl'],
      ['scalar', 'jwtSecret'],
      ['nested', 'db'],
    ]);
    const url = root.fields[3]!;
    expect(url.kind === 'scalar' && url.variables).toEqual(['DATABASE_URL', 'databaseUrl']);
    expect(nestedNodes(root).map((node) => [node.type.name, node.path, node.envPrefix])).toEqual([
      ['DbConfig', 'db', 'DB'],
      ['PoolConfig', 'db.pool', 'DB_POOL'],
    ]);
  });

  it('rejects a schema that is not a class, hinting at circular imports', () => {
    const error = schemaError(() => describeSchema(undefined as never));
    expect(error).toBeInstanceOf(TenonError);
    expect(error.code).toBe('TENON_CORE_INVALID_CONFIG_SCHEMA');
    expect(error.message).toBe(
      'Invalid configuration schema: the schema is undefined, not a class. Fix: pass the configuration class itself: ' +
        'ConfigModule.forRoot({ schema: AppConfig }). If it is undefined, a circular file import is the usual cause.',
    );
  });

  it('rejects a schema with no visible property', () => {
    class Bare {
      declare url: string;
    }
    expect(schemaError(() => describeSchema(Bare)).message).toBe(
      'Invalid configuration schema: Bare declares no property Tenon can see. A property is seen when it has a ' +
        'class-validator decorator (such as @IsString()) or a default value; TypeScript emits nothing for a bare ' +
        '`name!: string`. Fix: decorate each property of Bare, e.g. `@IsString() databaseUrl!: string;`, or give it a default.',
    );
  });

  it('rejects a group nested inside itself, printing the cycle', () => {
    @ConfigProperties('a')
    class A {
      @IsInt() n = 1;
    }
    class Root {
      @ValidateNested() a!: A;
    }
    // Build the back-reference after both classes exist, as a circular import would.
    Reflect.defineMetadata('design:type', Root, A.prototype, 'root');
    ConfigProperties('root')(Root);
    ValidateNested()(A.prototype, 'root');
    expect(schemaError(() => describeSchema(Root)).message).toBe(
      'Invalid configuration schema: A.root nests Root inside itself (Root -> A -> Root), so binding would never end. ' +
        'Fix: remove the back-reference from the @ConfigProperties classes.',
    );
  });

  it('rejects a group used twice, since each is injected by its type', () => {
    @ConfigProperties('db')
    class Db {
      @IsString() host = 'x';
    }
    class TwoDbs {
      @ValidateNested() primary!: Db;
      @ValidateNested() replica!: Db;
    }
    expect(schemaError(() => describeSchema(TwoDbs)).message).toBe(
      'Invalid configuration schema: Db is used by both TwoDbs.primary and TwoDbs.replica. Each @ConfigProperties class ' +
        'is injectable by its type, so it may appear once in a schema. Fix: give the second use its own class, e.g. ' +
        "`@ConfigProperties('replica') class ReplicaConfig extends Db {}`.",
    );
  });

  it('rejects a schema whose constructor needs arguments, chaining the cause', () => {
    class NeedsArgs {
      @IsString() name: string;
      constructor(name: string) {
        this.name = name.trim();
      }
    }
    const error = schemaError(() => describeSchema(NeedsArgs as never));
    expect(error.message).toMatch(
      /^Invalid configuration schema: the constructor of NeedsArgs threw: .+\. Fix: configuration classes are built with `new NeedsArgs\(\)`: give them a constructor without required arguments\.$/,
    );
    expect(error.cause).toBeInstanceOf(TypeError);
  });
});
