/*
 * What every app answers, in one place: the harness checks each response against these, so the
 * three frameworks are measured doing the same work.
 */

export const HELLO_BODY = { hello: 'world' } as const;

/** A body every app accepts: answered 201 with the same object. */
export const VALID_USER = { name: 'Ada Lovelace', email: 'ada@example.com', age: 36 } as const;

/** A body every app rejects with 400: each of the three fields breaks one rule. */
export const INVALID_USER = { name: '', email: 'not-an-email', age: -3 } as const;

/** The limits shared by the DTO (class-validator) and the JSON schema (raw Fastify). */
export const USER_RULES = { nameMaxLength: 100, ageMin: 0, ageMax: 150 } as const;

export const CHAIN_ID = '42';

/** What `GET /chain/:id` and `GET /chain-request/:id` answer: each service of the chain adds its key. */
export interface ChainResult {
  id: string;
  c: 'c';
  b: 'b';
  a: 'a';
}

export function chainLink(id: string): { id: string; c: 'c' } {
  return { id, c: 'c' };
}
