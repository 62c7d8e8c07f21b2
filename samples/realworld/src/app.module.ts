import { join } from 'node:path';
import { ConfigModule, Module } from '@tenon/core';
import { DataModule } from '@tenon/data';
import { ArticlesModule } from './articles/articles.module';
import { CommentsModule } from './comments/comments.module';
import { AppConfig } from './config/app.config';
import { ProfilesModule } from './profiles/profiles.module';
import { TagsModule } from './tags/tags.module';
import { UsersModule } from './users/users.module';

/** The Conduit API: configuration, the database (migrated at boot) and the feature modules. */
@Module({
  imports: [
    ConfigModule.forRoot({ schema: AppConfig }),
    DataModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        url: config.databaseUrl,
        schema: 'migrate',
        // dist/migrations once built; src/migrations under jest, which runs the TypeScript.
        migrationsFolder: join(__dirname, 'migrations'),
      }),
    }),
    UsersModule,
    ProfilesModule,
    ArticlesModule,
    CommentsModule,
    TagsModule,
  ],
})
export class AppModule {}
