import { readFileSync, readdirSync } from 'node:fs';
import { processCpuTicks } from '../harness/proc-cpu';
import type { Broker } from './variant';

// The server process of each broker, by the name Linux gives it (`/proc/<pid>/comm`).
const PROCESS_NAMES: Record<Broker['name'], string> = {
  nats: 'nats-server',
  'nats-core': 'nats-server',
  rabbitmq: 'beam.smp',
  redis: 'redis-server',
};

/**
 * The pid of the broker's server when it runs on this machine (a loopback URL and one process of
 * its name in /proc), else `undefined`: its CPU time says how much of the machine the broker took
 * per event, which bounds every variant alike on a shared 2-core machine.
 */
export function brokerPid(broker: Broker): number | undefined {
  const host = new URL(broker.url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) return undefined;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const found = entries.filter((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    try {
      return readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === PROCESS_NAMES[broker.name];
    } catch {
      return false;
    }
  });
  return found.length === 1 ? Number(found[0]) : undefined;
}

/** CPU time (user + system) the process has used, in µs; `NaN` once it is gone. */
export function processCpuUs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    return processCpuTicks(pid) * 10_000;
  } catch {
    return NaN;
  }
}
