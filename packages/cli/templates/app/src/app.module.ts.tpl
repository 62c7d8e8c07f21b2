import { ConfigModule, Module } from '@tenon/core';
import { DatabaseHealthIndicator, DataModule } from '@tenon/data';
import { HealthModule } from '@tenon/http';
import { AppConfig } from './app.config{{ext}}';
import { {{Name}}Module } from './{{folder}}/{{file}}.module{{ext}}';

/** The root module: configuration, the database, health endpoints and the features. */
@Module({
  imports: [
    ConfigModule.forRoot({ schema: AppConfig }),
    DataModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        url: config.databaseUrl,
        schema: config.schemaMode,
        ...(config.schemaMode === 'migrate' ? { migrationsFolder: config.migrationsFolder } : {}),
      }),
    }),
    HealthModule.forRoot({ indicators: [DatabaseHealthIndicator] }),
    {{Name}}Module,
  ],
})
export class AppModule {}
