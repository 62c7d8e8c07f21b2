import 'reflect-metadata';
import { redisStreams } from '@tenon/messaging';
import { messagingContract } from './messaging.contract';

const url = process.env.TENON_TEST_REDIS_URL;

messagingContract({
  name: 'Redis Streams',
  skip: url ? undefined : 'TENON_TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379); .ci/run sets it',
  // A short claim time: the "consumer died" case waits for it before another consumer takes over.
  transport: (namespace) => redisStreams({ url: url!, prefix: namespace, claimIdleMs: 1000, blockMs: 200 }),
  cleanup: async (namespace) => {
    const cleaner = redisStreams({ url: url!, prefix: namespace });
    await cleaner.connect();
    await cleaner.deleteResources();
    await cleaner.close();
  },
});
