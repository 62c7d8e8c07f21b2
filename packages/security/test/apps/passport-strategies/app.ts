import { Injectable, Module } from '@tenon/core';
import { Controller, Get } from '@tenon/http';
import { Strategy as BearerStrategy } from 'passport-http-bearer';
import { CurrentUser, SecurityModule, passportStrategy } from '@tenon/security';

export const SECRET = 'passport-app-secret-of-32-bytes-ok!!';

/** Opaque API tokens of machine clients, next to the users' JWTs. */
@Injectable()
export class ApiClients {
  private readonly clients = new Map([['opaque-token-1', { client: 'billing' }]]);

  async byToken(token: string): Promise<{ client: string } | undefined> {
    if (token === 'explode') throw new Error('the client store is down');
    return this.clients.get(token);
  }
}

@Module({ providers: [ApiClients], exports: [ApiClients] })
export class ClientsModule {}

@Controller('whoami')
export class WhoAmIController {
  @Get()
  who(@CurrentUser() user: unknown): unknown {
    return user;
  }
}

@Module({
  imports: [
    ClientsModule,
    SecurityModule.forRootAsync({
      imports: [ClientsModule],
      inject: [ApiClients],
      useFactory: (clients: ApiClients) => ({
        jwt: { secret: SECRET, algorithms: ['HS256'], expiresIn: '5m' },
        validate: (claims) => ({ user: claims.sub }),
        strategies: [
          passportStrategy(
            new BearerStrategy((token, done) => {
              clients.byToken(token).then((client) => done(null, client ?? false), done);
            }),
          ),
        ],
      }),
    }),
  ],
  controllers: [WhoAmIController],
})
export class AppModule {}
