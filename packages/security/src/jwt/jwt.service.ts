import { Inject, Injectable, Logger } from '@tenon/core';
import { SignJWT, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTVerifyOptions } from 'jose';
import { AuthenticationException } from '../errors/auth.exceptions';
import { invalidSubjectError } from '../errors/security-config.error';
import type { SecurityModuleOptions } from '../module/security-options';
import { SECURITY_OPTIONS } from '../module/security.tokens';
import type { JwtClaims, SignOptions } from './jwt-claims';
import { familyOf, isJwtAlgorithm, loadJwtKeySet, parseLifetime, type JwtKeySet } from './jwt-key-set';

const DEFAULT_MAX_TOKEN_LENGTH = 8192;
// Three base64url parts: anything else is refused before jose parses a byte of it.
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
// Claims the service writes itself from its options.
const RESERVED = new Set(['exp', 'iat', 'nbf', 'iss', 'aud', 'sub', 'sub_type']);
// RFC 7519 makes `sub` a string, but @nestjs/jwt (jsonwebtoken) writes `{ sub: user.id }` as a
// number and gives it back as one. A numeric `sub` is written as its digits, which every
// verifier accepts, with this private claim, by which verify() gives the number back.
const SUB_TYPE = 'sub_type';

/**
 * Signs and verifies JSON Web Tokens with `jose`. The algorithms are pinned by the options (a
 * token naming `none`, or HS256 where only RS256 is listed, is refused before any key is
 * tried), every token carries `exp`, `iss` and `aud` are written and required when configured,
 * and a key set rotates keys by `kid`. Every refusal is a 401 `AuthenticationException` whose
 * `code` tells why.
 *
 * A numeric `sub` (`sign({ sub: user.id })`, as @nestjs/jwt users write it) is written as a
 * string, as RFC 7519 requires, with a `sub_type: 'number'` claim; `verify()` gives it back as
 * the number. Other verifiers see the string.
 *
 * @example
 * const token = await jwt.sign({ username: 'jake' }, { subject: '42' });
 * const claims = await jwt.verify(token); // { sub: '42', username: 'jake', iat, exp }
 * await jwt.verify(await jwt.sign({ sub: 42 })); // { sub: 42, iat, exp }
 */
@Injectable()
export class JwtService {
  private readonly keySet: JwtKeySet;
  private readonly lifetime: number;
  private readonly maxTokenLength: number;
  private readonly schemes: readonly string[];

  constructor(
    @Inject(SECURITY_OPTIONS) private readonly options: SecurityModuleOptions,
    log: Logger,
  ) {
    this.keySet = loadJwtKeySet(options.jwt);
    this.lifetime = parseLifetime(options.jwt.expiresIn, 'jwt.expiresIn');
    this.maxTokenLength = options.jwt.maxTokenLength ?? DEFAULT_MAX_TOKEN_LENGTH;
    this.schemes = options.schemes ?? ['Bearer'];
    if (this.keySet.development)
      log.warn(
        'Signing tokens with a random development secret made for this process (jwt.allowDevelopmentSecret): they stop working at restart. Set jwt.secret outside development.',
      );
  }

  /** The algorithm new tokens are signed with. */
  get signingAlgorithm(): string {
    return this.keySet.signingAlgorithm;
  }

  /**
   * Signs `claims` with the signing key; `exp` (and `iss`/`aud` when configured) come from the
   * options. `sub` is a string, or a finite number (written as a string, read back as the number
   * by `verify()`); anything else is `TENON_SECURITY_INVALID_SUBJECT`.
   */
  async sign(claims: Record<string, unknown> = {}, options: SignOptions = {}): Promise<string> {
    const own = Object.fromEntries(Object.entries(claims).filter(([name]) => !RESERVED.has(name)));
    const sub = claims.sub;
    if (sub !== undefined && typeof sub !== 'string' && !(typeof sub === 'number' && Number.isFinite(sub)))
      throw invalidSubjectError(sub);
    if (options.subject === undefined && typeof sub === 'number') own[SUB_TYPE] = 'number';
    const { signer, signingAlgorithm } = this.keySet;
    const now = Math.floor(Date.now() / 1000);
    const lifetime =
      options.expiresIn === undefined ? this.lifetime : parseLifetime(options.expiresIn, 'expiresIn');
    const jwt = new SignJWT(own)
      .setProtectedHeader({ alg: signingAlgorithm, typ: 'JWT', ...(signer.kid ? { kid: signer.kid } : {}) })
      .setIssuedAt(now)
      .setExpirationTime(now + lifetime);
    const subject = options.subject ?? (sub === undefined ? undefined : String(sub));
    if (subject !== undefined) jwt.setSubject(subject);
    if (this.options.jwt.issuer !== undefined) jwt.setIssuer(this.options.jwt.issuer);
    const audience = options.audience ?? this.options.jwt.audience;
    if (audience !== undefined) jwt.setAudience(audience);
    return jwt.sign(signer.signKey!);
  }

  /** The claims of a valid token; a 401 `AuthenticationException` for anything else. */
  async verify(token: string): Promise<JwtClaims> {
    const refuse = (reason: string, cause?: unknown): never => {
      throw AuthenticationException.invalidToken(reason, this.schemes, cause);
    };
    if (typeof token !== 'string' || token.length === 0) return refuse('it is empty');
    if (token.length > this.maxTokenLength)
      return refuse(`it is longer than ${this.maxTokenLength} characters`);
    if (!COMPACT_JWS.test(token)) return refuse('it is not a signed JWT (three base64url parts)');
    let header: { alg?: unknown; kid?: unknown };
    try {
      header = decodeProtectedHeader(token);
    } catch (error) {
      return refuse('its header is not valid JSON', error);
    }
    const { alg, kid } = header;
    // Pinned algorithms: `none` and algorithm confusion stop here, before any key is used.
    if (!isJwtAlgorithm(alg) || !this.keySet.algorithms.includes(alg))
      return refuse(`its algorithm ${JSON.stringify(alg)} is not accepted`);
    const family = familyOf(alg);
    const candidates = this.keySet.keys.filter(
      (k) => k.family === family && (kid === undefined || k.kid === undefined || k.kid === kid),
    );
    if (candidates.length === 0)
      return refuse(
        kid === undefined ? 'no key verifies it' : `it names an unknown key ${JSON.stringify(kid)}`,
      );
    const verifyOptions: JWTVerifyOptions = {
      algorithms: [alg],
      requiredClaims: ['exp'],
      clockTolerance: this.options.jwt.clockTolerance ?? 0,
      ...(this.options.jwt.issuer !== undefined ? { issuer: this.options.jwt.issuer } : {}),
      ...(this.options.jwt.audience !== undefined ? { audience: this.options.jwt.audience } : {}),
    };
    let lastError: unknown;
    for (const key of candidates) {
      try {
        const { payload } = await jwtVerify(token, key.verifyKey, verifyOptions);
        return withNumericSubject(payload as JwtClaims);
      } catch (error) {
        lastError = error;
        if (error instanceof joseErrors.JWSSignatureVerificationFailed) continue;
        return this.translate(error);
      }
    }
    return refuse('its signature does not match', lastError);
  }

  private translate(error: unknown): never {
    if (error instanceof joseErrors.JWTExpired) throw AuthenticationException.expired(this.schemes, error);
    if (error instanceof joseErrors.JWTClaimValidationFailed)
      throw AuthenticationException.invalidToken(
        `its "${error.claim}" claim ${error.reason === 'missing' ? 'is missing' : 'is not accepted'}`,
        this.schemes,
        error,
      );
    throw AuthenticationException.invalidToken('it cannot be read', this.schemes, error);
  }
}

// The number sign() was given as `sub`, when the token says so and its digits are that number.
function withNumericSubject(claims: JwtClaims): JwtClaims {
  if (claims[SUB_TYPE] !== 'number' || typeof claims.sub !== 'string') return claims;
  const n = Number(claims.sub);
  if (!Number.isFinite(n) || String(n) !== claims.sub) return claims;
  const { [SUB_TYPE]: _type, ...rest } = claims;
  return { ...rest, sub: n };
}
