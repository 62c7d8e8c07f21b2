import 'reflect-metadata';
import { HttpApplication } from '@tenon/http';
import { HelloConfig } from './hello.config';
import { HelloModule } from './hello.module';

async function main(): Promise<void> {
  const app = await HttpApplication.create(HelloModule, { openapi: false });
  app.enableShutdownHooks();
  const { port, host } = app.get(HelloConfig);
  const address = await app.listen({ port, host });
  console.log(`Hello app listening: try ${address}/hello?name=Ada`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
