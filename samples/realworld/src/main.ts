import 'reflect-metadata';
import { AppConfig } from './config/app.config';
import { createConduitApp } from './create-app';

// `npm start` at the repository root passes this flag: a newcomer's first run works without a
// secret, with a random one per process (tokens die at restart). Without the flag and without
// JWT_SECRET the boot fails with TENON_SECURITY_NO_SECRET, which says what to do.
if (process.argv.includes('--allow-development-secret')) process.env.ALLOW_DEVELOPMENT_SECRET ??= 'true';

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
  if ((error as { code?: unknown }).code === 'TENON_SECURITY_NO_SECRET')
    console.error(
      '\nThis API: set JWT_SECRET (32 characters or more), or, on a development machine, run `npm start` at the repository root or `node dist/main.js --allow-development-secret`.',
    );
  process.exit(1);
});
