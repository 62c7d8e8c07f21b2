import { randomUUID } from 'node:crypto';
import type { Msg, MsgHdrs, NatsConnection, Subscription } from '@nats-io/transport-node';
import { NoResponderError, RequestTimeoutError } from '../../errors/runtime.errors';
import {
  HEADER,
  type ResponderSpec,
  type TransportMessage,
  type TransportStatus,
} from '../../transport/transport';
import { lazyModule } from '../../util/lazy-module';
import { safeName } from '../subject-names';
import { encodeHeaders, foldHeaderValue, headersOf, recordOf, unsaid } from './nats-headers';

/*
 * What both NATS transports (JetStream and core NATS) share: the connection, headers, and
 * request-reply, which is core NATS request-reply with a queue group in both.
 */

export const natsLibrary = lazyModule<typeof import('@nats-io/transport-node')>('@nats-io/transport-node');

/** Connects with the settings both transports use. */
export function connectNats(
  nats: typeof import('@nats-io/transport-node'),
  servers: string | string[],
  name: string | undefined,
): Promise<NatsConnection> {
  return nats.connect({
    servers,
    name: name ?? 'tenon-messaging',
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    // Every request (each JetStream publish) would capture a stack trace for its timeout in
    // advance; ours are wrapped in Tenon errors that say where, so this is CPU for nothing.
    noAsyncTraces: true,
  });
}

/**
 * Closes a connection once the client has written what it holds: `close()` alone drops it, and
 * that may be the last published events, acks or replies.
 */
export async function flushAndClose(nc: NatsConnection): Promise<void> {
  await nc.flush().catch(() => undefined);
  await nc.close();
}

/** A NATS transport's health: connected, the server, its last error, and what `extra` adds. */
export function natsStatus(
  transport: string,
  nc: NatsConnection | undefined,
  connected: boolean,
  lastError: string | undefined,
  extra: Record<string, unknown> = {},
): TransportStatus {
  return {
    connected: connected && nc !== undefined && !nc.isClosed(),
    details: {
      transport,
      server: nc?.getServer(),
      ...extra,
      ...(lastError ? { lastError } : {}),
    },
  };
}

/**
 * A record as NATS headers; `undefined` for none (a message without headers is smaller and
 * cheaper). JSON's content type is left out, as on core NATS (see `unsaid`).
 */
export function toHeaders(record: Readonly<Record<string, string>>): MsgHdrs | undefined {
  let h: MsgHdrs | undefined;
  for (const key in record) {
    const value = record[key]!;
    if (!unsaid(key, value)) (h ??= natsLibrary().headers()).set(key, foldHeaderValue(value));
  }
  return h;
}

/** Sends a request on `<prefix>.rpc.<subject>`; no responder and timeouts become coded errors. */
export async function natsRequest(
  nc: NatsConnection,
  prefix: string,
  message: TransportMessage,
  timeoutMs: number,
): Promise<TransportMessage> {
  const nats = natsLibrary();
  try {
    const headers = toHeaders(message.headers);
    const reply: Msg = await nc.request(`${prefix}.rpc.${message.subject}`, message.body, {
      timeout: timeoutMs,
      ...(headers ? { headers } : {}),
    });
    return { subject: message.subject, body: reply.data, headers: recordOf(reply.headers) };
  } catch (error) {
    if (error instanceof nats.RequestError && error.isNoResponders())
      throw new NoResponderError(message.subject);
    if (error instanceof nats.NoRespondersError) throw new NoResponderError(message.subject);
    if (
      error instanceof nats.TimeoutError ||
      (error instanceof Error && error.cause instanceof nats.TimeoutError)
    )
      throw new RequestTimeoutError(message.subject, timeoutMs);
    throw error;
  }
}

/**
 * Answers requests on `<prefix>.rpc.<subject>` in the queue group of `spec.group` (one instance
 * of the group answers each), once the server has the subscription.
 */
export async function natsRespond(
  nc: NatsConnection,
  prefix: string,
  spec: ResponderSpec,
): Promise<Subscription> {
  const sub = nc.subscribe(`${prefix}.rpc.${spec.subject}`, {
    queue: safeName(spec.group),
    callback: (error, msg) => {
      if (error) return;
      const headers = headersOf(msg);
      void spec.handle({
        subject: spec.subject,
        body: msg.data,
        headers,
        id: headers[HEADER.MESSAGE_ID] ?? randomUUID(),
        respond: async (reply) => {
          const replyHeaders = encodeHeaders(reply.headers, toHeaders);
          msg.respond(reply.body, replyHeaders ? { headers: replyHeaders } : {});
        },
      });
    },
  });
  // A request sent right after boot must find the responder: the server has it after a flush.
  await nc.flush();
  return sub;
}
