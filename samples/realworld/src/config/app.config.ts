import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { Secret } from '@tenon/core';

/**
 * The configuration of the Conduit API, read from the environment (and `.env`) at boot.
 *
 * | variable | default |
 * |---|---|
 * | `PORT` | 3000 |
 * | `HOST` | 127.0.0.1 |
 * | `DATABASE_URL` | `pglite://./.tenon/data` (the embedded database, kept in a folder) |
 * | `JWT_SECRET` | none: required, at least 32 characters |
 * | `ALLOW_DEVELOPMENT_SECRET` | `false`; `true` signs with a random secret per process when `JWT_SECRET` is unset (refused in production) |
 * | `JWT_TTL_SECONDS` | one week |
 * | `MESSAGING_URL` | empty: the in-process broker (events stay in the outbox table and the process); `nats://`, `amqp://` or `redis://` sends them to a broker, where `samples/worker` consumes them |
 *
 * @example
 * PORT=8080 DATABASE_URL=postgres://app@db/conduit JWT_SECRET=... node dist/main.js
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test']) nodeEnv: 'development' | 'production' | 'test' = 'development';
  @IsInt() @Min(0) @Max(65535) port = 3000;
  @IsString() host = '127.0.0.1';
  @IsString() databaseUrl = 'pglite://./.tenon/data';
  // No default: without it the security module refuses to boot (TENON_SECURITY_NO_SECRET)
  // unless allowDevelopmentSecret says this is a development run.
  @Secret() @IsOptional() @IsString() @MinLength(32) jwtSecret?: string;
  @IsBoolean() allowDevelopmentSecret = false;
  @IsInt() @Min(60) jwtTtlSeconds = 7 * 24 * 3600;
  @IsString() messagingUrl = '';
}
