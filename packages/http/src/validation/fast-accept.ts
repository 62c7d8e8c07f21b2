import { classValidator } from './class-libraries';

/** A cheap test that answers true only for values the constraint surely accepts. */
export type FastAccept = (value: unknown) => boolean;

// The common shape of an address, in ASCII: dot-separated atoms of the characters validator.js
// allows in an unquoted local part, then at least two host labels of letters, digits and inner
// hyphens (1-63 characters each), the last one letters only. Every string it matches passes
// `isEmail()` with its default options (a property test checks that against validator.js); the
// unusual rest (quoted or UTF-8 local parts, punycode TLDs, display names) still goes to
// validator.js, which answers for it.
const COMMON_EMAIL =
  /^[a-z\d!#$%&'*+\-/=?^_`{|}~]+(?:\.[a-z\d!#$%&'*+\-/=?^_`{|}~]+)*@(?:[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?\.)+[a-z]{2,63}$/i;

function commonEmail(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 254) return false;
  const at = value.indexOf('@');
  // The local part is at most 64 bytes; the pattern admits ASCII only, so characters are bytes.
  return at > 0 && at <= 64 && COMMON_EMAIL.test(value);
}

// Addresses on both sides of each rule the shortcut relies on, plus ones it leaves to
// validator.js: a constraint answering any of them differently from class-validator's isEmail
// is not that function, whatever its name.
const EMAIL_PROBES = [
  'me',
  'ada@example.com',
  'a.b+tag@mail.example.co.uk',
  "o'hara@x-y.io",
  'A_B@EXAMPLE.ORG',
  'x@y.zz',
  '1@2.com',
  'a@localhost',
  'a@example.c0m',
  'a@-example.com',
  'a..b@example.com',
  `${'a'.repeat(64)}@example.com`,
  `${'a'.repeat(65)}@example.com`,
  `a@${'b'.repeat(63)}.com`,
  `a@${'b'.repeat(64)}.com`,
  '"quoted"@example.com',
  'jos\u00e9@example.com',
];

function agrees(
  own: (value: unknown) => unknown,
  reference: (value: string) => boolean,
  probes: string[],
): boolean {
  try {
    return probes.every((p) => (own(p) === true) === reference(p));
  } catch {
    return false;
  }
}

/**
 * A shortcut for a built-in class-validator constraint on the compiled validation path, where
 * the constraint's own function (validator.js) is the slowest step of a valid request: the
 * shortcut accepts the common case and leaves everything else to the real check. `own` is the
 * constraint's check: a user's constraint that merely borrows the built-in's name answers the
 * probes differently and gets no shortcut. Undefined when there is none.
 */
export function fastAccept(
  name: string,
  constraints: readonly unknown[],
  own: (value: unknown) => unknown,
): FastAccept | undefined {
  return isDefaultIsEmail(name, constraints, own) ? commonEmail : undefined;
}

// `@IsEmail()` with validator.js's default options, as class-validator itself checks it.
function isDefaultIsEmail(
  name: string,
  constraints: readonly unknown[],
  own: (value: unknown) => unknown,
): boolean {
  return (
    name === 'isEmail' &&
    constraints[0] === undefined &&
    agrees(own, (v) => classValidator().isEmail(v), EMAIL_PROBES)
  );
}

/** A cheap test that answers true only for values the constraint surely refuses. */
export type FastReject = (value: unknown) => boolean;

// validator.js splits an address at its last '@': without one the local part is empty, which
// its pattern refuses, whatever the rest (and class-validator refuses non-strings first).
function noAt(value: unknown): boolean {
  return typeof value !== 'string' || !value.includes('@');
}

const NO_AT_PROBES = ['me', '', 'example.com', 'a.b.c', '[127.0.0.1]', 'a\uff20example.com', '"a"', '<a>'];

/**
 * The other half of `fastAccept`, for the failure path: a shortcut that refuses only what the
 * constraint surely refuses (`@IsEmail()`: anything that is not a string with an '@'), so a
 * refused body does not pay for validator.js on the obvious cases. Checked against the
 * constraint's own answers like `fastAccept`; undefined when there is none.
 */
export function fastReject(
  name: string,
  constraints: readonly unknown[],
  own: (value: unknown) => unknown,
): FastReject | undefined {
  if (
    isDefaultIsEmail(name, constraints, own) &&
    NO_AT_PROBES.every((p) => own(p) !== true) &&
    [42, null, undefined, ['a@b.co']].every((p) => own(p) !== true)
  )
    return noAt;
  return undefined;
}
