import {
  Controller,
  Get,
  Inject,
  Injectable,
  Module,
  Query,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  findRandomWorld,
  findRandomWorlds,
  openSqlClient,
  updateRandomWorlds,
  type OpenedSqlClient,
  type SqlClient,
} from '../shared/sql-client';
import type { World } from '../shared/world';

export const SQL = 'SQL';

/** Closes the pool (or PGlite) when the app closes. */
@Injectable()
export class SqlLifecycle implements OnApplicationShutdown {
  constructor(@Inject(SQL) private readonly sql: OpenedSqlClient) {}
  async onApplicationShutdown(): Promise<void> {
    await this.sql.close();
  }
}

@Controller()
export class WorldController {
  private readonly client: SqlClient;
  constructor(@Inject(SQL) sql: OpenedSqlClient) {
    this.client = sql.client;
  }

  @Get('db')
  db(): Promise<World> {
    return findRandomWorld(this.client);
  }

  @Get('queries')
  queries(@Query('q') q?: string): Promise<World[]> {
    return findRandomWorlds(this.client, q);
  }

  @Get('updates')
  updates(@Query('q') q?: string): Promise<World[]> {
    return updateRandomWorlds(this.client, q);
  }
}

/** The pg pool (or PGlite) as a provider, the way Nest's database recipe shows it. */
@Module({})
export class WorldModule {
  static forRoot(kind: 'pglite' | 'postgres'): DynamicModule {
    return {
      module: WorldModule,
      controllers: [WorldController],
      providers: [{ provide: SQL, useFactory: () => openSqlClient(kind) }, SqlLifecycle],
    };
  }
}
