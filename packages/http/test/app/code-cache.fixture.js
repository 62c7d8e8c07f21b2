// An application process for the code-cache test: plain JavaScript on the built packages, so it
// starts under plain Node as an application does (the cache is off in jest's workers).
require('reflect-metadata');
const { Module, codeCache } = require('@tenon/core');
const { Controller, Get, HttpApplication } = require('@tenon/http');

class HelloController {
  hello() {
    return { hello: 'world' };
  }
}
Get('hello')(
  HelloController.prototype,
  'hello',
  Object.getOwnPropertyDescriptor(HelloController.prototype, 'hello'),
);
Controller()(HelloController);

class AppModule {}
Module({ controllers: [HelloController] })(AppModule);

(async () => {
  const app = await HttpApplication.create(AppModule, { logger: false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const body = await (await fetch(`${url}/hello`)).json();
  // The save comes shortly after listen(), by itself.
  await new Promise((resolve) => setTimeout(resolve, 600));
  process.stdout.write(JSON.stringify({ status: codeCache.status(), body }));
  await app.close();
})();
