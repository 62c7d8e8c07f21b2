import { join } from 'node:path';
import { ConfigModule, Module } from '@tenon/core';
import { DataModule } from '@tenon/data';
import { MessagingModule, transportFromUrl } from '@tenon/messaging';
import { SecurityModule } from '@tenon/security';
import { conduitSecurity } from './auth/conduit-security';
import { ArticlesModule } from './articles/articles.module';
import { CommentsModule } from './comments/comments.module';
import { AppConfig } from './config/app.config';
import { ProfilesModule } from './profiles/profiles.module';
import { TagsModule } from './tags/tags.module';
import { UserRepository } from './users/user.repository';
import { UsersModule } from './users/users.module';

/**
 * The Conduit API: configuration, the database (migrated at boot), security (every route needs
 * a token unless it is `@Public()` or `@OptionalAuth()`), messaging (events through the outbox,
 * to a broker when `MESSAGING_URL` names one) and the feature modules.
 */
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
    // Global: JwtService, PasswordHasher and the authentication guard (APP_GUARD) for every module.
    SecurityModule.forRootAsync({
      imports: [UsersModule],
      inject: [AppConfig, UserRepository],
      useFactory: conduitSecurity,
    }),
    // Events go out through the outbox (ArticlePublished); this app handles none of them.
    MessagingModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        transport: transportFromUrl(config.messagingUrl, { prefix: 'conduit' }),
        publishOnly: true,
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
