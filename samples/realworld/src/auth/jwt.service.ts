import { Injectable } from '@tenon/core';
import { UnauthorizedException } from '@tenon/http';
import jwt from 'jsonwebtoken';
import { AppConfig } from '../config/app.config';

/** What a Conduit token says about its bearer. */
export interface TokenClaims {
  userId: number;
  username: string;
}

/**
 * Signs and checks the API's tokens: HS256 only, with an expiry. `verify` accepts nothing else,
 * so `alg: none`, tokens signed with another key or algorithm, expired and malformed tokens
 * are all 401.
 *
 * @example
 * const token = jwtService.sign({ userId: 1, username: 'jake' });
 * jwtService.verify(token); // { userId: 1, username: 'jake' }
 */
@Injectable()
export class JwtService {
  constructor(private readonly config: AppConfig) {}

  sign(claims: TokenClaims): string {
    return jwt.sign({ username: claims.username }, this.config.jwtSecret, {
      algorithm: 'HS256',
      subject: String(claims.userId),
      expiresIn: this.config.jwtTtlSeconds,
    });
  }

  verify(token: string): TokenClaims {
    let payload: string | jwt.JwtPayload;
    try {
      // The algorithm list is what rejects `alg: none` and algorithm-confusion tokens.
      payload = jwt.verify(token, this.config.jwtSecret, { algorithms: ['HS256'] });
    } catch (error) {
      const reason =
        error instanceof jwt.TokenExpiredError ? 'the token has expired' : 'the token is invalid';
      throw new UnauthorizedException(`Unauthorized: ${reason}. Log in again to get a new token.`, {
        cause: error,
      });
    }
    const userId = typeof payload === 'object' ? Number(payload.sub) : NaN;
    const username = typeof payload === 'object' ? (payload as { username?: unknown }).username : undefined;
    if (!Number.isSafeInteger(userId) || userId <= 0 || typeof username !== 'string') {
      throw new UnauthorizedException(
        'Unauthorized: the token does not name a user. Log in again to get a new token.',
      );
    }
    return { userId, username };
  }
}
