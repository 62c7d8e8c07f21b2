import 'reflect-metadata';

export { runTenon, buildProgram } from './program';
export type { CliIo } from './cli-io';
export { processIo } from './cli-io';
export type { TenonCommand, CommandContext } from './commands/tenon-command';
export { COMMANDS } from './commands/commands';
export { CliErrorCode } from './errors/errors';
export { CliError } from './errors/cli.error';
export { cliVersion } from './package-root';
export { projectChecks } from './commands/info.command';
export type { InfoCheck } from './commands/info.command';
export { migrateFromNest, formatMigrationReport } from './migrate-from-nest/migrate-from-nest';
export type { MigrateFromNestOptions, MigrationReport } from './migrate-from-nest/migrate-from-nest';
export type { FileChanges } from './migrate-from-nest/file-migration';
export { NEST_NAMES, NEST_PACKAGES_NOT_YET } from './migrate-from-nest/nest-names';
export type { NestNameMapping, TenonSpelling, NoSpelling } from './migrate-from-nest/nest-names';
