// A queue worker process for the take-over test, killed with SIGKILL by the test. Plain
// JavaScript on the built packages (dist): decorators are applied by hand.
require('reflect-metadata');
const { ApplicationContext, Module } = require('@tenon/core');
const { Process, Processor, QueueModule } = require('@tenon/scheduling');

const { REDIS_URL, PREFIX, NAME, HANG } = process.env;

class WorkProcessor {
  async slow(job) {
    process.stdout.write(`started ${job.id} ${NAME}\n`);
    // The first worker hangs here until it is killed; the second finishes.
    if (HANG === '1') await new Promise(() => undefined);
    process.stdout.write(`finished ${job.id} ${NAME}\n`);
    return `done by ${NAME}`;
  }
}
// A short lock, checked every second: a dead worker's job is stalled after ~2 s, not 30 s.
Processor('work', { lockDuration: 2000, stalledInterval: 1000 })(WorkProcessor);
Process('slow')(
  WorkProcessor.prototype,
  'slow',
  Object.getOwnPropertyDescriptor(WorkProcessor.prototype, 'slow'),
);

class WorkerModule {}
Module({
  imports: [
    QueueModule.forRoot({ connection: REDIS_URL, prefix: PREFIX }),
    QueueModule.registerQueue({ name: 'work' }),
  ],
  providers: [WorkProcessor],
})(WorkerModule);

ApplicationContext.create(WorkerModule, { logger: false }).then(
  (app) => {
    process.stdout.write('ready\n');
    process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  },
  (error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
