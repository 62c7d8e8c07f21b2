/** The part of PGlite the simple-query runner uses. */
interface RawProtocol {
  execProtocolRaw(message: Uint8Array, options?: { syncToFs?: boolean }): Promise<Uint8Array>;
  /** The reply chunk by chunk, as PostgreSQL writes it (absent from older versions). */
  execProtocolRawStream?(
    message: Uint8Array,
    options: { syncToFs?: boolean; onRawData: (chunk: Uint8Array) => void },
  ): Promise<void>;
  /** PGlite's query lock (what `query()` and `exec()` take), absent from older versions. */
  _runExclusiveQuery?<T>(fn: () => Promise<T>): Promise<T>;
  exec(sql: string): Promise<unknown>;
}

const QUERY = 0x51; // 'Q': a simple query
const ERROR_RESPONSE = 0x45; // 'E'
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function queryMessage(sql: string): Uint8Array {
  const text = encoder.encode(`${sql}\0`);
  const message = new Uint8Array(5 + text.length);
  message[0] = QUERY;
  new DataView(message.buffer).setInt32(1, 4 + text.length);
  message.set(text, 5);
  return message;
}

// An ErrorResponse is a list of (field code, NUL-terminated text) pairs: S severity, C SQLSTATE,
// M message.
function errorOf(bytes: Uint8Array, start: number, end: number): Error {
  const fields = new Map<string, string>();
  let at = start;
  while (at < end && bytes[at] !== 0) {
    const code = String.fromCharCode(bytes[at]!);
    const stop = bytes.indexOf(0, at + 1);
    fields.set(code, decoder.decode(bytes.subarray(at + 1, stop)));
    at = stop + 1;
  }
  return Object.assign(new Error(fields.get('M') ?? 'PGlite reported an error'), { code: fields.get('C') });
}

/**
 * Runs the test transaction's own statements (`begin`, savepoints, `rollback`) on PGlite in one
 * call each, as one simple-protocol message, under PGlite's query lock (so never between the
 * protocol steps of a statement in flight). `exec()` does the same with a second call (a sync),
 * result parsing and a file-system sync: three times the cost for statements that return
 * nothing, which a test pays on every write (see the README's timing). Without the lock (a PGlite
 * version that does not have it), `exec()` is used.
 */
export function pgliteSimpleQuery(pglite: object): (sql: string) => Promise<void> {
  const db = pglite as RawProtocol;
  if (typeof db._runExclusiveQuery !== 'function' || typeof db.execProtocolRaw !== 'function') {
    return (sql) => db.exec(sql).then(() => undefined);
  }
  const messages = new Map<string, Uint8Array>();
  return (sql) => {
    let message = messages.get(sql);
    if (!message) messages.set(sql, (message = queryMessage(sql)));
    const bytes = message;
    return db._runExclusiveQuery!(async () => {
      const reply = await rawReply(db, bytes);
      const view = new DataView(reply.buffer, reply.byteOffset, reply.byteLength);
      for (let at = 0; at + 5 <= reply.length; at += 1 + view.getInt32(at + 1)) {
        if (reply[at] === ERROR_RESPONSE) throw errorOf(reply, at + 5, at + 1 + view.getInt32(at + 1));
      }
    });
  };
}

// The stream entry leaves the reply to us: execProtocolRaw would also parse it into a list of
// results PGlite keeps until its next query() (never, between a test file's repository calls).
async function rawReply(db: RawProtocol, message: Uint8Array): Promise<Uint8Array> {
  if (typeof db.execProtocolRawStream !== 'function') return db.execProtocolRaw(message, { syncToFs: false });
  const chunks: Uint8Array[] = [];
  // Each chunk is a view of PGlite's memory, reused by the next one: copied.
  await db.execProtocolRawStream(message, {
    syncToFs: false,
    onRawData: (chunk) => chunks.push(chunk.slice()),
  });
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}
