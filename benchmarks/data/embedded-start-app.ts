import 'reflect-metadata';
import { Module } from '@tenon/core';
import { Column, CrudRepository, DataModule, Entity, Id, Repository } from '@tenon/data';
import { Controller, Get, HttpApplication } from '@tenon/http';

/*
 * A new app as a user starts it: one entity with its table created from the metadata, one
 * repository, one controller, on the database URL given (the embedded default, pglite://memory,
 * or PostgreSQL). Prints one JSON line once listening: ms from process start, and RSS.
 *   node embedded-start-app.js <url>
 */
@Entity('todos')
class Todo {
  @Id({ generated: true }) id!: number;
  @Column() title!: string;
  @Column({ default: false }) done!: boolean;
}

@Repository(Todo)
class TodoRepository extends CrudRepository<Todo, number> {}

@Controller('todos')
class TodoController {
  constructor(private readonly todos: TodoRepository) {}
  @Get()
  list(): Promise<Todo[]> {
    return this.todos.findAll();
  }
}

async function main(): Promise<void> {
  const url = process.argv[2] ?? 'pglite://memory';
  @Module({
    imports: [DataModule.forRoot({ url, schema: 'create' }), DataModule.forFeature([TodoRepository])],
    controllers: [TodoController],
  })
  class AppModule {}
  const app = await HttpApplication.create(AppModule, { logger: false, context: { logger: false } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const listening = performance.now();
  const address = app.fastify.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const answer = await fetch(`http://127.0.0.1:${port}/todos`);
  const ok = answer.status === 200 && Array.isArray(await answer.json());
  const cpu = process.cpuUsage();
  process.stdout.write(
    `${JSON.stringify({ listening, cpuMs: (cpu.user + cpu.system) / 1000, rss: process.memoryUsage().rss, ok })}\n`,
  );
  await app.close();
}

void main();
