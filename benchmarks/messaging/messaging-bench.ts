import 'reflect-metadata';
import { loadavg } from 'node:os';
import { describeMachine } from '../harness/machine';
import { writeSection } from '../harness/report';
import { median } from '../harness/stats';
import { nestVariant } from './nest-variants';
import { rawVariant } from './raw-variants';
import { tenonVariant } from './tenon-variant';
import { brokerPid, processCpuUs } from './broker-cpu';
import type { Broker, VariantFactory } from './variant';

/*
 * Issue 16's targets: messages/s and p99 per transport, Tenon against the client library used
 * directly (≥ 0.9x) and against NestJS microservices on the same broker (≥ 1.5x). The variants
 * take turns (Tenon, raw, Nest, then Nest, raw, Tenon, ...) in rounds of the same number of events
 * (per broker, see MESSAGES_BY_BROKER), each round on a namespace of its own; figures are medians
 * over rounds, ratios are taken per round.
 *   node benchmarks/dist/messaging/messaging-bench.js [--rounds 7] [--messages <all brokers>] [--inflight 64]
 *        [--only nats,nats-core,rabbitmq,redis] [--variants tenon,raw,nest] [--no-write]
 * Brokers: TENON_TEST_NATS_URL, TENON_TEST_AMQP_URL, TENON_TEST_REDIS_URL (default: 127.0.0.1).
 */

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const ROUNDS = arg('rounds', 7);
// Events per round, by broker: enough for a round of roughly half a second or more. At 5,000
// for all, a core NATS round lasted ~30 ms, which measured start-up transients (the JIT, the
// first GC) more than the steady rate.
const MESSAGES_BY_BROKER: Record<Broker['name'], number> = {
  nats: 10_000,
  'nats-core': 50_000,
  rabbitmq: 10_000,
  redis: 20_000,
};
const messagesGiven = process.argv.includes('--messages') ? arg('messages', 0) : undefined;
const messagesFor = (broker: Broker): number => messagesGiven ?? MESSAGES_BY_BROKER[broker.name];
const INFLIGHT = arg('inflight', 64);
const only = process.argv.includes('--only')
  ? process.argv[process.argv.indexOf('--only') + 1]!.split(',')
  : undefined;
const write = !process.argv.includes('--no-write');

const BROKERS: Broker[] = (
  [
    { name: 'nats', url: process.env.TENON_TEST_NATS_URL ?? 'nats://127.0.0.1:4222' },
    { name: 'nats-core', url: process.env.TENON_TEST_NATS_URL ?? 'nats://127.0.0.1:4222' },
    { name: 'rabbitmq', url: process.env.TENON_TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672' },
    { name: 'redis', url: process.env.TENON_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' },
  ] as Broker[]
).filter((b) => !only || only.includes(b.name));

const variantNames = process.argv.includes('--variants')
  ? process.argv[process.argv.indexOf('--variants') + 1]!.split(',')
  : undefined;
const VARIANTS: Array<[name: string, make: VariantFactory]> = (
  [
    ['tenon', tenonVariant],
    ['raw', rawVariant],
    ['nest', nestVariant],
  ] as Array<[name: string, make: VariantFactory]>
).filter(([name]) => !variantNames || variantNames.includes(name));

interface RoundResult {
  perSecond: number;
  p99Ms: number;
  lost: number;
  /** CPU time of this process (publisher and consumer) per event, in µs: steadier than msg/s on a busy machine. */
  cpuUsPerMessage: number;
  /** CPU time of the broker's server per event, in µs (`NaN` when it runs elsewhere). */
  brokerCpuUsPerMessage: number;
}

let sequence = 0;

// NestJS has no JetStream transport: its NATS transport is core NATS, measured on `nats-core`
// against Tenon's core NATS transport, so the like-for-like pair is the only one counted.
// Beside a Tenon/NestJS ratio: what NestJS's transport gives on that broker (see nest-variants.ts).
const NEST_NOTES: Partial<Record<Broker['name'], string>> = {
  'nats-core': ' (both core NATS: at-most-once)',
  rabbitmq:
    ' (NestJS with the same guarantees: ack after the handler, persistent messages, quorum queue, confirms)',
  redis: " (NestJS's Redis transport is Redis pub/sub: at-most-once, nothing stored, no ack)",
};

const runs = (broker: Broker, variant: string): boolean => !(broker.name === 'nats' && variant === 'nest');

/** Publishes the broker's number of events, `INFLIGHT` at a time, and waits for all to be handled. */
async function round(broker: Broker & { pid?: number }, make: VariantFactory): Promise<RoundResult> {
  const namespace = `bench_${process.pid}_${Date.now().toString(36)}_${sequence++}`;
  const variant = make(broker, namespace);
  const messages = messagesFor(broker);
  const latencies: number[] = [];
  let done: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (done = resolve));
  await variant.start((sentAt) => {
    latencies.push(performance.now() - sentAt);
    if (latencies.length === messages) done();
  });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const brokerBefore = processCpuUs(broker.pid);
  let next = 0;
  const publisher = async () => {
    while (next < messages) {
      next++;
      await variant.publish(performance.now());
    }
  };
  await Promise.all(Array.from({ length: INFLIGHT }, publisher));
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 60_000).unref());
  const finished = await Promise.race([all.then(() => 'ok' as const), timeout]);
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const brokerCpu = processCpuUs(broker.pid) - brokerBefore;
  await variant.close();
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / elapsed,
    p99Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? NaN,
    lost: finished === 'ok' ? 0 : messages - latencies.length,
    cpuUsPerMessage: (cpu.user + cpu.system) / Math.max(1, latencies.length),
    brokerCpuUsPerMessage: brokerCpu / Math.max(1, latencies.length),
  };
}

async function main(): Promise<void> {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  console.log(`load average before: ${load}`);
  const results = new Map<string, RoundResult[]>();
  const key = (broker: string, variant: string) => `${broker}/${variant}`;
  for (const broker of BROKERS as Array<Broker & { pid?: number }>) {
    broker.pid = brokerPid(broker);
    // One warm-up round per variant, not counted.
    for (const [name, make] of VARIANTS) {
      if (!runs(broker, name)) continue;
      console.log(`${broker.name} ${name}: warm-up`);
      await round(broker, make);
    }
    for (let r = 0; r < ROUNDS; r++) {
      // The order turns around every round (A, B, C, then C, B, A): the broker shares the
      // machine, and a variant always run right after another would always inherit that one's
      // leftovers (its queue or stream being deleted, the broker's GC).
      const order = r % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
      for (const [name, make] of order) {
        if (!runs(broker, name)) continue;
        const result = await round(broker, make);
        console.log(
          `${broker.name} ${name} round ${r + 1}: ${Math.round(result.perSecond)} msg/s, p99 ${result.p99Ms.toFixed(1)} ms, ${result.cpuUsPerMessage.toFixed(0)} µs CPU/msg, broker ${result.brokerCpuUsPerMessage.toFixed(0)} µs/msg${result.lost ? `, ${result.lost} not handled in 60 s` : ''}`,
        );
        results.set(key(broker.name, name), [...(results.get(key(broker.name, name)) ?? []), result]);
      }
    }
  }
  const loadAfter = loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  console.log(`load average after: ${loadAfter}`);
  const lines = [
    '## Messaging: events per second and p99, Tenon vs the client libraries and NestJS microservices (`node benchmarks/dist/messaging/messaging-bench.js`)',
    '',
    `Issue 16's targets: Tenon ≥ 0.9x the client library used directly and ≥ 1.5x NestJS microservices on the same broker. ` +
      `Per round, one variant publishes ${BROKERS.map((b) => `${messagesFor(b).toLocaleString('en-US')} events on ${b.name}`).join(', ')}, each of ~100 bytes (${INFLIGHT} publishes in flight) and handles them in the same process; ` +
      `msg/s is handled events over the time from the first publish to the last handler call, p99 the publish-to-handler latency. ` +
      `Variants take turns over ${ROUNDS} rounds after a warm-up round each, the order turned around every round (Tenon, raw, Nest, then Nest, raw, Tenon); medians, ratios per round. ` +
      `"raw" is the client library used directly with the guarantees Tenon gives, so it is a fair baseline and not a fire-and-forget loop: a durable stream or queue that stores each event, ` +
      `a durable consumer (JetStream pull consumer with explicit acks; a quorum queue bound to a topic exchange, as Tenon's are, so that an event can reach every consumer group, with publisher confirms and manual acks; a Redis stream with a consumer group), ` +
      `and the ack sent only after the handler ran (XACK once per batch read on Redis). What Tenon does on top: a message id per event (JetStream de-duplicates on it; on core NATS, which redelivers nothing, an event carries one only when its publisher gives it, and JSON's content type is not sent, so a plain event there has no header block), ` +
      `headers, the handler's parameter pipeline, a request scope per message, the retry and dead-letter bookkeeping, and on Redis an XAUTOCLAIM a second for entries of dead consumers (the raw variant has none: nothing it reads is ever taken over). ` +
      `How each sends: Tenon's Redis transport publishes on a connection of its own with ioredis's \`enableAutoPipelining\` (the XADDs of one tick in one pipeline, one socket write); the raw variant sends one XADD per publish, as ioredis does by default (\`enableAutoPipelining\` off). ` +
      `"nats" is JetStream (a stream, acks), "nats-core" core NATS on the same server (at most once: Tenon's natsCore(), a raw queue-group subscription, NestJS's NATS transport with a queue group; nothing stored, no ack). ` +
      `NestJS on RabbitMQ is set to Tenon's guarantees (its defaults are at-most-once: \`noAck: true\`, so no ack and no prefetch, and \`persistent: false\`): \`noAck: false\` with the ack in the handler after it ran, \`persistent: true\`, a quorum queue, a prefetch of 64; its client publishes with confirms (amqp-connection-manager). ` +
      `NestJS cannot give them on the other brokers: its NATS transport is core NATS (no JetStream: nothing stored, no ack), so it is compared on nats-core only; its Redis transport is Redis pub/sub (at-most-once: nothing stored, no ack, a message published while no one listens is lost), so the Redis ratio compares Tenon's stored, acknowledged stream with less work. ` +
      `CPU µs/msg is the benchmark process's CPU time (publisher and consumer, not the broker's) per event: steadier than msg/s on a busy machine. ` +
      `"broker µs/msg" is the broker server's CPU time per event over the round (read from /proc; "NaN" when the broker runs on another machine): the benchmark and the broker share the machine's cores, so where the broker takes most of the CPU, the sum of the two bounds every variant's rate. ` +
      `The brokers run on the same 2-core machine as the benchmark.`,
    '',
    `Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; load average ${load} before, ${loadAfter} after. ` +
      `Figures taken while the machine is loaded by other work are not to be trusted.`,
    ...describeMachine(),
    '',
    '| broker | variant | msg/s (median) | p99 ms (median) | CPU µs/msg (median) | broker µs/msg (median) |',
    '|---|---|---|---|---|---|',
  ];
  for (const broker of BROKERS)
    for (const [name] of VARIANTS) {
      if (!runs(broker, name)) continue;
      const list = results.get(key(broker.name, name)) ?? [];
      lines.push(
        `| ${broker.name} | ${name} | ${Math.round(median(list.map((r) => r.perSecond))).toLocaleString('en-US')} | ${median(list.map((r) => r.p99Ms)).toFixed(1)} | ${median(list.map((r) => r.cpuUsPerMessage)).toFixed(0)} | ${median(list.map((r) => r.brokerCpuUsPerMessage)).toFixed(0)} |`,
      );
    }
  lines.push('', '| broker | Tenon / raw (target ≥ 0.9) | Tenon / NestJS (target ≥ 1.5) |', '|---|---|---|');
  for (const broker of BROKERS) {
    const tenon = results.get(key(broker.name, 'tenon')) ?? [];
    const ratio = (other: string) =>
      median(
        tenon.map((t, i) => t.perSecond / (results.get(key(broker.name, other))?.[i]?.perSecond ?? NaN)),
      );
    const raw = ratio('raw');
    const nest = ratio('nest');
    const nestCell =
      broker.name === 'nats'
        ? 'n/a: NestJS has no JetStream transport (its NATS transport is core NATS: see nats-core)'
        : `${nest.toFixed(2)} ${nest >= 1.5 ? '✓' : '✗'}${NEST_NOTES[broker.name] ?? ''}`;
    lines.push(`| ${broker.name} | ${raw.toFixed(2)} ${raw >= 0.9 ? '✓' : '✗'} | ${nestCell} |`);
  }
  const markdown = lines.join('\n');
  console.log(markdown);
  if (write) writeSection('bench:messaging', markdown);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
