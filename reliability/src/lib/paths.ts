import { join } from 'node:path';

/** The repository root (this file is compiled to reliability/dist/lib). */
export const ROOT = join(__dirname, '..', '..', '..');

/** The compiled entry points of the applications under test. */
export const APPS = {
  realworld: {
    main: join(ROOT, 'samples', 'realworld', 'dist', 'main.js'),
    createApp: join(ROOT, 'samples', 'realworld', 'dist', 'create-app.js'),
  },
  todo: {
    main: join(ROOT, 'samples', 'todo', 'dist', 'main.js'),
    appModule: join(ROOT, 'samples', 'todo', 'dist', 'app.module.js'),
  },
  bank: {
    main: join(ROOT, 'reliability', 'dist', 'fixtures', 'bank', 'main.js'),
  },
  probe: join(ROOT, 'reliability', 'dist', 'fixtures', 'probe.js'),
} as const;
