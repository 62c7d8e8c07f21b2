import { Module } from '@tenon/core';
import { Controller, Get } from '@tenon/http';
import { SecurityModule, type SecurityModuleOptions } from '@tenon/security';

@Controller('ping')
export class PingController {
  @Get()
  ping(): string {
    return 'pong';
  }
}

/** An application whose secret comes from the environment, as most do. */
export function appWithSecretFrom(env: Record<string, string | undefined>): new () => object {
  @Module({
    imports: [
      SecurityModule.forRootAsync({
        useFactory: (): SecurityModuleOptions => ({
          jwt: {
            ...(env.JWT_SECRET !== undefined ? { secret: env.JWT_SECRET } : {}),
            algorithms: ['HS256'],
            expiresIn: '1h',
            allowDevelopmentSecret: env.ALLOW_DEVELOPMENT_SECRET === 'true',
          },
        }),
      }),
    ],
    controllers: [PingController],
  })
  class AppModule {}
  return AppModule;
}
