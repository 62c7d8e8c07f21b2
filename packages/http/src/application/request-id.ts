import { randomFillSync } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// Accepted ids are short and printable, so a client cannot inject log lines or bloat them.
const VALID_ID = /^[\w.:@/+=-]{1,128}$/;

// Random bytes for 1,024 ids, drawn in one call. crypto.randomUUID() refills 2 KiB every 128 ids:
// the cost of each call to the generator, not of the bytes, made that a quarter of a
// microsecond of every request that brings no id; with 16 KiB it is a sixteenth.
const IDS_PER_FILL = 1024;
let pool: Buffer | undefined;
let next = IDS_PER_FILL;

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A random (version 4) UUID, as `crypto.randomUUID()` gives: 122 random bits from the same
 * cryptographic generator, the version and variant bits set by RFC 9562.
 */
export function randomRequestId(): string {
  if (next === IDS_PER_FILL) {
    // Outside the V8 heap's pool, like randomUUID()'s own buffer: no other Buffer shares it.
    pool ??= Buffer.allocUnsafeSlow(16 * IDS_PER_FILL);
    randomFillSync(pool);
    next = 0;
  }
  const b = pool!;
  const o = next++ * 16;
  return (
    HEX[b[o]!]! +
    HEX[b[o + 1]!]! +
    HEX[b[o + 2]!]! +
    HEX[b[o + 3]!]! +
    '-' +
    HEX[b[o + 4]!]! +
    HEX[b[o + 5]!]! +
    '-' +
    HEX[(b[o + 6]! & 0x0f) | 0x40]! +
    HEX[b[o + 7]!]! +
    '-' +
    HEX[(b[o + 8]! & 0x3f) | 0x80]! +
    HEX[b[o + 9]!]! +
    '-' +
    HEX[b[o + 10]!]! +
    HEX[b[o + 11]!]! +
    HEX[b[o + 12]!]! +
    HEX[b[o + 13]!]! +
    HEX[b[o + 14]!]! +
    HEX[b[o + 15]!]!
  );
}

/** Fastify's `genReqId`: the client's id when it is sane, else a new UUID. */
export function requestIdGenerator(header: string): (request: IncomingMessage) => string {
  const name = header.toLowerCase();
  return (request) => {
    const given = request.headers[name];
    return typeof given === 'string' && VALID_ID.test(given) ? given : randomRequestId();
  };
}
