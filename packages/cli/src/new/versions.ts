/**
 * Version ranges a new app depends on besides `@tenon/*` (which take the CLI's own version):
 * the ones this repository builds and tests with.
 */
export const APP_DEPENDENCIES: Readonly<Record<string, string>> = {
  'class-transformer': '^0.5.1',
  'class-validator': '^0.15.1',
  'reflect-metadata': '^0.2.2',
};

// No @swc/jest or @swc/core: the jest preset of @tenon/testing and the CLI bring their own.
export const APP_DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@types/jest': '^30.0.0',
  '@types/node': '^22.12.0',
  jest: '^30.2.0',
  typescript: '~5.9.3',
};

/**
 * Dependencies whose install scripts a new app allows (npm's `allowScripts`, npm 11): the CLI's
 * swc and file watcher (prebuilt binaries; the scripts check or rebuild them) and the SQLite
 * driver, which compiles its addon when no prebuilt one matches the running Node. Without the
 * field, npm warns on every install and later versions skip those scripts.
 */
export const APP_INSTALL_SCRIPTS: readonly string[] = ['@parcel/watcher', '@swc/core'];

/** The databases `tenon new --db` knows: the default URL and the driver package to add. */
export const DATABASES = {
  pglite: {
    url: 'pglite://./.tenon/data',
    label: 'PGlite (PostgreSQL in-process, no server)',
    driver: undefined,
  },
  postgres: {
    url: 'postgres://postgres@127.0.0.1:5432/{{dbName}}',
    label: 'PostgreSQL',
    driver: ['pg', '^8.16.3'],
  },
  mysql: {
    url: 'mysql://root@127.0.0.1:3306/{{dbName}}',
    label: 'MySQL/MariaDB',
    driver: ['mysql2', '^3.15.3'],
  },
  sqlite: {
    url: 'sqlite://./.tenon/app.db',
    label: 'SQLite',
    driver: ['better-sqlite3', '^12.4.1'],
    installScript: true,
  },
} as const satisfies Record<
  string,
  {
    url: string;
    label: string;
    driver: readonly [string, string] | undefined;
    /** Whether the driver builds itself at install (see APP_INSTALL_SCRIPTS). */
    installScript?: boolean;
  }
>;

export type DatabaseKind = keyof typeof DATABASES;
