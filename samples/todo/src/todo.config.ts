import { IsInt, IsString, Max, Min } from 'class-validator';

/**
 * The todo app's configuration, from the environment (or `.env`), validated at boot.
 *
 * | variable | default |
 * |---|---|
 * | `PORT` | 3000 |
 * | `HOST` | 127.0.0.1 |
 * | `DATABASE_URL` | `pglite://./.tenon/data` (embedded, kept in a folder) |
 *
 * @example
 * DATABASE_URL=postgres://app@localhost/todos PORT=8080 npm start -w samples/todo
 */
export class TodoConfig {
  @IsInt() @Min(0) @Max(65535) port = 3000;
  @IsString() host = '127.0.0.1';
  @IsString() databaseUrl = 'pglite://./.tenon/data';
}
