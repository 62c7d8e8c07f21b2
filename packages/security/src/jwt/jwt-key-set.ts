import { createPrivateKey, createPublicKey, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import {
  developmentSecretInProductionError,
  invalidJwtOptionsError,
  invalidKeyError,
  noSecretError,
  weakSecretError,
} from '../errors/security-config.error';
import type { JwtAlgorithm, JwtKey, JwtOptions, KeyMaterial } from '../module/security-options';

/** The kind of key an algorithm needs: a token's algorithm must match its key's kind. */
type KeyFamily = 'secret' | 'rsa' | 'ec' | 'okp';

const ALGORITHMS: Record<JwtAlgorithm, KeyFamily> = {
  HS256: 'secret',
  HS384: 'secret',
  HS512: 'secret',
  RS256: 'rsa',
  RS384: 'rsa',
  RS512: 'rsa',
  PS256: 'rsa',
  PS384: 'rsa',
  PS512: 'rsa',
  ES256: 'ec',
  ES384: 'ec',
  ES512: 'ec',
  EdDSA: 'okp',
};

// RFC 7518, 3.2: an HMAC key must be at least as long as the hash output.
const HMAC_BYTES: Partial<Record<JwtAlgorithm, number>> = { HS256: 32, HS384: 48, HS512: 64 };

/** One loaded key: what verifies (and maybe signs) tokens of its family. */
export interface LoadedKey {
  kid: string | undefined;
  family: KeyFamily;
  verifyKey: KeyObject;
  signKey: KeyObject | undefined;
}

/** The keys and algorithms `JwtService` works with, checked once at boot. */
export interface JwtKeySet {
  algorithms: JwtAlgorithm[];
  keys: LoadedKey[];
  signer: LoadedKey;
  /** The algorithm new tokens are signed with: the first listed that fits the signing key. */
  signingAlgorithm: JwtAlgorithm;
  /** True when the secret was made at boot (`allowDevelopmentSecret`). */
  development: boolean;
}

/** Whether an algorithm name is one `JwtService` supports. */
export function isJwtAlgorithm(name: unknown): name is JwtAlgorithm {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ALGORITHMS, name);
}

/** The key family an algorithm needs. */
export function familyOf(algorithm: JwtAlgorithm): KeyFamily {
  return ALGORITHMS[algorithm];
}

function familyOfKey(key: KeyObject): KeyFamily | undefined {
  if (key.type === 'secret') return 'secret';
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return 'rsa';
    case 'ec':
      return 'ec';
    case 'ed25519':
    case 'ed448':
      return 'okp';
    default:
      return undefined;
  }
}

function secretBytes(secret: string | Uint8Array): Buffer {
  return typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
}

function isJwk(material: KeyMaterial): material is Record<string, unknown> {
  return (
    typeof material === 'object' &&
    !(material instanceof Uint8Array) &&
    typeof (material as { kty?: unknown }).kty === 'string'
  );
}

function loadPrivate(material: KeyMaterial): KeyObject {
  if (typeof material === 'string' || material instanceof Uint8Array)
    return createPrivateKey(Buffer.from(material));
  if (isJwk(material)) return createPrivateKey({ key: material as never, format: 'jwk' });
  return material as KeyObject;
}

function loadPublic(material: KeyMaterial): KeyObject {
  if (typeof material === 'string' || material instanceof Uint8Array)
    return createPublicKey(Buffer.from(material));
  if (isJwk(material)) return createPublicKey({ key: material as never, format: 'jwk' });
  const key = material as KeyObject;
  return key.type === 'private' ? createPublicKey(key) : key;
}

function loadKey(entry: JwtKey): LoadedKey {
  try {
    if (entry.secret !== undefined) {
      if (entry.privateKey !== undefined || entry.publicKey !== undefined)
        throw new Error('a key has either a secret or a key pair, not both');
      const secret = createSecretKey(secretBytes(entry.secret));
      return { kid: entry.kid, family: 'secret', verifyKey: secret, signKey: secret };
    }
    const signKey = entry.privateKey === undefined ? undefined : loadPrivate(entry.privateKey);
    const verifyKey =
      entry.publicKey !== undefined
        ? loadPublic(entry.publicKey)
        : signKey
          ? createPublicKey(signKey)
          : undefined;
    if (!verifyKey) throw new Error('it has neither secret, privateKey nor publicKey');
    if (verifyKey.type === 'private') throw new Error('publicKey holds a private key');
    const family = familyOfKey(verifyKey);
    if (!family) throw new Error(`key type ${String(verifyKey.asymmetricKeyType)} is not supported`);
    return { kid: entry.kid, family, verifyKey, signKey };
  } catch (error) {
    throw invalidKeyError(entry.kid, error);
  }
}

function checkAlgorithms(algorithms: unknown): JwtAlgorithm[] {
  if (!Array.isArray(algorithms) || algorithms.length === 0)
    throw invalidJwtOptionsError(
      'jwt.algorithms is empty or missing',
      "list the algorithms tokens may use, e.g. algorithms: ['HS256'] (secret) or ['RS256'] (key pair)",
    );
  for (const name of algorithms) {
    if (!isJwtAlgorithm(name))
      throw invalidJwtOptionsError(
        `jwt.algorithms names "${String(name)}", which is not a supported signing algorithm ("none" never is)`,
        `use only ${Object.keys(ALGORITHMS).join(', ')}`,
      );
  }
  return [...new Set(algorithms as JwtAlgorithm[])];
}

/** Seconds of a lifetime given as seconds or a time span (`'90s'`, `'15m'`, `'12h'`, `'7d'`, `'2w'`). */
export function parseLifetime(value: unknown, where: string): number {
  const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
  let seconds = Number.NaN;
  if (typeof value === 'number') seconds = value;
  else if (typeof value === 'string') {
    const match = /^\s*(\d+)\s*(s|m|h|d|w)?\s*$/.exec(value);
    if (match) seconds = Number(match[1]) * units[match[2] ?? 's']!;
  }
  if (!Number.isSafeInteger(seconds) || seconds <= 0)
    throw invalidJwtOptionsError(
      `${where} is ${JSON.stringify(value)}, not a positive number of seconds or a time span`,
      `give a lifetime such as 900 or '15m', '12h', '7d' (every token carries an expiry)`,
    );
  return seconds;
}

function developmentKeys(allowed: boolean | undefined): LoadedKey[] {
  if (allowed !== true) throw noSecretError();
  if (process.env.NODE_ENV === 'production') throw developmentSecretInProductionError();
  const secret = createSecretKey(randomBytes(64));
  return [{ kid: undefined, family: 'secret', verifyKey: secret, signKey: secret }];
}

/**
 * Checks the jwt options and loads their keys, or throws the coded boot error that names what
 * is wrong: no secret, a weak secret, algorithms that fit no key, a key that does not load.
 */
export function loadJwtKeySet(options: JwtOptions): JwtKeySet {
  const algorithms = checkAlgorithms(options.algorithms);
  parseLifetime(options.expiresIn, 'jwt.expiresIn');
  if (options.secret !== undefined && options.keys !== undefined)
    throw invalidJwtOptionsError(
      'jwt.secret and jwt.keys are both set',
      'keep one: secret for a single HMAC secret, keys for a key set',
    );
  let development = false;
  let keys: LoadedKey[];
  if (options.keys !== undefined) {
    if (!Array.isArray(options.keys) || options.keys.length === 0)
      throw invalidJwtOptionsError('jwt.keys is empty', 'give at least one key, or use jwt.secret');
    const kids = options.keys.map((k) => k.kid);
    const duplicate = kids.find((kid, i) => kids.indexOf(kid) !== i);
    if (kids.some((kid) => typeof kid !== 'string' || kid === '') || duplicate !== undefined)
      throw invalidJwtOptionsError(
        duplicate !== undefined ? `two keys have the kid "${duplicate}"` : 'a key has no kid',
        'give every key a distinct, non-empty kid: tokens name the key that signed them',
      );
    keys = options.keys.map(loadKey);
  } else if (options.secret !== undefined && secretBytes(options.secret).length > 0) {
    const secret = createSecretKey(secretBytes(options.secret));
    keys = [{ kid: undefined, family: 'secret', verifyKey: secret, signKey: secret }];
  } else {
    keys = developmentKeys(options.allowDevelopmentSecret);
    development = true;
  }
  for (const key of keys) {
    const fits = algorithms.filter((a) => ALGORITHMS[a] === key.family);
    if (fits.length === 0)
      throw invalidJwtOptionsError(
        `the ${key.family} key${key.kid ? ` "${key.kid}"` : ''} fits none of the algorithms ${algorithms.join(', ')}`,
        `list an algorithm for it (${Object.entries(ALGORITHMS)
          .filter(([, f]) => f === key.family)
          .map(([a]) => a)
          .join(', ')}) or remove the key`,
      );
    if (key.family === 'secret') {
      const bytes = key.verifyKey.symmetricKeySize ?? 0;
      for (const algorithm of fits) {
        const needed = HMAC_BYTES[algorithm]!;
        if (bytes < needed)
          throw weakSecretError(
            key.kid ? `the secret of key "${key.kid}"` : 'jwt.secret',
            bytes,
            needed,
            algorithm,
          );
      }
    }
  }
  const signer =
    options.signingKid !== undefined
      ? keys.find((k) => k.kid === options.signingKid)
      : keys.find((k) => k.signKey);
  if (!signer || !signer.signKey)
    throw invalidJwtOptionsError(
      options.signingKid !== undefined
        ? `jwt.signingKid "${options.signingKid}" names no key with a secret or private key`
        : 'no key can sign: every key of jwt.keys has only a public key',
      'give the signing key its secret or privateKey (verify-only keys are for retired or foreign signers)',
    );
  const signingAlgorithm = algorithms.find((a) => ALGORITHMS[a] === signer.family)!;
  return { algorithms, keys, signer, signingAlgorithm, development };
}
