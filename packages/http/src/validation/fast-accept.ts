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

/**
 * A shortcut for a built-in class-validator constraint on the compiled validation path, where
 * the constraint's own function (validator.js) is the slowest step of a valid request: the
 * shortcut accepts the common case and leaves everything else to the real check. Undefined
 * when the constraint or its options have no shortcut.
 */
export function fastAccept(name: string, constraints: readonly unknown[]): FastAccept | undefined {
  if (name === 'isEmail' && constraints[0] === undefined) return commonEmail;
  return undefined;
}
