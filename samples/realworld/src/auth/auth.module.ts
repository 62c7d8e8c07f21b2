import { Module } from '@tenon/core';
import { AuthGuard } from './auth.guard';
import { JwtService } from './jwt.service';
import { PasswordHasher } from './password-hasher';

/** Tokens, passwords and the guard; imported by every feature module with protected routes. */
@Module({
  providers: [JwtService, PasswordHasher, AuthGuard],
  exports: [JwtService, PasswordHasher, AuthGuard],
})
export class AuthModule {}
