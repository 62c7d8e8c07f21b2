import 'reflect-metadata';
import { capabilitiesOf, DataError, parseDatabaseUrl } from '@tenon/data';

describe('parseDatabaseUrl', () => {
  it('defaults to the embedded database in memory', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({
      dialect: 'pglite',
      url: 'pglite://memory',
      location: 'memory',
    });
    expect(parseDatabaseUrl('  ')).toEqual({ dialect: 'pglite', url: 'pglite://memory', location: 'memory' });
  });

  it('reads every scheme', () => {
    expect(parseDatabaseUrl('pglite://./.tenon/data')).toEqual({
      dialect: 'pglite',
      url: 'pglite://./.tenon/data',
      location: './.tenon/data',
    });
    expect(parseDatabaseUrl('sqlite://:memory:')).toMatchObject({ dialect: 'sqlite', location: ':memory:' });
    expect(parseDatabaseUrl('postgres://u:p@db.local/shop')).toMatchObject({
      dialect: 'postgres',
      host: 'db.local',
      port: 5432,
    });
    expect(parseDatabaseUrl('postgresql://u@[::1]:6543/x')).toMatchObject({
      dialect: 'postgres',
      host: '::1',
      port: 6543,
    });
    expect(parseDatabaseUrl('mysql://root@127.0.0.1/test')).toMatchObject({
      dialect: 'mysql',
      host: '127.0.0.1',
      port: 3306,
    });
    expect(parseDatabaseUrl('mariadb://root@h:3307/test')).toMatchObject({ dialect: 'mysql', port: 3307 });
  });

  it('rejects unknown schemes and malformed URLs with coded errors, never printing the password', () => {
    const unsupported = (() => {
      try {
        parseDatabaseUrl('oracle://scott:tiger@db/x');
      } catch (e) {
        return e as DataError;
      }
      return undefined;
    })()!;
    expect(unsupported).toBeInstanceOf(DataError);
    expect(unsupported.code).toBe('TENON_DATA_UNSUPPORTED_DIALECT');
    expect(unsupported.message).toBe(
      'The database URL "oracle://scott:***@db/x" uses the scheme "oracle:", which @tenon/data has no dialect for. Use pglite:, postgres: (or postgresql:), mysql: (or mariadb:) or sqlite:.',
    );
    expect(() => parseDatabaseUrl('localhost:5432')).toThrow(
      expect.objectContaining({
        code: 'TENON_DATA_INVALID_URL',
        message:
          'The database URL "localhost:5432" cannot be used: it does not start with a scheme such as "postgres://". Use one of pglite://memory, pglite://<folder>, postgres://user:password@host:5432/db, mysql://user:password@host:3306/db, sqlite://<file>.',
      }) as Error,
    );
    expect(() => parseDatabaseUrl('sqlite://')).toThrow(
      expect.objectContaining({ code: 'TENON_DATA_INVALID_URL' }) as Error,
    );
    expect(() => parseDatabaseUrl('postgres://')).toThrow(
      expect.objectContaining({ code: 'TENON_DATA_INVALID_URL' }) as Error,
    );
  });

  it('describes each dialect with capability flags', () => {
    expect(capabilitiesOf('mysql')).toMatchObject({
      returning: false,
      transactionalDdl: false,
      ilike: false,
      singleConnection: false,
    });
    expect(capabilitiesOf('pglite')).toMatchObject({
      returning: true,
      singleConnection: true,
      savepoints: true,
      ilike: true,
    });
    expect(capabilitiesOf('sqlite')).toMatchObject({ singleConnection: true, readOnlyTransactions: false });
    expect(capabilitiesOf('postgres')).toMatchObject({
      singleConnection: false,
      isolationLevels: true,
      statementTimeout: true,
    });
  });
});
