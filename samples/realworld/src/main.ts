import 'reflect-metadata';
import { AppConfig } from './config/app.config';
import { createConduitApp } from './create-app';

async function main(): Promise<void> {
  const app = await createConduitApp({ logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  app.enableShutdownHooks();
  const { port, host } = app.get(AppConfig);
  const address = await app.listen({ port, host });
  // 0.0.0.0 is where the server listens, not an address a browser can open.
  const base = address.replace('://0.0.0.0', '://localhost').replace('://[::]', '://localhost');
  console.log(`Conduit API listening on ${base}/api`);
  console.log(`API docs (Swagger UI): ${base}/docs`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
