import {
  IsArray,
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsString,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ConfigProperties } from '../../src/config/config-properties.decorator';
import { Secret } from '../../src/config/secret.decorator';

@ConfigProperties('pool')
export class PoolConfig {
  @IsInt() @Min(1) max = 10;
}

@ConfigProperties('db')
export class DbConfig {
  @IsString() host = 'localhost';
  @IsInt() port = 5432;
  @Secret() @IsString() @MinLength(8) password!: string;
  @ValidateNested() pool!: PoolConfig;
}

export class AppConfig {
  @IsInt() @Min(1) port = 3000;
  @IsString() @IsNotEmpty() databaseUrl!: string;
  @IsBoolean() debug = false;
  @IsArray() @IsString({ each: true }) corsOrigins: string[] = [];
  @Secret() @IsString() @MinLength(16) jwtSecret!: string;
  @ValidateNested() db!: DbConfig;
}

/** Variables that make AppConfig valid. */
export const validEnv = {
  DATABASE_URL: 'postgres://localhost/app',
  JWT_SECRET: 'a-very-long-jwt-secret',
  DB_PASSWORD: 'db-password',
};
