import 'reflect-metadata';
import { HttpApplication } from '@tenon/http';
import { AppModule } from './app.module';
import { TodoConfig } from './todo.config';

async function main(): Promise<void> {
  const app = await HttpApplication.create(AppModule, {
    openapi: { title: 'Todo API', version: '1.0.0' },
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  });
  app.enableShutdownHooks();
  const { port, host } = app.get(TodoConfig);
  const address = await app.listen({ port, host });
  console.log(`Todo API listening on ${address}/todos`);
  console.log(`API docs: ${address}/docs · health: ${address}/health/ready · metrics: ${address}/metrics`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
