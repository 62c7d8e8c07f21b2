import { HEADER } from '../../transport/transport';

/** A stream entry as `callBuffer` gives it: its id and its field-value list. */
export type Entry = [id: Buffer, fields: Buffer[]];

// Field names, one byte each: compared without decoding them.
const B = 0x62; // 'b': the body
const C = 0x63; // 'c': the content-type header
const H = 0x68; // 'h': the other headers, as JSON
const I = 0x69; // 'i': the message id header

/**
 * The field-value list of an entry. The two headers every event carries, the message id and the
 * content type, are fields of their own (`i`, `c`): no JSON to write and parse per message, and
 * fewer bytes to send, store and read back. Other headers go as JSON in `h`, written only when
 * there are some; the body is `b`.
 */
export function entryFields(headers: Readonly<Record<string, string>>, body: Buffer): Array<string | Buffer> {
  const fields: Array<string | Buffer> = [];
  let rest: Record<string, string> | undefined;
  for (const name in headers) {
    if (!Object.hasOwn(headers, name)) continue;
    const value = headers[name]!;
    if (name === HEADER.MESSAGE_ID) fields.push('i', value);
    else if (name === HEADER.CONTENT_TYPE) fields.push('c', value);
    else (rest ??= {})[name] = value;
  }
  if (rest) fields.push('h', JSON.stringify(rest));
  fields.push('b', body);
  return fields;
}

/**
 * The headers and the body of an entry, whichever version of the transport wrote it: earlier
 * ones wrote every header as JSON in `h`, and `h` then `b` on every entry.
 */
export function fieldsOf(fields: Buffer[]): { headers: Record<string, string>; body: Buffer } {
  let headers: Record<string, string> | undefined;
  let id: string | undefined;
  let contentType: string | undefined;
  let body: Buffer = EMPTY;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i]!;
    if (name.length !== 1) continue;
    const value = fields[i + 1]!;
    if (name[0] === B) body = value;
    else if (name[0] === I) id = value.toString();
    else if (name[0] === C) contentType = value.toString();
    else if (name[0] === H) headers = JSON.parse(value.toString()) as Record<string, string>;
  }
  headers ??= {};
  if (id !== undefined) headers[HEADER.MESSAGE_ID] = id;
  if (contentType !== undefined) headers[HEADER.CONTENT_TYPE] = contentType;
  return { headers, body };
}

const EMPTY = Buffer.alloc(0);

/** Entries with a payload: XAUTOCLAIM and XCLAIM give `null` fields for entries deleted meanwhile. */
export function liveEntries(entries: readonly (Entry | null)[]): Entry[] {
  return entries.filter((e): e is Entry => !!e && !!e[1]);
}
