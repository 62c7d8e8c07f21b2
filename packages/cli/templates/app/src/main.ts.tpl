import 'reflect-metadata';
import { HttpApplication } from '@tenon/http';
import { AppConfig } from './app.config{{ext}}';
import { AppModule } from './app.module{{ext}}';

async function main(): Promise<void> {
  const app = await HttpApplication.create(AppModule, {
    openapi: { title: '{{projectName}}', version: '0.1.0' },
  });
  // SIGTERM/SIGINT: readiness goes to 503, in-flight requests finish, then the process exits 0.
  app.enableShutdownHooks();
  const { port, host } = app.get(AppConfig);
  const address = await app.listen({ port, host });
  console.log(`{{projectName}} listening on ${address} (API docs: ${address}/docs, health: ${address}/health/ready)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
