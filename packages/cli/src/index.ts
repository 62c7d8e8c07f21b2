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
