import { Injectable, Module } from '@tenon/core';
import { Controller, Get, UseGuards } from '@tenon/http';
import {
  AuthenticationGuard,
  CurrentUser,
  OptionalAuth,
  Public,
  Roles,
  SecurityModule,
  type JwtClaims,
} from '@tenon/security';

export const SECRET = 'deny-by-default-secret-of-32-bytes!!';

/** Users by id; id 3 was deleted after its token was issued. Counts lookups. */
@Injectable()
export class UserDirectory {
  lookups = 0;
  private readonly users = new Map([
    ['1', { id: 1, name: 'ada', roles: ['admin'] }],
    ['2', { id: 2, name: 'bob', roles: ['reader'] }],
  ]);

  find(claims: JwtClaims): { id: number; name: string; roles: string[] } | undefined {
    this.lookups++;
    return this.users.get(String(claims.sub));
  }
}

@Module({ providers: [UserDirectory], exports: [UserDirectory] })
export class UsersModule {}

@Controller('things')
export class ThingsController {
  @Get()
  list(@CurrentUser('name') name: string): { owner: string } {
    return { owner: name };
  }

  @Get('public')
  @Public()
  open(@CurrentUser() user: unknown): { user: unknown } {
    return { user: user ?? null };
  }

  @Get('optional')
  @OptionalAuth()
  optional(@CurrentUser('name') name: string | undefined): { viewer: string | null } {
    return { viewer: name ?? null };
  }

  @Get('admin')
  @Roles('admin')
  admin(): { ok: true } {
    return { ok: true };
  }
}

/** A controller that names the guard itself too: the user is still looked up once. */
@Controller('twice')
@UseGuards(AuthenticationGuard)
export class TwiceController {
  @Get()
  get(@CurrentUser('id') id: number): { id: number } {
    return { id };
  }
}

@Public()
@Controller('health')
export class HealthController {
  @Get()
  get(): { status: string } {
    return { status: 'up' };
  }
}

@Module({
  imports: [
    SecurityModule.forRootAsync({
      imports: [UsersModule],
      inject: [UserDirectory],
      useFactory: (users: UserDirectory) => ({
        jwt: { secret: SECRET, algorithms: ['HS256'], expiresIn: '10m' },
        schemes: ['Bearer', 'Token'],
        validate: (claims: JwtClaims) => users.find(claims),
      }),
    }),
    UsersModule,
  ],
  controllers: [ThingsController, TwiceController, HealthController],
})
export class AppModule {}
