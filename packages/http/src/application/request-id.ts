import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// Accepted ids are short and printable, so a client cannot inject log lines or bloat them.
const VALID_ID = /^[\w.:@/+=-]{1,128}$/;

/** Fastify's `genReqId`: the client's id when it is sane, else a new UUID. */
export function requestIdGenerator(header: string): (request: IncomingMessage) => string {
  const name = header.toLowerCase();
  return (request) => {
    const given = request.headers[name];
    return typeof given === 'string' && VALID_ID.test(given) ? given : randomUUID();
  };
}
