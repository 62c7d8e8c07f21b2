import type { serialize } from 'pg-protocol';
import type { BackendMessage } from 'pg-protocol/dist/messages';

export type { BackendMessage };

/** The backend-message parser: keeps a message cut between two chunks for the next one. */
export interface WireParser {
  parse(buffer: Buffer, callback: (message: BackendMessage) => void): void;
}

/** The PostgreSQL wire protocol's encoder and parser. */
export interface WireProtocol {
  readonly Parser: new () => WireParser;
  readonly serialize: typeof serialize;
}

let loaded: WireProtocol | undefined;

/**
 * pg-protocol, node-postgres' encoder and parser, loaded with the first PGlite statement (an
 * application on another database never loads it). PGlite ships a port of the same code whose
 * private-field accessors made encoding and parsing a lookup's messages cost about 22 µs, against
 * 4 µs here (measured warm, in one process).
 */
export function wireProtocol(): WireProtocol {
  if (loaded === undefined) {
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */
    const { Parser } = require('pg-protocol/dist/parser') as typeof import('pg-protocol/dist/parser');
    const { serialize: encode } = require('pg-protocol') as typeof import('pg-protocol');
    /* eslint-enable @typescript-eslint/no-require-imports */
    loaded = { Parser, serialize: encode };
  }
  return loaded;
}
