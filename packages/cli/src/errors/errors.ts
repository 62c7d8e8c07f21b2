/**
 * The registry of every `@tenon/cli` error code. The `tenon` command prints `CODE: message` and
 * exits with 1; each code has a row in `docs/errors.md` (a test checks it).
 */
export const CliErrorCode = {
  /** A file the command would write exists already. */
  FILE_EXISTS: 'TENON_CLI_FILE_EXISTS',
  /** `tenon new` into a folder that exists and is not empty. */
  DIRECTORY_NOT_EMPTY: 'TENON_CLI_DIRECTORY_NOT_EMPTY',
  /** A name (project, resource, class) that cannot become a file and class name. */
  INVALID_NAME: 'TENON_CLI_INVALID_NAME',
  /** An option value outside its choices, or a missing argument. */
  INVALID_OPTION: 'TENON_CLI_INVALID_OPTION',
  /** The command must run inside a Tenon app (a folder with package.json and tsconfig.json). */
  NOT_A_PROJECT: 'TENON_CLI_NOT_A_PROJECT',
  /** The module file a generator registers into cannot be edited. */
  MODULE_NOT_EDITABLE: 'TENON_CLI_MODULE_NOT_EDITABLE',
  /** `TENON_PACKAGES_DIR` names a folder without the needed tarballs. */
  PACKAGES_DIR_INVALID: 'TENON_CLI_PACKAGES_DIR_INVALID',
  /** A TypeScript file (migration, module) did not compile. */
  COMPILE_FAILED: 'TENON_CLI_COMPILE_FAILED',
  /** A package the command needs is not installed in the app. */
  PACKAGE_MISSING: 'TENON_CLI_PACKAGE_MISSING',
  /** A migration failed to load or to run; the message names its file. */
  MIGRATION_FAILED: 'TENON_CLI_MIGRATION_FAILED',
  /** `tenon migrate generate` while migrations are not applied. */
  MIGRATIONS_PENDING: 'TENON_CLI_MIGRATIONS_PENDING',
  /** `tenon migrate generate` found no `@Entity` class. */
  NO_ENTITIES: 'TENON_CLI_NO_ENTITIES',
  /** A child process (tsc, node, npm) failed. */
  PROCESS_FAILED: 'TENON_CLI_PROCESS_FAILED',
  /** A path given to a command does not exist or is not a folder. */
  PATH_NOT_FOUND: 'TENON_CLI_PATH_NOT_FOUND',
} as const;

export type CliErrorCode = (typeof CliErrorCode)[keyof typeof CliErrorCode];
