/** A stream entry as `callBuffer` gives it: its id and its field-value list. */
export type Entry = [id: Buffer, fields: Buffer[]];

/** The headers (`h`, JSON) and the body (`b`) of an entry written by the transport. */
export function fieldsOf(fields: Buffer[]): { headers: Record<string, string>; body: Buffer } {
  let headers: Record<string, string> = {};
  let body: Buffer = Buffer.alloc(0);
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i]!.toString();
    if (name === 'h') headers = JSON.parse(fields[i + 1]!.toString()) as Record<string, string>;
    else if (name === 'b') body = fields[i + 1]!;
  }
  return { headers, body };
}

/** Entries with a payload: XAUTOCLAIM and XCLAIM give `null` fields for entries deleted meanwhile. */
export function liveEntries(entries: readonly (Entry | null)[]): Entry[] {
  return entries.filter((e): e is Entry => !!e && !!e[1]);
}
