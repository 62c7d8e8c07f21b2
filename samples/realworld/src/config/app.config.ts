import {
  IsIn,
  IsInt,
  IsString,
  Max,
  Min,
  MinLength,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { Secret } from '@tenon/core';

/**
 * The secret `npm start` signs tokens with when JWT_SECRET is not set. Anyone can read it here,
 * so production refuses it (see below).
 */
export const DEVELOPMENT_JWT_SECRET = 'conduit-development-secret-not-for-production';

@ValidatorConstraint({ name: 'notDevelopmentSecret' })
class NotDevelopmentSecretInProduction implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return (args.object as AppConfig).nodeEnv !== 'production' || value !== DEVELOPMENT_JWT_SECRET;
  }

  defaultMessage(): string {
    return 'must be set in production (the development secret is public)';
  }
}

/**
 * The configuration of the Conduit API, read from the environment (and `.env`) at boot.
 *
 * | variable | default |
 * |---|---|
 * | `PORT` | 3000 |
 * | `HOST` | 127.0.0.1 |
 * | `DATABASE_URL` | `pglite://./.tenon/data` (the embedded database, kept in a folder) |
 * | `JWT_SECRET` | a development secret, refused when `NODE_ENV=production` |
 * | `JWT_TTL_SECONDS` | one week |
 *
 * @example
 * PORT=8080 DATABASE_URL=postgres://app@db/conduit JWT_SECRET=... node dist/main.js
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test']) nodeEnv: 'development' | 'production' | 'test' = 'development';
  @IsInt() @Min(0) @Max(65535) port = 3000;
  @IsString() host = '127.0.0.1';
  @IsString() databaseUrl = 'pglite://./.tenon/data';
  @Secret() @IsString() @MinLength(32) @Validate(NotDevelopmentSecretInProduction) jwtSecret =
    DEVELOPMENT_JWT_SECRET;
  @IsInt() @Min(60) jwtTtlSeconds = 7 * 24 * 3600;
}
