/** A stream entry as `callBuffer` gives it: its id and its field-value list. */
export type Entry = [id: Buffer, fields: Buffer[]];

const H = 0x68; // 'h'
const B = 0x62; // 'b'

/**
 * The field-value list of an entry: the body as `b`, and the headers as JSON in `h` only when
 * there are some (an entry without `h` has no headers: one JSON encode and decode fewer).
 */
export function entryFields(headers: Readonly<Record<string, string>>, body: Buffer): Array<string | Buffer> {
  return hasAny(headers) ? ['h', JSON.stringify(headers), 'b', body] : ['b', body];
}

/**
 * The headers (`h`, JSON; none when absent) and the body (`b`) of an entry written by the
 * transport, whichever version wrote it. Field names are compared by their one byte, not decoded.
 */
export function fieldsOf(fields: Buffer[]): { headers: Readonly<Record<string, string>>; body: Buffer } {
  let headers: Record<string, string> | undefined;
  let body: Buffer = EMPTY;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i]!;
    if (name.length !== 1) continue;
    if (name[0] === H) headers = JSON.parse(fields[i + 1]!.toString()) as Record<string, string>;
    else if (name[0] === B) body = fields[i + 1]!;
  }
  return { headers: headers ?? {}, body };
}

const EMPTY = Buffer.alloc(0);

// Without the array Object.keys() would build.
function hasAny(headers: Readonly<Record<string, string>>): boolean {
  for (const name in headers) if (Object.hasOwn(headers, name)) return true;
  return false;
}

/** Entries with a payload: XAUTOCLAIM and XCLAIM give `null` fields for entries deleted meanwhile. */
export function liveEntries(entries: readonly (Entry | null)[]): Entry[] {
  return entries.filter((e): e is Entry => !!e && !!e[1]);
}
