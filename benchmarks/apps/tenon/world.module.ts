import { Injectable, Module, type DynamicModule, type OnModuleInit } from '@tenon/core';
import { Column, CrudRepository, DataModule, Database, Entity, Id, Repository, sql } from '@tenon/data';
import { Controller, Get, Query } from '@tenon/http';
import {
  CREATE_WORLD_SQL,
  PG_POOL_SIZE,
  SEED_WORLD_SQL,
  parseQueryCount,
  postgresUrl,
  randomWorldId,
} from '../shared/world';

@Entity('world')
export class World {
  @Id() id!: number;
  @Column({ type: 'integer' }) randomNumber!: number;
}

@Repository(World)
export class WorldRepository extends CrudRepository<World, number> {}

/** PGlite starts empty in each process: the table is created and filled before the first request. */
@Injectable()
export class WorldSeeder implements OnModuleInit {
  constructor(private readonly database: Database) {}
  async onModuleInit(): Promise<void> {
    if (!this.database.url.startsWith('pglite:')) return;
    await sql.raw(CREATE_WORLD_SQL).execute(this.database.kysely);
    await sql.raw(SEED_WORLD_SQL).execute(this.database.kysely);
  }
}

@Controller()
export class WorldController {
  constructor(private readonly worlds: WorldRepository) {}

  @Get('db')
  async db(): Promise<World> {
    return (await this.worlds.findById(randomWorldId()))!;
  }

  @Get('queries')
  queries(@Query('q') q?: string): Promise<World[]> {
    return this.randomWorlds(parseQueryCount(q));
  }

  @Get('updates')
  async updates(@Query('q') q?: string): Promise<World[]> {
    const worlds = await this.randomWorlds(parseQueryCount(q));
    await Promise.all(
      worlds.map((world) => {
        world.randomNumber = randomWorldId();
        return this.worlds.save(world);
      }),
    );
    return worlds;
  }

  private randomWorlds(count: number): Promise<World[]> {
    const found: Promise<World>[] = [];
    for (let i = 0; i < count; i++) found.push(this.worlds.findById(randomWorldId()).then((w) => w!));
    return Promise.all(found);
  }
}

/** The database scenarios on a repository, PGlite in memory or the PostgreSQL the harness filled. */
@Module({})
export class WorldModule {
  static forRoot(kind: 'pglite' | 'postgres'): DynamicModule {
    const url = kind === 'pglite' ? 'pglite://memory' : postgresUrl();
    if (url === undefined) throw new Error('TENON_TEST_POSTGRES_URL is not set');
    return {
      module: WorldModule,
      imports: [
        DataModule.forRoot({ url, pool: { max: PG_POOL_SIZE } }),
        DataModule.forFeature([WorldRepository]),
      ],
      controllers: [WorldController],
      providers: [WorldSeeder],
    };
  }
}
