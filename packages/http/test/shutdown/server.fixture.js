// A real application process for the graceful-shutdown test. Plain JavaScript on the built
// packages (dist), so it runs under plain Node without jest's transform.
require('reflect-metadata');
const { Module, Injectable } = require('@tenon/core');
const { Controller, Get, HttpApplication, HealthModule } = require('@tenon/http');

class SlowController {
  async slow() {
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.SLOW_MS || 800)));
    return { done: true };
  }
}
Get('slow')(
  SlowController.prototype,
  'slow',
  Object.getOwnPropertyDescriptor(SlowController.prototype, 'slow'),
);
Controller()(SlowController);

class ShutdownReporter {
  async onApplicationShutdown(signal) {
    process.stdout.write(`hook ${signal}\n`);
  }
}
Injectable()(ShutdownReporter);

class AppModule {}
Module({ imports: [HealthModule.forRoot()], controllers: [SlowController], providers: [ShutdownReporter] })(
  AppModule,
);

(async () => {
  const app = await HttpApplication.create(AppModule, {
    logger: false,
    readinessGrace: Number(process.env.GRACE_MS || 400),
    drainTimeout: Number(process.env.DRAIN_MS || 5000),
  });
  app.enableShutdownHooks();
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`listening ${app.fastify.server.address().port}\n`);
})().catch((error) => {
  process.stderr.write(String(error && error.stack) + '\n');
  process.exit(2);
});
