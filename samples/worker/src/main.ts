import 'reflect-metadata';
import { ApplicationContext } from '@tenon/core';
import { WorkerModule } from './worker.module';

// No HTTP server: the consumers start once the context has booted and stop first at SIGTERM,
// letting running handlers finish (drain) before the connections close.
async function main(): Promise<void> {
  const app = await ApplicationContext.create(WorkerModule);
  app.enableShutdownHooks();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
