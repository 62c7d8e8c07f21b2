import { APPS } from './paths';
import { AppProcess } from './server';

/** The JWT secret the suite's realworld processes sign with (production refuses the default). */
export const JWT_SECRET = 'reliability-suite-secret-0123456789abcdef';

export interface StartOptions {
  databaseUrl: string;
  logLevel?: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
  ipc?: boolean;
  name?: string;
}

function start(app: keyof typeof APPS, entry: string, options: StartOptions): AppProcess {
  return new AppProcess({
    name: options.name ?? app,
    entry,
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: options.logLevel ?? 'warn',
      DATABASE_URL: options.databaseUrl,
      JWT_SECRET,
      ...(options.env ?? {}),
    },
    nodeArgs: options.nodeArgs ?? [],
    ipc: options.ipc ?? false,
  });
}

/** `node samples/realworld/dist/main.js` in production mode on a free port. */
export function startRealworld(options: StartOptions): AppProcess {
  return start('realworld', APPS.realworld.main, options);
}

/** `node samples/todo/dist/main.js` in production mode on a free port. */
export function startTodo(options: StartOptions): AppProcess {
  return start('todo', APPS.todo.main, options);
}

/** The suite's own fixture app (transfers, a request-scoped route, a rate limit). */
export function startBank(options: StartOptions): AppProcess {
  return start('bank', APPS.bank.main, options);
}
