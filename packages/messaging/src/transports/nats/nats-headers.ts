import type { Msg, MsgHdrs } from '@nats-io/transport-node';
import { HEADER } from '../../transport/transport';

/*
 * NATS headers without the client's MsgHdrs on the per-message path. Building a MsgHdrs (each
 * key checked and matched against the others) and encoding it took about 5 µs a message, decoding
 * and reading it back about 4 µs: most of what core NATS costs Tenon beyond the raw client. The
 * wire format is the server protocol's (`NATS/1.0\r\nkey: value\r\n...\r\n\r\n`); anything out of
 * the ordinary (a status line, a name the fast check refuses) goes through the client's own code.
 */

const STATUS_LINE = 'NATS/1.0';
const JSON_CONTENT_TYPE = 'application/json';
// A header name the protocol takes: printable ASCII without ':' (the client checks the same).
const PLAIN_NAME = /^[!-9;-~]+$/;
// `\r\n<name>: ` of the names already checked: an application uses a handful, and a regular
// expression per name and message was a tenth of the cost of encoding.
const namePrefixes = new Map<string, string>();
const MAX_CACHED_NAMES = 256;

function namePrefix(name: string): string | undefined {
  const cached = namePrefixes.get(name);
  if (cached !== undefined) return cached;
  if (!PLAIN_NAME.test(name)) return undefined;
  const prefix = `\r\n${name}: `;
  if (namePrefixes.size < MAX_CACHED_NAMES) namePrefixes.set(name, prefix);
  return prefix;
}

/**
 * A header NATS messages go without: `content-type: application/json`, the default codec's type,
 * which no Tenon receiver reads (each decodes with its own codec).
 */
export function unsaid(key: string, value: string): boolean {
  return key === HEADER.CONTENT_TYPE && value === JSON_CONTENT_TYPE;
}

/**
 * What the client needs of the headers it publishes: `publish()` calls `encode()` alone (checked in
 * @nats-io/nats-core's protocol handler); only core publishes and replies take this shape.
 */
class EncodedHeaders {
  constructor(private readonly bytes: Uint8Array) {}
  encode(): Uint8Array {
    return this.bytes;
  }
}

/**
 * Headers of a core NATS publish or reply; `undefined` for none. Values are one line on the wire:
 * multi-line ones (error messages) are folded, and the blanks around a value are dropped (the
 * reader would drop them). `content-type: application/json` is left out (see `unsaid`): with it
 * an event of JSON alone would need a header block, a third of a small event's bytes. `fallback` builds the
 * client's MsgHdrs for a name the fast check refuses, so that the client reports it as it would.
 */
export function encodeHeaders(
  record: Readonly<Record<string, string>>,
  fallback: (record: Readonly<Record<string, string>>) => MsgHdrs | undefined,
): MsgHdrs | undefined {
  let text = STATUS_LINE;
  for (const key in record) {
    const value = record[key]!;
    if (unsaid(key, value)) continue;
    const prefix = namePrefix(key);
    if (prefix === undefined) return fallback(record);
    text += prefix + (plainValue(value) ? value : foldHeaderValue(value).trim());
  }
  if (text.length === STATUS_LINE.length) return undefined;
  return new EncodedHeaders(Buffer.from(`${text}\r\n\r\n`)) as unknown as MsgHdrs;
}

// No line break and no blank at either end: written as it is (a message id, a content type).
function plainValue(value: string): boolean {
  const last = value.length - 1;
  if (last < 0) return true;
  if (isBlank(value.charCodeAt(0)) || isBlank(value.charCodeAt(last))) return false;
  for (let i = 1; i < last; i++) {
    const c = value.charCodeAt(i);
    if (c === 13 || c === 10) return false;
  }
  return true;
}

// A blank, a control character or anything past ASCII (which `trim()` may drop) at either end:
// such a value takes the general path.
function isBlank(c: number): boolean {
  return c <= 32 || c >= 127;
}

/** A header value on one line, as the wire needs it: line breaks (and the indent after them) become a space. */
export function foldHeaderValue(value: string): string {
  return /[\r\n]/.test(value) ? value.replace(/[\r\n]+\s*/g, ' ') : value;
}

/**
 * The received message's raw bytes where the client keeps them (`MsgImpl` of
 * @nats-io/nats-core 3, exported by its `internal` entry only). No public API gives the header
 * block: `msg.headers` decodes it into a MsgHdrs (each name checked and canonicalized), about
 * 1.5 µs a message more than reading it here, and `MsgImpl.size()`, from which its length could
 * be worked out, is as internal as these fields.
 */
interface RawMsg {
  readonly _rdata?: unknown;
  readonly _msg?: { readonly hdr?: unknown };
}

/**
 * A received message's headers as a record with lower-case names (the first value of a repeated
 * name). Reads the header block itself when the client keeps the raw bytes as version 3 does,
 * else (another client version, a status line) through `msg.headers`.
 */
export function headersOf(msg: Msg): Record<string, string> {
  const raw = (msg as unknown as RawMsg)._rdata;
  const hdr = (msg as unknown as RawMsg)._msg?.hdr;
  if (raw instanceof Uint8Array && typeof hdr === 'number') {
    if (hdr < 0) return {};
    const text = Buffer.from(raw.buffer, raw.byteOffset, hdr).toString('utf8');
    if (text.startsWith(`${STATUS_LINE}\r\n`)) return parse(text);
  }
  return recordOf(msg.headers);
}

function parse(text: string): Record<string, string> {
  const record: Record<string, string> = {};
  let at = STATUS_LINE.length + 2;
  while (at < text.length) {
    let end = text.indexOf('\r\n', at);
    if (end < 0) end = text.length;
    const colon = text.indexOf(':', at);
    if (colon > at && colon < end) {
      const key = text.slice(at, colon).toLowerCase();
      record[key] ??= text.slice(colon + 1, end).trim();
    }
    at = end + 2;
  }
  return record;
}

/** The client's MsgHdrs as a record with lower-case names (the first value of a repeated name). */
export function recordOf(headers: MsgHdrs | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (!headers) return record;
  for (const [key, values] of headers) record[key.toLowerCase()] ??= values[0] ?? '';
  return record;
}
