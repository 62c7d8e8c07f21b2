import 'reflect-metadata';
import { Inject, Injectable, InjectionToken, Module, forwardRef } from '@tenon/core';
import { Test } from '@tenon/testing';
import { makeDynamic, type Greeter } from '../fixtures/greeter-trees';

const MAILER = new InjectionToken<{ send(to: string): string }>('MAILER');

@Injectable()
class SmtpMailer {
  static built = 0;
  constructor() {
    SmtpMailer.built++;
  }
  send(to: string): string {
    return `smtp:${to}`;
  }
}

@Module({ providers: [{ provide: MAILER, useClass: SmtpMailer }], exports: [MAILER] })
class MailModule {}

@Module({
  providers: [{ provide: MAILER, useValue: { send: (to: string) => `fake:${to}` } }],
  exports: [MAILER],
})
class FakeMailModule {}

@Injectable()
class Signup {
  constructor(@Inject(MAILER) readonly mailer: { send(to: string): string }) {}
}

beforeEach(() => {
  SmtpMailer.built = 0;
});

describe('overrideModule().useModule()', () => {
  it('replaces a module imported three levels down', async () => {
    @Module({ imports: [MailModule], providers: [Signup], exports: [Signup] })
    class UsersModule {}
    @Module({ imports: [UsersModule], exports: [UsersModule] })
    class AccountsModule {}
    @Module({ imports: [AccountsModule] })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideModule(MailModule)
      .useModule(FakeMailModule)
      .compile();
    expect(moduleRef.get(Signup).mailer.send('ada')).toBe('fake:ada');
    expect(SmtpMailer.built).toBe(0);
    await moduleRef.close();
  });

  it('replaces it where it is re-exported (exports: [MailModule]) and behind a forwardRef', async () => {
    @Module({ imports: [forwardRef(() => MailModule)], exports: [MailModule] })
    class SharedModule {}
    @Module({ imports: [SharedModule], providers: [Signup] })
    class UsersModule {}
    const moduleRef = await Test.createTestingModule({ imports: [UsersModule] })
      .overrideModule(MailModule)
      .useModule(FakeMailModule)
      .compile();
    expect(moduleRef.get(Signup).mailer.send('bob')).toBe('fake:bob');
    expect(SmtpMailer.built).toBe(0);
    await moduleRef.close();
  });

  it('replaces a global module', async () => {
    @Module({ providers: [{ provide: MAILER, useClass: SmtpMailer }], exports: [MAILER], global: true })
    class GlobalMailModule {}
    @Module({ providers: [Signup] })
    class UsersModule {}
    const moduleRef = await Test.createTestingModule({ imports: [GlobalMailModule, UsersModule] })
      .overrideModule(GlobalMailModule)
      .useModule({ module: FakeMailModule, global: true })
      .compile();
    expect(moduleRef.get(Signup).mailer.send('cy')).toBe('fake:cy');
    expect(SmtpMailer.built).toBe(0);
    await moduleRef.close();
  });

  it('by module class, replaces every dynamic module built from it (forRoot, forRootAsync, forFeature)', async () => {
    const { GreeterModule, GREETER, FEATURE_GREETER } = makeDynamic();
    const fake = { greet: () => 'fake' };
    @Module({
      providers: [
        { provide: GREETER, useValue: fake },
        { provide: FEATURE_GREETER, useValue: fake },
      ],
      exports: [GREETER, FEATURE_GREETER],
    })
    class FakeGreeterModule {}
    @Module({ imports: [GreeterModule.forFeature('orders')], exports: [GreeterModule] })
    class OrdersModule {}
    const factory = jest.fn(() => ({ greeting: 'x' }));
    @Module({ imports: [GreeterModule.forRootAsync({ useFactory: factory }), OrdersModule] })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule, GreeterModule.forRoot({ greeting: 'y' })],
    })
      .overrideModule(GreeterModule)
      .useModule(FakeGreeterModule)
      .compile();
    expect(moduleRef.get<Greeter>(GREETER)).toBe(fake);
    expect(moduleRef.select(OrdersModule).get<Greeter>(FEATURE_GREETER, { strict: true })).toBe(fake);
    expect(factory).not.toHaveBeenCalled();
    await moduleRef.close();
  });

  it('by dynamic-module object, replaces that object only', async () => {
    const { GreeterModule, FEATURE_GREETER } = makeDynamic();
    const orders = GreeterModule.forFeature('orders');
    const billing = GreeterModule.forFeature('billing');
    const fake = { greet: () => 'fake' };
    @Module({ imports: [orders], exports: [orders] })
    class OrdersModule {}
    @Module({ imports: [billing], exports: [billing] })
    class BillingModule {}
    const moduleRef = await Test.createTestingModule({ imports: [OrdersModule, BillingModule] })
      .overrideModule(orders)
      .useModule({
        module: GreeterModule,
        providers: [{ provide: FEATURE_GREETER, useValue: fake }],
        exports: [FEATURE_GREETER],
      })
      .compile();
    expect(moduleRef.select(OrdersModule).get<Greeter>(FEATURE_GREETER, { strict: true })).toBe(fake);
    expect(moduleRef.select(BillingModule).get<Greeter>(FEATURE_GREETER, { strict: true }).greet()).toBe(
      'original',
    );
    await moduleRef.close();
  });

  it('lets select() take the original module or its replacement', async () => {
    @Module({ imports: [MailModule], providers: [Signup] })
    class UsersModule {}
    const moduleRef = await Test.createTestingModule({ imports: [UsersModule] })
      .overrideModule(MailModule)
      .useModule(FakeMailModule)
      .compile();
    expect(moduleRef.select(MailModule).get(MAILER, { strict: true }).send('d')).toBe('fake:d');
    expect(moduleRef.select(FakeMailModule).get(MAILER, { strict: true })).toBe(
      moduleRef.select(MailModule).get(MAILER, { strict: true }),
    );
    await moduleRef.close();
  });

  it('combines with provider overrides inside the replacement', async () => {
    @Module({ imports: [MailModule], providers: [Signup] })
    class UsersModule {}
    const moduleRef = await Test.createTestingModule({ imports: [UsersModule] })
      .overrideModule(MailModule)
      .useModule(FakeMailModule)
      .overrideProvider(MAILER)
      .useValue({ send: (to: string) => `override:${to}` })
      .compile();
    expect(moduleRef.get(Signup).mailer.send('e')).toBe('override:e');
    await moduleRef.close();
  });
});
