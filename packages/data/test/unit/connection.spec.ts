import 'reflect-metadata';
import { createServer, type AddressInfo } from 'node:net';
import { Database, DataModule, Propagation, Transactional, TransactionManager } from '@tenon/data';
import { loadPeer } from '../../src/connection/load-peer';

const installed = (() => {
  try {
    require.resolve('better-sqlite3');
    return true;
  } catch {
    return false;
  }
})();

describe('connections', () => {
  (installed ? it.skip : it)(
    'names the package to install when the SQLite driver is missing (better-sqlite3 not installed here)',
    () => {
      expect(() => new Database({ url: 'sqlite://./app.db' })).toThrow(
        expect.objectContaining({
          code: 'TENON_DATA_DRIVER_NOT_INSTALLED',
          message:
            'The sqlite dialect needs the package "better-sqlite3", which is not installed. Install it with: npm install better-sqlite3',
        }) as Error,
      );
    },
  );

  it('turns any missing driver module into the same coded error', () => {
    const missing = (id: string) => {
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    };
    expect(() => loadPeer('pg', 'postgres', missing)).toThrow(
      expect.objectContaining({
        code: 'TENON_DATA_DRIVER_NOT_INSTALLED',
        message: expect.stringContaining('npm install pg'),
      }) as Error,
    );
    const broken = () => {
      throw new TypeError('boom inside the driver');
    };
    expect(() => loadPeer('pg', 'postgres', broken)).toThrow(TypeError);
  });

  it.each([
    ['postgres://postgres@127.0.0.1:1/test', 'postgres'],
    ['mysql://root@127.0.0.1:1/test', 'mysql'],
  ])('connection refused at boot is a coded error naming host and port (%s)', async (url, dialect) => {
    const error = await Database.connect({ url, pool: { connectTimeoutMs: 2000 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'TENON_DATA_CONNECTION_REFUSED',
      status: 503,
      message: `Could not connect to ${dialect} at 127.0.0.1:1: the connection was refused. Check that the database server is running and listening on 127.0.0.1:1, and that the URL names the right host and port.`,
    });
  });

  it('a repository lookup that cannot get a connection is the same coded error (PostgreSQL direct path)', async () => {
    const { Column, CrudRepository, Entity, Id, Repository } = await import('@tenon/data');
    @Entity('refused_items')
    class Item {
      @Id() id!: number;
      @Column({ type: 'text' }) name!: string;
    }
    @Repository(Item)
    class ItemRepository extends CrudRepository<Item, number> {}
    const database = new Database({
      url: 'postgres://postgres@127.0.0.1:1/test',
      pool: { connectTimeoutMs: 2000 },
    });
    // The first statement initialises the driver (Kysely's path); lookups after it take the direct one.
    await expect(database.ping()).rejects.toMatchObject({ code: 'TENON_DATA_CONNECTION_REFUSED' });
    const error = await database
      .repository(ItemRepository)
      .findById(1)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'TENON_DATA_CONNECTION_REFUSED',
      status: 503,
      message: `Could not connect to postgres at 127.0.0.1:1: the connection was refused. Check that the database server is running and listening on 127.0.0.1:1, and that the URL names the right host and port.`,
    });
    await database.close();
  });

  it.each([['postgres'], ['mysql']])(
    'a server that accepts and never answers is TENON_DATA_CONNECTION_TIMEOUT, not a lost connection (%s)',
    async (dialect) => {
      const sockets = new Set<import('node:net').Socket>();
      const silent = createServer((socket) => sockets.add(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const port = (silent.address() as AddressInfo).port;
      const user = dialect === 'postgres' ? 'postgres' : 'root';
      try {
        const error = await Database.connect({
          url: `${dialect}://${user}@127.0.0.1:${port}/test`,
          pool: { connectTimeoutMs: 300 },
        }).catch((e: unknown) => e);
        expect(error).toMatchObject({
          code: 'TENON_DATA_CONNECTION_TIMEOUT',
          status: 503,
          message: `Could not connect to ${dialect} at 127.0.0.1:${port}: nothing answered within the connect timeout. Check that 127.0.0.1:${port} is the database server (a firewall that drops packets, or another service on that port, looks like this), or raise pool.connectTimeoutMs if the server is slow to accept.`,
        });
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => silent.close(resolve));
      }
    },
  );

  it('checks module options when they are given', () => {
    expect(() => DataModule.forRoot({ schema: 'sometimes' as never })).toThrow(
      expect.objectContaining({
        code: 'TENON_DATA_INVALID_SCHEMA_MODE',
        message: `schema is "sometimes"; it must be 'migrate', 'validate', 'create' or 'none'.`,
      }) as Error,
    );
    expect(() => DataModule.forFeature([class NotRepo {}])).toThrow(
      expect.objectContaining({ code: 'TENON_DATA_NOT_A_REPOSITORY' }) as Error,
    );
  });
});

describe('@Transactional without a manager', () => {
  it('rejects with a coded error naming the method', async () => {
    class Service {
      @Transactional()
      async work(): Promise<string> {
        return 'done';
      }
    }
    TransactionManager.setDefault(undefined);
    await expect(new Service().work()).rejects.toMatchObject({
      code: 'TENON_DATA_NO_TRANSACTION_MANAGER',
      message:
        '@Transactional() Service.work() was called, but no TransactionManager is registered. Import DataModule.forRoot(...) in the application (it registers one at boot), or call TransactionManager.setDefault(database.transactions) when using a Database directly.',
    });
  });

  it('checks options when decorating', () => {
    expect(() => Transactional({ propagation: 'ALWAYS' as Propagation })).toThrow(
      expect.objectContaining({ code: 'TENON_DATA_INVALID_TRANSACTION_OPTIONS' }) as Error,
    );
    expect(() => Transactional({ isolation: 'chaos' as never })).toThrow(
      expect.objectContaining({
        message:
          "Invalid transaction options: isolation \"chaos\" is not one of 'read uncommitted', 'read committed', 'repeatable read', 'serializable'.",
      }) as Error,
    );
  });
});
