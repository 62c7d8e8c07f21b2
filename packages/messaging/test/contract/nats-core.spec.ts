import 'reflect-metadata';
import { natsCore } from '@tenon/messaging';
import { messagingContract } from './messaging.contract';

const url = process.env.TENON_TEST_NATS_URL;

// Core NATS keeps nothing (no stream): each namespace's subjects vanish with its connections.
messagingContract({
  name: 'core NATS',
  skip: url ? undefined : 'TENON_TEST_NATS_URL is not set (e.g. nats://127.0.0.1:4222); .ci/run sets it',
  transport: (namespace) => natsCore({ servers: url!, prefix: namespace }),
  atMostOnce:
    'core NATS delivers at most once: nothing is stored, acknowledged, redelivered or dead-lettered',
});
