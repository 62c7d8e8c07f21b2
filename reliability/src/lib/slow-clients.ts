import { connect, type Socket } from 'node:net';

/** What the server did to one held connection. */
export interface HeldOutcome {
  /** Whether the server closed the connection (false: the suite gave up and closed it). */
  closedByServer: boolean;
  /** The status of the answer the server wrote before closing, or 0 for none. */
  status: number;
  /** Milliseconds from the connection to its close. */
  ms: number;
}

/**
 * Holds one connection the way a slow or idle client does: `first` is written at once, then
 * `drip` every `everyMs` (nothing when absent), until the server closes the connection or
 * `giveUpMs` pass.
 */
export function holdConnection(
  origin: string,
  options: { first?: string; drip?: string; everyMs?: number; giveUpMs: number },
): Promise<HeldOutcome> {
  const url = new URL(origin);
  return new Promise((resolve) => {
    const started = Date.now();
    let data = '';
    let closedByServer = true;
    let drip: NodeJS.Timeout | undefined;
    const socket: Socket = connect(Number(url.port), url.hostname);
    const giveUp = setTimeout(() => {
      closedByServer = false;
      socket.destroy();
    }, options.giveUpMs);
    socket.on('connect', () => {
      if (options.first) socket.write(options.first);
      if (options.drip)
        drip = setInterval(() => socket.writable && socket.write(options.drip!), options.everyMs ?? 500);
    });
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      clearInterval(drip);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(data)?.[1];
      resolve({ closedByServer, status: status ? Number(status) : 0, ms: Date.now() - started });
    });
  });
}

/** `min–max ms` of the outcomes, and their statuses counted. */
export function summarize(outcomes: HeldOutcome[]): string {
  const ms = outcomes.map((o) => o.ms);
  const statuses = new Map<string, number>();
  for (const o of outcomes) {
    const key = o.closedByServer ? (o.status ? String(o.status) : 'closed without answer') : 'still open';
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
  }
  const counted = [...statuses.entries()].map(([k, n]) => `${k}×${n}`).join(', ');
  return `${outcomes.length} closed after ${Math.min(...ms)}–${Math.max(...ms)} ms (${counted})`;
}
