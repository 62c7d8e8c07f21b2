/**
 * Turns payloads into bytes and back. JSON is the default; give another to `MessagingModule`
 * (e.g. MessagePack) with the same codec on every side.
 *
 * @example
 * const text: Codec<string> = { name: 'text', contentType: 'text/plain', encode: (s) => Buffer.from(s), decode: (b) => Buffer.from(b).toString() };
 */
export interface Codec<T = unknown> {
  /** Shown in errors. */
  readonly name: string;
  /** Sent in the `content-type` header. */
  readonly contentType: string;
  encode(value: T): Uint8Array;
  decode(bytes: Uint8Array): T;
}

/**
 * JSON in UTF-8. `undefined` is sent as an empty body and decoded back to `undefined`.
 *
 * @example
 * MessagingModule.forRoot({ transport: inMemory(), codec: jsonCodec() });
 */
export function jsonCodec(): Codec {
  return {
    name: 'JSON',
    contentType: 'application/json',
    encode: (value) => (value === undefined ? new Uint8Array(0) : Buffer.from(JSON.stringify(value), 'utf8')),
    decode: (bytes) =>
      bytes.length === 0
        ? undefined
        : (JSON.parse(
            Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
          ) as unknown),
  };
}
