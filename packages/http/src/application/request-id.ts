import { randomFillSync } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { HttpApplicationOptions } from './http-application-options';

// Accepted ids are short and printable, so a client cannot inject log lines or bloat them.
const VALID_ID = /^[\w.:@/+=-]{1,128}$/;

// Random bytes for 1,024 ids, drawn in one call. crypto.randomUUID() refills 2 KiB every 128 ids:
// the cost of each call to the generator, not of the bytes, made that a quarter of a
// microsecond of every request that brings no id; with 16 KiB it is a sixteenth.
const IDS_PER_FILL = 1024;
let pool: Buffer | undefined;
let next = IDS_PER_FILL;

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
// Where each of the 16 bytes goes in the 36 characters: two hex digits, dashes at 8, 13, 18, 23.
const POSITIONS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
// The id is written as ASCII into this buffer and read out as one string: a string joined from
// pieces (as randomUUID() builds it) must be flattened again when Node checks the header
// value, which cost more than drawing the random bytes.
const text = Buffer.alloc(36, '-');

/**
 * A random (version 4) UUID, as `crypto.randomUUID()` gives: 122 random bits from the same
 * cryptographic generator, the version and variant bits set by RFC 9562.
 */
export function randomRequestId(): string {
  if (next === IDS_PER_FILL) {
    // Outside the pool of small Buffers, like randomUUID()'s own: no other Buffer shares it.
    pool ??= Buffer.allocUnsafeSlow(16 * IDS_PER_FILL);
    randomFillSync(pool);
    next = 0;
  }
  const bytes = pool!;
  const offset = next++ * 16;
  for (let i = 0; i < 16; i++) {
    let byte = bytes[offset + i]!;
    if (i === 6) byte = (byte & 0x0f) | 0x40;
    else if (i === 8) byte = (byte & 0x3f) | 0x80;
    const at = POSITIONS[i]!;
    text[at] = HEX_DIGITS[byte >> 4]!;
    text[at + 1] = HEX_DIGITS[byte & 0x0f]!;
  }
  return text.toString('latin1', 0, 36);
}

/** Fastify's `genReqId`: the client's id when it is sane, else a new UUID. */
export function requestIdGenerator(header: string): (request: IncomingMessage) => string {
  const name = header.toLowerCase();
  return (request) => {
    const given = request.headers[name];
    return typeof given === 'string' && VALID_ID.test(given) ? given : randomRequestId();
  };
}

/** The request id header of an application: its option, `x-request-id` by default, or `false` for none. */
export function requestIdHeaderOf(options: Pick<HttpApplicationOptions, 'requestIdHeader'>): string | false {
  return options.requestIdHeader ?? 'x-request-id';
}
