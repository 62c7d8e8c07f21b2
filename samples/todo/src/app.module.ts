import { ConfigModule, Module } from '@tenon/core';
import { DatabaseHealthIndicator, DataModule } from '@tenon/data';
import { HealthModule, MetricsModule } from '@tenon/http';
import { TodoConfig } from './todo.config';
import { TodoModule } from './todos/todo.module';

/**
 * Configuration, the database (tables created from the entities at boot: fine for a sample and
 * for tests; real apps use migrations, see samples/realworld), health, metrics and the feature.
 */
@Module({
  imports: [
    ConfigModule.forRoot({ schema: TodoConfig }),
    DataModule.forRootAsync({
      inject: [TodoConfig],
      useFactory: (config: TodoConfig) => ({ url: config.databaseUrl, schema: 'create' }),
    }),
    HealthModule.forRoot({ indicators: [DatabaseHealthIndicator] }),
    MetricsModule.forRoot({ prefix: 'todo_' }),
    TodoModule,
  ],
})
export class AppModule {}
