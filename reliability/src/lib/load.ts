import type { Agent } from 'node:http';
import { errorCode, send, singleConnectionAgent, type HttpResult, type RequestSpec } from './http';

export interface Outcome {
  /** The request id sent in `x-request-id`. */
  id: string;
  worker: number;
  spec: RequestSpec;
  startedAt: number;
  endedAt: number;
  response?: HttpResult;
  /** The socket error code when there was no response. */
  error?: string;
}

export interface LoadOptions {
  origin: string;
  /** Concurrent clients, each with one keep-alive connection. */
  connections: number;
  /** Builds the next request of a client; `undefined` ends that client. */
  next: (worker: number, sequence: number) => RequestSpec | undefined | Promise<RequestSpec | undefined>;
  /** Called with every outcome, as it happens. */
  onOutcome?: (outcome: Outcome) => void | Promise<void>;
  /** Keep going while this returns true. */
  until: () => boolean;
  /** Pause after a failed request (no response), so refused clients do not spin. */
  backoffMs?: number;
  timeoutMs?: number;
  idPrefix?: string;
}

/**
 * A closed-loop load generator: `connections` clients, each sending its next request as soon as
 * the previous one ends, over its own keep-alive connection. Every request carries a unique
 * `x-request-id`, which the server logs and echoes, so each request can be followed from the
 * client to the server's log.
 */
export async function runLoad(options: LoadOptions): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const prefix = options.idPrefix ?? 'rel';
  const agents: Agent[] = [];
  const client = async (worker: number): Promise<void> => {
    const agent = singleConnectionAgent();
    agents.push(agent);
    for (let sequence = 0; options.until(); sequence++) {
      const next = await options.next(worker, sequence);
      if (next === undefined) return;
      const id = `${prefix}-${worker}-${sequence}`;
      const spec: RequestSpec = { ...next, headers: { ...(next.headers ?? {}), 'x-request-id': id } };
      const outcome: Outcome = { id, worker, spec, startedAt: Date.now(), endedAt: 0 };
      try {
        outcome.response = await send(options.origin, spec, {
          agent,
          timeoutMs: options.timeoutMs ?? 15_000,
        });
      } catch (error) {
        outcome.error = errorCode(error);
      }
      outcome.endedAt = Date.now();
      outcomes.push(outcome);
      await options.onOutcome?.(outcome);
      if (outcome.error !== undefined && options.backoffMs)
        await new Promise((resolve) => setTimeout(resolve, options.backoffMs));
    }
  };
  await Promise.all(Array.from({ length: options.connections }, (_, i) => client(i)));
  for (const agent of agents) agent.destroy();
  return outcomes;
}

/** Requests per second over an outcome list. */
export function throughput(outcomes: readonly Outcome[]): number {
  if (outcomes.length === 0) return 0;
  let start = Infinity;
  let end = 0;
  for (const o of outcomes) {
    start = Math.min(start, o.startedAt);
    end = Math.max(end, o.endedAt);
  }
  return (outcomes.length * 1000) / Math.max(1, end - start);
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
