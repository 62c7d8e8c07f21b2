import { IsIn, IsInt, IsString, Max, Min } from 'class-validator';

/**
 * The app's configuration, read from the environment and `.env`, validated at boot (every
 * violation is listed). `DATABASE_URL` becomes `databaseUrl`, and so on.
 */
export class AppConfig {
  @IsInt() @Min(0) @Max(65535) port = 3000;
  @IsString() host = '127.0.0.1';
  @IsString() databaseUrl = '{{databaseUrl}}';
  /** `create`: tables from the entities at boot (first runs); `migrate`: run `migrationsFolder` (production). */
  @IsIn(['create', 'migrate', 'validate', 'none']) schemaMode: 'create' | 'migrate' | 'validate' | 'none' = 'create';
  /** The compiled migrations: `tenon build` compiles `src/migrations` here. */
  @IsString() migrationsFolder = 'dist/migrations';
}
